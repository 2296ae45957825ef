package knowledge

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"
	"sync"
)

// Reports review the past year and the past plan period, then set targets
// for this year and the next plan period; the same indicator often appears
// in all four. Which of them a word speaks of is data: the one time-word
// table, data/time.tsv, which the report side (Scopes) and the question
// side (the answerer's lexicon) both read.

//go:embed data/time.tsv
var timeFile string

// Scope is the time a statement, a question or a time word is about. The
// zero value is ScopeAny.
type Scope int

// The scopes. A report's paragraphs, sentences and clauses have one of
// ScopeAny … ScopeCurrent; ScopeFrame, ScopeFiveYear and ScopeDate only
// mark rows of the time table.
const (
	ScopeAny          Scope = iota
	ScopeReview             // last year's results (去年, 过去一年)
	ScopePlan               // this year's targets (今年, 主要预期目标)
	ScopePeriodReview       // the plan period just ended (十四五, 五年来)
	ScopePeriodPlan         // the plan period ahead (十五五, 今后五年)
	ScopeCurrent            // the latest result, whichever period (现在, 目前)
	// ScopeFrame marks a word a target question uses (目标) that has no
	// time of its own.
	ScopeFrame
	// ScopeFiveYear marks a five-year plan; TimeWord.First is its first year.
	ScopeFiveYear
	// ScopeDate marks a date word (年底前, 上半年) that a when-question's
	// answer states; it asks no scope of its own.
	ScopeDate
)

// scopeNames are the scopes' names, as time.tsv spells them.
var scopeNames = [...]string{"any", "review", "plan", "period-review", "period-plan", "current", "frame", "five-year", "date"}

func (s Scope) String() string {
	if s < 0 || int(s) >= len(scopeNames) {
		return "Scope(" + strconv.Itoa(int(s)) + ")"
	}
	return scopeNames[s]
}

// TimeWord is one row of the time-word table.
type TimeWord struct {
	Word  string
	Scope Scope
	// First is the first year of a five-year plan (ScopeFiveYear only).
	First int
}

var timeWords = sync.OnceValue(func() []TimeWord {
	ts, err := parseTime(timeFile)
	if err != nil {
		panic("knowledge: data/time.tsv: " + err.Error())
	}
	return ts
})

// TimeWords returns the time-word table in its file order. The table is
// embedded and parsed once; callers must not modify the slice.
func TimeWords() []TimeWord { return timeWords() }

// parseTime reads the rows word<TAB>scope of a time table; a five-year
// plan's scope is five-year:Y with Y its first year. Blank lines and lines
// starting with # are skipped.
func parseTime(text string) ([]TimeWord, error) {
	var out []TimeWord
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		w, s, ok := strings.Cut(line, "\t")
		if !ok {
			return nil, fmt.Errorf("line %q: want word<TAB>scope", line)
		}
		t := TimeWord{Word: w, Scope: -1}
		if y, ok := strings.CutPrefix(s, "five-year:"); ok {
			n, err := strconv.Atoi(y)
			if err != nil {
				return nil, fmt.Errorf("line %q: first year: %w", line, err)
			}
			t.Scope, t.First = ScopeFiveYear, n
		} else {
			for i, name := range scopeNames {
				if name == s && Scope(i) != ScopeAny && Scope(i) != ScopeFiveYear {
					t.Scope = Scope(i)
				}
			}
		}
		if t.Scope < 0 {
			return nil, fmt.Errorf("line %q: unknown scope %q", line, s)
		}
		out = append(out, t)
	}
	return out, nil
}
