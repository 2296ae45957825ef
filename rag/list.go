package rag

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/reportbot/reportbot/knowledge"
)

// A list is often announced before it is given: 「主要目标是：」 ends a
// clause whose items are the clauses after it; 「重点做好六个方面工作：」
// and 「继续办好十方面民生实事」 announce items that are the next
// paragraphs' first clauses (一是…, 二是…) or the headings under it
// (（一）…, 1.…方面). The lead-in is what retrieval finds, since it names
// the asked thing; the answer is the items that follow it.

// leadCountRE announces a number of items: 六个方面, 十方面, 五大战略, 四件大事.
var leadCountRE = regexp.MustCompile(`([一二两三四五六七八九十]{1,3}|\d{1,2})(?:个方面|方面|件|大|项|条|个)|以下几个方面|以下几方面|如下几个方面`)

// countedNounRE is the thing a lead-in counts: 八大产业集群 counts
// 产业集群.
var countedNounRE = regexp.MustCompile(`(?:[一二两三四五六七八九十]{1,3}|\d{1,2})(?:大|个|项|条)(\p{Han}{2,8})$`)

// itemOpenRE opens an item of a list: 一是, （一）, 1., 第一，.
var itemOpenRE = regexp.MustCompile(`^\s*(?:[一二三四五六七八九十]+是|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、|\d{1,2}[.、．]|第[一二三四五六七八九十]+[，,、]|[①②③④⑤⑥⑦⑧⑨⑩])`)

// headingNumRE is a heading's numbering, dropped from an item.
var headingNumRE = regexp.MustCompile(`^\s*(?:（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、|\d{1,2}[.、．]\s*)`)

// leadIn reports whether a clause announces a list: it ends with ：or 是,
// or names a number of items. n is that number, or 0 when not given.
func leadIn(cl string) (n int, ok bool) {
	t := strings.TrimRight(strings.TrimSpace(cl), "。；;，,")
	ends := strings.HasSuffix(t, "：") || strings.HasSuffix(t, ":") || strings.HasSuffix(t, "是")
	if m := leadCountRE.FindStringSubmatch(t); m != nil {
		return chineseNumber(m[1]), true
	}
	return 0, ends
}

// chineseNumber reads 1–99 written in Chinese numerals or digits; 0 when
// it cannot.
func chineseNumber(s string) int {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	digit := func(r rune) int {
		return slices.Index([]rune("零一二三四五六七八九"), r)
	}
	rs := []rune(strings.ReplaceAll(s, "两", "二"))
	switch {
	case len(rs) == 1 && rs[0] == '十':
		return 10
	case len(rs) == 1:
		return max(digit(rs[0]), 0)
	case len(rs) == 2 && rs[0] == '十':
		return 10 + max(digit(rs[1]), 0)
	case len(rs) == 2 && rs[1] == '十':
		return 10 * max(digit(rs[0]), 0)
	case len(rs) == 3 && rs[1] == '十':
		return 10*max(digit(rs[0]), 0) + max(digit(rs[2]), 0)
	}
	return 0
}

// listItem is one item of a list with the paragraph it comes from.
type listItem struct {
	text string
	para int
}

// announcedItems returns the items a lead-in clause (paragraph para,
// sentence si, clause ci) announces: the clauses after it in its sentence
// when it ends with ：, else the next paragraphs that open as items, else
// the headings right under it. n bounds the items when the lead-in gives
// their number.
func (ix *answerer) announcedItems(para, si, ci, n int) []listItem {
	info := ix.paras[para-1]
	st := info.sents[si]
	cl := strings.TrimSpace(st.clauses[ci])
	limit := func(items []listItem) []listItem {
		if n > 0 && len(items) > n {
			items = items[:n]
		}
		return items
	}
	if strings.HasSuffix(cl, "：") || strings.HasSuffix(cl, ":") || strings.HasSuffix(cl, "是") {
		var items []listItem
		for _, x := range st.clauses[ci+1:] {
			if t := trimPunct(x); t != "" {
				items = append(items, listItem{t, para})
			}
		}
		if len(items) >= 1 {
			return limit(items)
		}
	}
	if m := countedNounRE.FindStringSubmatch(trimPunct(cl)); m != nil {
		// 着力打造八大产业集群。…打造医药产业集群。…打造食品烟草产业集群:
		// the sentences after, each naming one of the counted things.
		// With the lead-in's verb (打造) when it has one: 壮大…产业集群
		// inside an item's detail is no item.
		lead := []rune(strings.TrimSuffix(trimPunct(cl), m[0]))
		verb := ""
		if len(lead) >= 2 {
			verb = string(lead[len(lead)-2:])
		}
		var items, withVerb []listItem
		for k := si + 1; k < len(info.sents); k++ {
			first := strings.TrimSpace(info.sents[k].clauses[0])
			if strings.Contains(first, m[1]) && utf8.RuneCountInString(first) <= 30 {
				items = append(items, listItem{trimPunct(first), para})
				if verb != "" && strings.HasPrefix(first, verb) {
					withVerb = append(withVerb, listItem{trimPunct(first), para})
				}
			}
		}
		if len(withVerb) >= 2 {
			items = withVerb
		}
		if len(items) >= 2 && (n == 0 || len(items) >= n-1) {
			return limit(items)
		}
	}
	if si != len(info.sents)-1 {
		// Items in the paragraphs after are announced at a paragraph's end.
		return nil
	}
	// The next paragraphs, each opening as an item.
	var items []listItem
	ps := ix.report.Paragraphs
	for k := para; k < len(ps) && (n == 0 || len(items) < n) && len(items) < 12; k++ {
		first := ""
		if ss := ix.paras[k].sentences; len(ss) > 0 {
			first = knowledge.Clauses(ss[0])[0]
		}
		if !itemOpenRE.MatchString(first) {
			break
		}
		items = append(items, listItem{trimPunct(first), k + 1})
	}
	if len(items) >= 2 {
		return limit(items)
	}
	// The headings right under the lead-in.
	items = nil
	for _, h := range childHeadings(ix.report.Sections, para) {
		t := trimPunct(headingNumRE.ReplaceAllString(h.Title, ""))
		if t != "" {
			items = append(items, listItem{t, h.First})
		}
	}
	if len(items) >= 2 {
		return limit(items)
	}
	return nil
}

// childHeadings returns the headings that start right after paragraph
// para and their siblings at the same depth, in reading order, up to the
// first heading that is shallower.
func childHeadings(secs []*knowledge.Section, para int) []*knowledge.Section {
	var flat []*knowledge.Section
	var walk func([]*knowledge.Section)
	walk = func(ss []*knowledge.Section) {
		for _, s := range ss {
			flat = append(flat, s)
			walk(s.Children)
		}
	}
	walk(secs)
	start := -1
	for i, s := range flat {
		if s.First > para {
			if s.First <= para+1 {
				start = i
			}
			break
		}
	}
	if start < 0 {
		return nil
	}
	lvl := flat[start].Level
	var out []*knowledge.Section
	for _, s := range flat[start:] {
		if s.Level < lvl {
			break
		}
		if s.Level == lvl {
			out = append(out, s)
		}
	}
	return out
}

// wantsItems reports whether the answer to q at candidate c is the list
// the clause announces: q asks for items (or what something 是, and the
// clause ends in 是：), and the clause does not spell them out itself.
func (ix *answerer) wantsItems(q *query, c candidate) bool {
	switch {
	case q.kind == kindList:
		return q.abbrev.n == 0 || !ix.expands(q, ix.paras[c.para-1].sents[c.sent].fcl[c.clause])
	case q.kind == kindText:
		cl := strings.TrimSpace(ix.clauseText(c))
		return hasSuffixAny(cl, "：", ":", "是")
	}
	return false
}

// leadItems returns the items a candidate clause announces, or nil when
// it is no lead-in or they cannot be found.
func (ix *answerer) leadItems(c candidate) []listItem {
	n, ok := leadIn(ix.clauseText(c))
	if !ok {
		return nil
	}
	// A paragraph that enumerates its items itself (一是…；二是…) is
	// answered from its own text.
	rest := strings.Join(ix.paras[c.para-1].sentences[c.sent:], "")
	if len(enumRE.FindAllStringIndex(rest, -1)) >= 2 {
		return nil
	}
	return ix.announcedItems(c.para, c.sent, c.clause, n)
}

// askedCountRE finds how many items a question expects: 哪五个, 六个方面,
// 十方面, 五大战略.
var askedCountRE = regexp.MustCompile(`哪([一二两三四五六七八九十]{1,3})|([一二两三四五六七八九十]{1,3}|\d{1,2})(?:个方面|方面|件|大|项|条)`)

// askedCount returns the number of items a folded question expects, or 0.
func askedCount(f string) int {
	if m := askedCountRE.FindStringSubmatch(f); m != nil {
		return chineseNumber(m[1] + m[2])
	}
	return 0
}
