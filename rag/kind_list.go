package rag

import (
	"regexp"
	"strings"
)

// kindList asks for items: 哪些, 哪几个方面, 哪五个. The answer is the
// enumeration itself — the 一是…二是… of a paragraph, the 、-list of a
// clause, or the items a lead-in announces in the paragraphs or headings
// after it — not the lead-in sentence.
var kindList = register("list", listKind{})

type listKind struct{}

func (listKind) score(ix *answerer, q *query, v clauseView) float64 {
	sc := textKind{}.score(ix, q, v)
	c, fc, st, ci := v.c, v.fc, v.st, v.ci
	if v.focusCov > 0 || v.focusW == 0 && c.clauseCov >= ix.w.ListEnumMinCoverage {
		// The items themselves: an enumeration in the clause or right
		// after it.
		switch {
		case strings.Count(fc, "、") >= 2:
			if enumOf(fc, q.focus) {
				sc += ix.w.ListEnumBonus
			} else {
				sc -= ix.w.ListEnumOtherPenalty
			}
		case ci+1 < len(st.fcl) && strings.Count(st.fcl[ci+1], "、") >= 2 && enumOf(st.fcl[ci+1], q.focus):
			sc += ix.w.ListNextEnumBonus
		}
	}
	if c.clauseCov >= ix.w.ListLeadInMinCoverage {
		// A lead-in naming the asked thing (重点做好六个方面工作：) is where
		// the items start.
		if n, ok := leadIn(st.clauses[ci]); ok && (n == 0 || q.count == 0 || n == q.count) {
			sc += ix.w.ListLeadInBonus
			if n > 0 && n == q.count {
				sc += ix.w.ListLeadInCountBonus
			}
		}
	}
	return sc
}

func (listKind) accept(ix *answerer, q *query, c candidate) bool {
	return c.strongCov >= ix.w.MinTextCoverage
}

func (listKind) render(ix *answerer, q *query, c candidate) (string, string) {
	if text, quote, ok := ix.itemsSnippet(q, c); ok {
		return text, quote
	}
	s := ix.paras[c.para-1].sentences[c.sent]
	if members, quote := ix.spelledOut(q, c); len(members) > 0 {
		return strings.Join(members, "、"), quote
	}
	if q.abbrev.n == 0 {
		if items := ix.listItems(q, c); len(items) > 0 {
			return strings.Join(items, "；"), s
		}
		return trimPunct(s), s
	}
	// A numbered abbreviation (“两个先行”) spelled out in a sentence.
	if len([]rune(s)) <= maxSentenceAnswer {
		return trimPunct(s), s
	}
	return ix.clauseSnippet(q, c)
}

func (listKind) lead(*answerer, *query, candidate, string) string { return "" }

// quotedRE finds a quoted term in report text.
var quotedTermRE = regexp.MustCompile(`“([^“”]{2,24})”`)

// spelledOut returns the members a numbered abbreviation the question asks
// about (“三大工程”) is spelled out in — the quoted terms after the
// candidate clause in its paragraph that end as the abbreviation does
// (“基础设施建设工程”、“师德师风建设工程”、“智慧校园建设工程”), when
// there are as many as it counts — and the sentences that name them.
func (ix *answerer) spelledOut(q *query, c candidate) ([]string, string) {
	n, key := q.abbrev.n, q.abbrev.key
	if n < 2 || key == "" {
		return nil, ""
	}
	ss := ix.paras[c.para-1].sentences
	var members []string
	seen := map[string]bool{}
	quote := ""
	for si := c.sent; si < len(ss) && len(members) < n; si++ {
		quote += ss[si]
		for _, m := range quotedTermRE.FindAllStringSubmatch(ss[si], -1) {
			t := m[1]
			f := fold(t)
			if abbrevRE.MatchString(f) && strings.HasPrefix(abbrevRE.FindString(f), string([]rune(f)[0])) {
				continue // the abbreviation itself (“三大工程”)
			}
			if strings.HasSuffix(f, key) && len([]rune(f)) > len([]rune(key))+1 && !seen[f] {
				seen[f] = true
				members = append(members, t)
			}
		}
	}
	if len(members) < n {
		return nil, ""
	}
	return members[:n], quote
}
