package rag

import "strings"

// kindNumber asks for a figure: 多少, 几个点, 百分之几. The answer is the
// clause whose figure is the asked indicator's, in the asked unit, about
// the asked time; it leads with the figure as the report writes it.
var kindNumber = register("figure", figureKind{})

type figureKind struct{}

func (figureKind) score(ix *answerer, q *query, v clauseView) float64 {
	c := v.c
	sc := 0.0
	if c.hasNum {
		sc += ix.w.FigureBonus
	}
	if c.unitOK {
		sc += ix.w.UnitBonus
	}
	if q.level && c.levelOK {
		sc += ix.w.LevelBonus
	}
	if !c.scopeOK {
		sc -= ix.w.FigureScopePenalty
	}
	if v.focusW > 0 {
		sc += ix.w.FigureFocusCoverage * v.focusCov
	}
	if q.scope == scopePlan && ix.targetParas[v.c.para] {
		// This year's figure, asked: the report's own list of its targets
		// states it, beside plans that mention the indicator in passing.
		sc += ix.w.MainTargetsBonus
	}
	for _, t := range q.terms {
		if t.group && !t.weak && strings.Contains(v.fc, t.typed) && siblingIn(t, v.info) {
			sc += ix.w.TypedMemberBonus
		}
	}
	return sc
}

func (figureKind) accept(ix *answerer, q *query, c candidate) bool {
	switch {
	case c.strongCov < ix.w.MinFigureCoverage:
		return false
	case !c.hasNum || !c.scopeOK || c.windowCov < ix.w.MinFigureWindowCoverage:
		return false
	case !c.indicatorOK:
		// 人均GDP asked, 人均可支配收入 stated: the figure is another
		// indicator's.
		return false
	case q.earlier != 0 && !ix.namesYear(c, q.earlier):
		// 2020年GDP增长了多少 asked of a 2022 report: last year's figure
		// is a near miss, not the answer.
		return false
	case q.unitHard && !c.unitOK:
		return false
	case q.level && !c.levelOK:
		return false
	case ix.contrasted(q, c):
		return false
	}
	return true
}

// contrasted reports whether the candidate's clause states a sibling of
// the asked indicator: the question names one word of a contrast set
// (调查失业率), the clause another (登记失业率) and not the asked one.
func (ix *answerer) contrasted(q *query, c candidate) bool {
	fc := ix.paras[c.para-1].sents[c.sent].fcl[c.clause]
	for _, set := range ix.lx.Contrasts {
		asked := ""
		for _, w := range set {
			if strings.Contains(q.text, w) {
				asked = w
			}
		}
		if asked == "" || strings.Contains(fc, asked) {
			continue
		}
		for _, w := range set {
			if w != asked && strings.Contains(fc, w) {
				return true
			}
		}
	}
	return false
}

func (figureKind) render(ix *answerer, q *query, c candidate) (string, string) {
	return ix.clauseSnippet(q, c)
}

func (figureKind) lead(ix *answerer, q *query, c candidate, text string) string {
	return ix.askedFigure(q, c, text)
}
