package rag

import (
	"regexp"
	"strings"

	"github.com/reportbot/reportbot/rag/lexicon"
)

// kindWhen asks for a date or time: 什么时候, 何时, 哪天. The answer is the
// clause that states one — a year, month or day in digits, or a date word
// of the lexicon's time table (年底前, 上半年) — and leads with it. A
// clause that names the event but no date does not answer: the report
// does not say when.
var kindWhen = register("when", whenKind{})

type whenKind struct{}

// dateDigitsRE finds dates written in digits: 2025年4月1日, 11月6日至10日,
// 2026年, 3年内.
var dateDigitsRE = regexp.MustCompile(`(?:(?:19|20)\d\d年)?\d{1,2}月(?:\d{1,2}日)?(?:[至到-]\d{1,2}日)?|(?:19|20)\d\d年(?:底|初|末|内|前)?|\d+年内`)

func (whenKind) score(ix *answerer, q *query, v clauseView) float64 {
	sc := textKind{}.score(ix, q, v)
	switch {
	case datePhrase(ix.lx, v.fc) != "":
		sc += ix.w.WhenDateBonus
	case datePhrase(ix.lx, v.st.folded) != "":
		sc += ix.w.WhenDateBonus / 2
	}
	return sc
}

func (whenKind) accept(ix *answerer, q *query, c candidate) bool {
	// A date answers only for the event asked about: 二期 is not 三期.
	return c.strongCov >= ix.w.MinWhenCoverage && textKind{}.accept(ix, q, c) && whenKind{}.lead(ix, q, c, "") != ""
}

func (whenKind) render(ix *answerer, q *query, c candidate) (string, string) {
	return textKind{}.render(ix, q, c)
}

// lead returns the date the clause states, or else its sentence.
func (whenKind) lead(ix *answerer, q *query, c candidate, _ string) string {
	st := &ix.paras[c.para-1].sents[c.sent]
	if d := datePhrase(ix.lx, st.fcl[c.clause]); d != "" {
		return d
	}
	return datePhrase(ix.lx, st.folded)
}

// datePhrase returns the first date folded text f states, with the year
// word before a date word (今年年底前), or "".
func datePhrase(lx *lexicon.Lexicon, f string) string {
	best, at := "", len(f)
	if loc := dateDigitsRE.FindStringIndex(f); loc != nil {
		best, at = f[loc[0]:loc[1]], loc[0]
	}
	for _, w := range lx.TimeWords(lexicon.ScopeDate) {
		i := strings.Index(f, w)
		if i < 0 || i > at || i == at && len(w) <= len(best) {
			continue
		}
		start := i
		for _, y := range []string{"今年", "明年", "本年"} {
			if strings.HasSuffix(f[:i], y) {
				start = i - len(y)
			}
		}
		best, at = f[start:i+len(w)], start
	}
	return best
}
