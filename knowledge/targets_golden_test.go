package knowledge_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/reportbot/reportbot/knowledge"
)

// update is parse_test.go's -update flag.

// goldenTargets is what a golden file holds for one report.
type goldenTargets struct {
	Title   string             `json:"title"`
	Year    int                `json:"year"`
	Targets []knowledge.Target `json:"targets"`
}

// TestTargetsGolden runs Parse and Targets over every development and
// held-out report and compares with testdata/targets/<name>.golden.json (go test -run Targets -update).
func TestTargetsGolden(t *testing.T) {
	files, err := filepath.Glob("../testdata/reports/*.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no reports in ../testdata/reports")
	}
	// The held-out reports are checked too, once their goldens were read
	// row by row against the report text; they are never tuned to.
	heldout, err := filepath.Glob("../testdata/heldout/*.txt")
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, heldout...)
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			r, err := knowledge.Parse(filepath.Base(f), data)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			ts := knowledge.Targets(r)
			for _, tg := range ts {
				checkCited(t, r, tg)
			}
			got, err := json.MarshalIndent(goldenTargets{r.Title, r.Year, ts}, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join("..", "testdata", "targets", name+".golden.json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./knowledge -run Targets -update)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("Targets(%s) differs from %s (-want +got):\n%s", name, golden, diff)
			}
		})
	}
}

// checkCited fails unless every quoted text and value is verbatim in the
// paragraph it cites.
func checkCited(t *testing.T, r *knowledge.Report, tg knowledge.Target) {
	t.Helper()
	p, ok := r.Paragraph(tg.Paragraph)
	if !ok || !strings.Contains(p.Text, tg.Text) || !strings.Contains(tg.Text, tg.Value) || !inOrder(tg.Text, tg.Indicator) && tg.Qualifier != tg.Text {
		t.Errorf("target %+v is not verbatim in §%d %q", tg, tg.Paragraph, p.Text)
	}
	if pv := tg.Previous; pv != nil {
		q, ok := r.Paragraph(pv.Paragraph)
		if !ok || !strings.Contains(q.Text, pv.Text) || !strings.Contains(pv.Text, pv.Value) || pv.Paragraph >= tg.Paragraph {
			t.Errorf("previous %+v of %s is not verbatim in an earlier §%d", pv, tg.Indicator, pv.Paragraph)
		}
	}
}

// inOrder reports whether every character of name appears in text, in
// order: an indicator is verbatim, or composed of the clause's own words
// (一产、二产、三产增加值分别增长… names 一产增加值增长; 粮食播种面积…、
// 总产量… names 粮食总产量).
func inOrder(text, name string) bool {
	for _, r := range name {
		i := strings.IndexRune(text, r)
		if i < 0 {
			return false
		}
		text = text[i+len(string(r)):]
	}
	return true
}

// TestTargetsZhenhaiParsed pins the five 镇海 targets through the
// real parser, independent of the golden file.
func TestTargetsZhenhaiParsed(t *testing.T) {
	data, err := os.ReadFile("../testdata/reports/zhenhai2023.txt")
	if err != nil {
		t.Fatal(err)
	}
	r, err := knowledge.Parse("zhenhai2023.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, tg := range knowledge.Targets(r) {
		if !tg.Secondary {
			got = append(got, tg.Indicator+tg.Value+tg.Qualifier)
		}
	}
	want := []string{
		"地区生产总值增长5.5%以上",
		"一般公共预算收入95亿元以上",
		"城乡居民收入增长与经济增长基本同步",
		"城镇登记失业率3%控制在…以内",
		"节能减排降碳和大气质量、水环境质量完成省市明确的既定目标",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("zhenhai main targets:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
