package rag

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/longbridgeapp/opencc"
)

// rephrasings are the ways people type the same question. Each must score
// within 0.02 of the question as written, over every question set.
func rephrasings(t testing.TB) []struct {
	name string
	fn   func(string) string
} {
	s2t, err := opencc.New("s2t")
	if err != nil {
		t.Fatal(err)
	}
	return []struct {
		name string
		fn   func(string) string
	}{
		{"请问", func(q string) string { return "请问" + q }},
		{"我想知道", func(q string) string { return "我想知道" + q }},
		{"麻烦问下…谢谢", func(q string) string { return "麻烦问下，" + q + "，谢谢" }},
		{"能告诉我…吗", func(q string) string {
			return "能告诉我" + strings.TrimRight(q, "？?") + "吗？"
		}},
		{"traditional", func(q string) string {
			out, err := s2t.Convert(q)
			if err != nil {
				t.Fatal(err)
			}
			return out
		}},
		{"full-width", func(q string) string {
			return strings.Map(func(r rune) rune {
				if r > ' ' && r < 0x7f {
					return r - 0x21 + 0xFF01
				}
				return r
			}, q)
		}},
		{"spaces", spaced},
	}
}

// spaced puts spaces where people type them: between Chinese and Latin
// text or digits, and after the opening word.
func spaced(q string) string {
	var b strings.Builder
	rs := []rune(q)
	for i, r := range rs {
		if i > 0 && (unicode.Is(unicode.Han, r) != unicode.Is(unicode.Han, rs[i-1])) && !unicode.IsPunct(r) && !unicode.IsPunct(rs[i-1]) {
			b.WriteRune(' ')
		}
		if i == 2 && unicode.Is(unicode.Han, r) && unicode.Is(unicode.Han, rs[i-1]) {
			b.WriteRune(' ')
		}
		b.WriteRune(r)
	}
	return " " + b.String() + " "
}

// TestRephrasings runs every question set under each rephrasing: polite
// prefixes and closings, traditional characters, full-width digits and
// letters, spaces. Accuracy over all sets stays within 0.02 of the sets as
// written.
func TestRephrasings(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every question set several times")
	}
	sets, _ := filepath.Glob(filepath.Join("..", "testdata", "qa", "*.jsonl"))
	heldout, _ := filepath.Glob(filepath.Join("..", "testdata", "heldout*", "*.qa.jsonl"))
	sets = append(sets, heldout...)
	indexes := map[string]*Index{}
	type group struct {
		ix    *Index
		cases []EvalCase
	}
	var groups []group
	for _, set := range sets {
		base := filepath.Base(set)
		own := strings.SplitN(base, ".", 2)[0]
		if reportPath(own) == "" {
			own = ""
		}
		cases := readCases(t, set)
		by := map[string][]EvalCase{}
		for _, c := range cases {
			name := c.Report
			if name == "" {
				name = own
			}
			if reportPath(name) == "" || !hasHan(c.Q) {
				continue // English questions are rephrased in English, not here
			}
			by[name] = append(by[name], c)
		}
		for name, cs := range by {
			if raceEnabled {
				// Under the race detector every fourth question of each set
				// keeps the test to a minute; without it, all of them.
				var some []EvalCase
				for i := 0; i < len(cs); i += 4 {
					some = append(some, cs[i])
				}
				cs = some
			}
			ix := indexes[name]
			if ix == nil {
				ix = buildTestIndex(t, loadTestReport(t, name))
				indexes[name] = ix
			}
			groups = append(groups, group{ix, cs})
		}
	}
	score := func(fn func(string) string) (float64, []EvalResult) {
		var all []EvalResult
		for _, g := range groups {
			cases := make([]EvalCase, len(g.cases))
			for i, c := range g.cases {
				c.Q = fn(c.Q)
				cases[i] = c
			}
			ix := g.ix
			rep := Evaluate(context.Background(), cases, func(n int) string {
				p, _ := ix.report.Paragraph(n)
				return p.Text
			}, func(ctx context.Context, q string) (Answer, error) { return Extract(ctx, ix, q) })
			all = append(all, rep.Results...)
		}
		return summarize(all).Accuracy, all
	}
	orig, base := score(func(q string) string { return q })
	t.Logf("as written: accuracy %.3f over %d questions", orig, len(base))
	for _, rp := range rephrasings(t) {
		t.Run(rp.name, func(t *testing.T) {
			acc, res := score(rp.fn)
			t.Logf("accuracy %.3f (as written %.3f)", acc, orig)
			if acc < orig-0.02 {
				for i, r := range res {
					if base[i].Correct && !r.Correct {
						t.Logf("MISS %q: %s", r.Case.Q, strings.ReplaceAll(r.Answer, "\n", " | "))
					}
				}
				t.Errorf("accuracy %.3f, more than 0.02 below %.3f", acc, orig)
			}
		})
	}
}
