package rag

import "strings"

// kindWho asks for a person: 是谁, 哪位. The report's speaker is named at
// its top (市长 张三, …同志作政府工作报告); other people in the clause
// that names them.
var kindWho = register("who", whoKind{})

type whoKind struct{}

// titleWords name the official who delivers a report.
var titleWords = []string{"省长", "市长", "区长", "县长", "州长", "主席", "总理"}

func (whoKind) score(ix *answerer, q *query, v clauseView) float64 {
	if !containsAny(v.fc, titleWords...) && !strings.Contains(v.fc, "同志") {
		return 0
	}
	if q.speaker {
		return ix.w.TitleBonus + ix.w.SpeakerBonus
	}
	return ix.w.TitleBonus
}

func (whoKind) accept(ix *answerer, q *query, c candidate) bool {
	if containsAny(ix.paras[c.para-1].sents[c.sent].fcl[c.clause], titleWords...) {
		return true
	}
	return textKind{}.accept(ix, q, c)
}

func (whoKind) render(ix *answerer, q *query, c candidate) (string, string) {
	info := ix.paras[c.para-1]
	if s := info.sentences[c.sent]; len([]rune(s)) <= maxSentenceAnswer {
		return trimPunct(s), s
	}
	return ix.clauseSnippet(q, c)
}

func (whoKind) lead(*answerer, *query, candidate, string) string { return "" }
