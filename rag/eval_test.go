package rag

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reportbot/reportbot/knowledge"
)

var discard = slog.New(slog.NewTextHandler(io.Discard, nil))

// loadTestReport parses one of the development reports in ../testdata.
func loadTestReport(t testing.TB, name string) *knowledge.Report {
	t.Helper()
	path := reportPath(name)
	if path == "" {
		t.Fatalf("no report %s in testdata/reports or testdata/heldout*", name)
	}
	return parseTestFile(t, path)
}

// parseTestFile parses the report file at path.
func parseTestFile(t testing.TB, path string) *knowledge.Report {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r, err := knowledge.Parse(filepath.Base(path), data)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// reportPath finds a test report by name (.txt or .md): a development
// report, or one of the reports held out from development
// (testdata/heldout, heldout2–6).
func reportPath(name string) string {
	for _, dir := range []string{"reports", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7"} {
		for _, ext := range []string{".txt", ".md"} {
			p := filepath.Join("..", "testdata", dir, name+ext)
			if _, err := os.Stat(p); err == nil {
				return p
			}
		}
	}
	return ""
}

func buildTestIndex(t testing.TB, r *knowledge.Report) *Index {
	t.Helper()
	ix, err := BuildIndex(context.Background(), discard, r, NewHashEmbedder(0), nil)
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

// TestEvalThresholds runs every question set offline — the development
// sets, and those of the reports held out from development — and fails if a
// set drops below the targets.
func TestEvalThresholds(t *testing.T) {
	sets, _ := filepath.Glob(filepath.Join("..", "testdata", "qa", "*.jsonl"))
	heldout, _ := filepath.Glob(filepath.Join("..", "testdata", "heldout", "*.qa.jsonl"))
	sets = append(sets, heldout...)
	if len(sets) == 0 {
		t.Fatal("no question sets")
	}
	indexes := map[string]*Index{}
	index := func(t *testing.T, name string) *Index {
		ix := indexes[name]
		if ix == nil {
			ix = buildTestIndex(t, loadTestReport(t, name))
			indexes[name] = ix
		}
		return ix
	}
	for _, set := range sets {
		base := filepath.Base(set)
		own := strings.SplitN(base, ".", 2)[0]
		if reportPath(own) == "" {
			own = "" // extra sets name their report in each record
		}
		t.Run(base, func(t *testing.T) {
			cases := readCases(t, set)
			byReport := map[string][]EvalCase{}
			var names []string
			for _, c := range cases {
				name := c.Report
				if name == "" {
					name = own
				}
				if name == "" {
					t.Fatalf("%s: %q names no report", base, c.Q)
				}
				if byReport[name] == nil {
					names = append(names, name)
				}
				byReport[name] = append(byReport[name], c)
			}
			var all []EvalResult
			for _, name := range names {
				ix := index(t, name)
				rep := Evaluate(context.Background(), byReport[name], func(n int) string {
					p, _ := ix.report.Paragraph(n)
					return p.Text
				}, func(ctx context.Context, q string) (Answer, error) { return Extract(ctx, ix, q) })
				all = append(all, rep.Results...)
			}
			rep := summarize(all)
			t.Logf("acc=%.2f hit1=%.2f hit3=%.3f mrr=%.2f unans=%.2f (%d questions)", rep.Accuracy, rep.HitAt1, rep.HitAt3, rep.MRR, rep.UnanswerableOK, rep.Questions)
			if testing.Verbose() {
				for _, m := range rep.Misses() {
					t.Logf("MISS %q rank=%d missing=%v found=%v\n   got: %s", m.Case.Q, m.EvRank, m.Missing, m.Found, strings.ReplaceAll(m.Answer, "\n", " | "))
				}
			}
			if rep.Accuracy < 0.85 || rep.HitAt3 < 0.95 || (rep.Unanswerable > 0 && rep.UnanswerableOK < 0.8) {
				t.Errorf("below target: %s", fmt.Sprintf("accuracy %.2f (≥0.85), hit@3 %.3f (≥0.95), unanswerable %.2f (≥0.8)", rep.Accuracy, rep.HitAt3, rep.UnanswerableOK))
			}
		})
	}
}

// heldOutFloors are the accuracies the held-out sets 2 to 7 must keep.
// They were measured once before any fix (each set's README) and fixed by kind since, so they now guard against regressions
// and no longer measure generalisation. Each floor sits a question or two
// under the figure of 2026-12-01 (set 6: under the figures after its
// misses were fixed by kind, 2026-12-02; national2019, liuzhou2018 and
// yangzhou2024 rose with those fixes too).
var heldOutFloors = map[string]float64{
	"baoding2022": 0.88, "gaoyang2019": 0.92, "hebei2024": 0.95,
	"changde2023": 0.87, "yunnan2019": 0.85, "national2019": 0.79,
	"hailaer2016": 0.83, "hailaer2019": 0.83, "national2018": 0.78,
	"tianshui2019": 0.81, "liuzhou2018": 0.78, "yangzhou2024": 0.75,
	"shaanxi2025": 0.93, "xiamen2019": 0.93, "yichang2021": 0.93,
	// Set 7, first read 0.73 / 0.93 / 0.93 (2026-12-02), 0.87 / 1.00 / 1.00
	// after its misses were fixed by kind.
	"national2022": 0.80, "anhui2023": 0.93, "yanbian2023": 0.93,
}

func TestHeldOutRegression(t *testing.T) {
	for name, floor := range heldOutFloors {
		t.Run(name, func(t *testing.T) {
			var set string
			for _, d := range []string{"heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7"} {
				if p := filepath.Join("..", "testdata", d, name+".qa.jsonl"); fileExists(p) {
					set = p
				}
			}
			cases := readCases(t, set)
			ix := buildTestIndex(t, loadTestReport(t, name))
			rep := Evaluate(context.Background(), cases, func(n int) string {
				p, _ := ix.report.Paragraph(n)
				return p.Text
			}, func(ctx context.Context, q string) (Answer, error) { return Extract(ctx, ix, q) })
			t.Logf("acc=%.2f unans=%.2f (%d questions)", rep.Accuracy, rep.UnanswerableOK, rep.Questions)
			if rep.Accuracy < floor {
				for _, m := range rep.Misses() {
					t.Logf("MISS %q: %s", m.Case.Q, strings.ReplaceAll(m.Answer, "\n", " | "))
				}
				t.Errorf("accuracy %.2f below the floor %.2f", rep.Accuracy, floor)
			}
		})
	}
}

// readCases reads a question set.
func readCases(t testing.TB, path string) []EvalCase {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cases, err := ReadEvalCases(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return cases
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
