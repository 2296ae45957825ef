package rag

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/reportbot/reportbot/knowledge"
	"github.com/reportbot/reportbot/rag/lexicon"
)

// scope is the time a statement or a question is about: knowledge's
// (knowledge.Scopes dates the report's paragraphs, items and clauses; this
// file reads the question's and tells which statements can answer it).
type scope = knowledge.Scope

const (
	scopeAny          = knowledge.ScopeAny
	scopeReview       = knowledge.ScopeReview
	scopePlan         = knowledge.ScopePlan
	scopePeriodReview = knowledge.ScopePeriodReview
	scopePeriodPlan   = knowledge.ScopePeriodPlan
	scopeCurrent      = knowledge.ScopeCurrent
)

var yearRE = regexp.MustCompile(`(20\d\d)年`)

// maxPlanYears is how far after the report's year a year named in a
// question is still the end of the coming plan period (到2025年 in 2021);
// later ones (到2035年) are long-range aims, not its targets.
const maxPlanYears = 5

// questionScope reads the time a folded question asks about from the
// lexicon's time table: a five-year plan first (ahead or behind the
// report's year), then the plan periods, then a stated year, then the
// relative words, then the words of a target question.
func questionScope(lx *lexicon.Lexicon, q string, year int) scope {
	for _, t := range lx.Time {
		if t.Scope == lexicon.ScopeFiveYear && strings.Contains(q, t.Word) {
			return knowledge.FiveYearScope(t.First, year)
		}
	}
	for _, s := range []lexicon.Scope{lexicon.ScopePeriodPlan, lexicon.ScopePeriodReview} {
		if containsAny(q, lx.TimeWords(s)...) {
			return scopeOf(s)
		}
	}
	if m := yearRE.FindStringSubmatch(q); m != nil && year != 0 {
		y, _ := strconv.Atoi(m[1])
		switch {
		case y == year || y == year+1:
			return scopePlan
		case y < year:
			return scopeReview
		case y > year+1 && y <= year+maxPlanYears:
			// 到2025年 asked of a 2021 report: the end of the plan
			// period, whose targets the five-year part sets.
			return scopePeriodPlan
		}
	}
	for _, s := range []lexicon.Scope{lexicon.ScopeReview, lexicon.ScopePlan, lexicon.ScopeCurrent, lexicon.ScopeFrame} {
		if containsAny(q, lx.TimeWords(s)...) {
			return scopeOf(s)
		}
	}
	return scopeAny
}

// scopeOf maps a time-table scope to the one a question asks; a frame word
// (目标) asks for a target, and the other table-only marks ask none.
func scopeOf(s lexicon.Scope) scope {
	switch s {
	case lexicon.ScopeReview, lexicon.ScopePeriodPlan, lexicon.ScopePeriodReview, lexicon.ScopeCurrent, lexicon.ScopePlan:
		return s
	case lexicon.ScopeFrame:
		return scopePlan
	}
	return scopeAny
}

// compatible reports whether a statement of scope s can answer a question
// of scope q.
func compatible(q, s scope) bool {
	switch q {
	case scopeAny:
		return true
	case scopeCurrent:
		return s == scopeReview || s == scopePeriodReview || s == scopeAny
	case scopePeriodReview:
		return s == scopePeriodReview || s == scopeReview || s == scopeAny
	case scopeReview:
		return s == scopeReview || s == scopeAny
	case scopePlan:
		return s == scopePlan || s == scopeAny
	case scopePeriodPlan:
		return s == scopePeriodPlan
	}
	return true
}

func containsAny(s string, subs ...string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}

func hasPrefixAny(s string, ps ...string) bool {
	for _, p := range ps {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
