package rag

import "strings"

// kindText is the default kind: a phrase answers it (what, how, whether,
// 以什么为指导). A short sentence is given whole; a long one is cut to the
// answering clauses; a clause that announces items (…是：) is given with
// them.
var kindText = register("text", textKind{})

type textKind struct{}

func (textKind) score(ix *answerer, q *query, v clauseView) float64 {
	sc := 0.0
	if !v.c.scopeOK {
		sc -= ix.w.TextScopePenalty
	}
	if v.focusW > 0 {
		sc += ix.w.TextFocusCoverage * v.focusCov
	}
	if q.focus != "" && strings.Contains(v.fc, q.focus) {
		sc += ix.w.FocusPhraseBonus
	}
	return sc
}

func (textKind) accept(ix *answerer, q *query, c candidate) bool {
	// Descriptive questions use verbs and framing the report never uses
	// (担心, 承认); only figures need the strict check.
	if c.strongCov < ix.w.MinTextCoverage {
		return false
	}
	return c.scopeOK || q.scope == scopeAny || q.scope == scopeCurrent
}

func (textKind) render(ix *answerer, q *query, c candidate) (string, string) {
	if text, quote, ok := ix.itemsSnippet(q, c); ok {
		return text, quote
	}
	info := ix.paras[c.para-1]
	if s := info.sentences[c.sent]; len([]rune(s)) <= maxSentenceAnswer {
		// A short sentence is the answer whole: 生态文明建设基础还不够牢固，
		// 环境问题反弹回潮压力依然存在。
		return trimPunct(s), s
	}
	return ix.clauseSnippet(q, c)
}

func (textKind) lead(*answerer, *query, candidate, string) string { return "" }
