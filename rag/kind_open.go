package rag

import (
	"strings"
	"unicode/utf8"

	"github.com/reportbot/reportbot/knowledge"
)

// kindOpen asks an open question about the year's framing — 总体要求,
// 指导思想, 今年的重点, 民生实事 — or about what is done on a topic
// (教育方面有什么举措, 灾后重建有哪些安排). Its answer is the paragraph the
// report gives the asked thing: the one whose heading, lead sentence, item
// opener (一是…) or lead-in (总体要求是：) names it, answered with the
// lead-in's sentence or items, or with the paragraph's (or item's) lead
// sentences — never a stray clause that merely shares a word with it
// (总体应急预案 does not name 总体要求). When no paragraph names it, a
// clause stating a specific topic word for word (低空经济) answers; else
// the report does not say.
//
// Which words ask are rows of the kinds table (before list, so that
// 有哪些举措 is this kind's; the measure words 举措, 措施 are stops); the
// heads (总体要求, 重点, 民生实事, each with its other names) and the frame
// words around a topic are the open lists of the lexicon's kindwords.txt.
var kindOpen = register("open", openKind{})

type openKind struct{}

// maxOpenLead bounds, in runes, the lead sentences given from a paragraph
// or an item named by its heading or opener; maxOpenLeadIn bounds the
// sentence a lead-in opens (a 总体要求 runs long, and is the answer whole).
const (
	maxOpenLead   = 200
	maxOpenLeadIn = 600
)

// named is where a candidate clause names the asked thing.
type named int

const (
	namedNone    named = iota
	namedLeadIn        // the clause announces it: 总体要求是：, 办好十件民生实事
	namedHeading       // the paragraph's heading names it; the clause opens the paragraph
	namedLead          // the paragraph's first sentence names it
	namedItem          // an item opener (一是树立“教育保定”鲜明旗帜) names it
)

func (openKind) refine(ix *answerer, q *query) kind {
	if topic, _ := ix.openTopic(q); topic == "" {
		// 今年有哪些新举措: nothing named to look for; the next row's.
		return kindOf(ix.lx, q.text, "open")
	}
	return kindOpen
}

func (openKind) score(ix *answerer, q *query, v clauseView) float64 {
	sc := textKind{}.score(ix, q, v)
	switch ix.names(q, v.c) {
	case namedNone:
	case namedLeadIn:
		sc += ix.w.OpenNamedBonus + ix.w.OpenLeadInBonus
	default:
		sc += ix.w.OpenNamedBonus
	}
	return sc
}

func (openKind) accept(ix *answerer, q *query, c candidate) bool {
	// Naming it is the content check (the words around a head or topic,
	// 举措, 任务, are not the report's); the time must agree.
	if !c.scopeOK && q.scope != scopeAny && q.scope != scopeCurrent {
		return false
	}
	return ix.names(q, c) != namedNone || ix.mentions(q, c)
}

// minMentionRunes is the shortest topic a clause may answer by naming it
// in passing, when no paragraph is about it: 低空经济 is specific enough,
// 教育 (全民国防教育) is not.
const minMentionRunes = 3

// mentions reports whether a clause states a topic no paragraph is
// given to, word for word: the report's one clause about it. Asked with
// no time, what is done about a topic is planned: a result of the years
// reviewed (督察整改取得明显成效) does not answer.
func (ix *answerer) mentions(q *query, c candidate) bool {
	topic, head := ix.openTopic(q)
	if head || len([]rune(topic)) < minMentionRunes || q.scope == scopeAny && (c.scope == scopeReview || c.scope == scopePeriodReview) {
		return false
	}
	return strings.Contains(ix.paras[c.para-1].sents[c.sent].fcl[c.clause], topic)
}

func (openKind) render(ix *answerer, q *query, c candidate) (string, string) {
	info := &ix.paras[c.para-1]
	switch ix.names(q, c) {
	case namedLeadIn:
		if items := ix.leadItems(c); len(items) > 0 && items[len(items)-1].para != c.para {
			// 办好十件民生实事 announces the headings after it.
			var ts []string
			for _, it := range items {
				ts = append(ts, it.text)
			}
			return trimPunct(ix.clauseText(c)) + "：" + strings.Join(ts, "；"), info.sentences[c.sent]
		}
		if ix.enumerates(c) {
			// 重点把握好三个方面。一是…二是…: the items' heads.
			if items := ix.listItems(q, c); len(items) > 0 {
				st := info.sents[c.sent]
				if c.clause > 0 && items[0] == trimPunct(st.clauses[0]) {
					items = items[1:] // the sentence's own opening, said below
				}
				head := trimPunct(strings.Join(st.clauses[:c.clause+1], ""))
				return head + "：" + strings.Join(items, "；"), strings.Join(info.sentences[c.sent:], "")
			}
		}
		// 总体要求是：以…为指导，…: the sentence it opens, whole (our
		// sentences end at ；, the report's at 。).
		st := info.sents[c.sent]
		text := strings.Join(st.clauses[c.clause:], "")
		quote := info.sentences[c.sent]
		for k := c.sent + 1; k < len(info.sentences) && endsItem(info.sentences[k-1]); k++ {
			text += info.sentences[k]
			quote += info.sentences[k]
		}
		return trimPunct(cutRunes(text, maxOpenLeadIn)), quote
	case namedItem:
		return ix.leadSentences(info, c.sent, true)
	case namedNone:
		return textKind{}.render(ix, q, c) // mentions: the clause
	case namedHeading:
		// 三、2026年重点工作 with （一）…（六） under it: the headings.
		if items := ix.childItems(c.para); len(items) >= 2 {
			var ts []string
			for _, it := range items {
				ts = append(ts, it.text)
			}
			title := trimPunct(headingNumRE.ReplaceAllString(ix.sectionOf(c.para).Title, ""))
			return title + "：" + strings.Join(ts, "；"), info.sentences[0]
		}
	}
	return ix.leadSentences(info, 0, false)
}

// childItems returns the headings right under the section paragraph para
// opens, with the paragraphs they open.
func (ix *answerer) childItems(para int) []listItem {
	sec := ix.sectionOf(para)
	if sec == nil {
		return nil
	}
	var items []listItem
	for _, ch := range sec.Children {
		if t := trimPunct(headingNumRE.ReplaceAllString(ch.Title, "")); t != "" && ch.First > 0 {
			items = append(items, listItem{t, ch.First})
		}
	}
	return items
}

// sectionOf returns the deepest heading paragraph para stands under, or
// nil.
func (ix *answerer) sectionOf(para int) *knowledge.Section {
	path := ix.report.Paragraphs[para-1].Section
	secs := ix.report.Sections
	var found *knowledge.Section
	for _, title := range path {
		var next *knowledge.Section
		for _, sc := range secs {
			if sc.Title == title && sc.First <= para && sc.First > 0 {
				next = sc // the last such heading before para
			}
		}
		if next == nil {
			return found
		}
		found, secs = next, next.Children
	}
	return found
}

func (openKind) lead(*answerer, *query, candidate, string) string { return "" }

// topic is what was asked about with what was asked of it: 「今年在低空经济
// 方面的举措」 for 今年在低空经济方面有什么举措.
func (openKind) topic(ix *answerer, q *query) string {
	if _, head := ix.openTopic(q); head {
		return ""
	}
	t := trimPunct(q.raw)
	loc := ix.lx.AskPhrase("open", t)
	if loc == nil || loc[0] == 0 || loc[1] < len(t) {
		return "" // 如何推进低空经济 reads as asked
	}
	ask := []rune(t[loc[0]:loc[1]])
	return t[:loc[0]] + "的" + string(ask[max(0, len(ask)-2):])
}

// hints are, for a head (总体要求, 重点), the paragraphs with a lead-in
// naming it and those that open a section whose heading names it (三、
// 2026年重点工作): a question of frame words alone retrieves poorly.
func (openKind) hints(ix *answerer, q *query) []hit {
	topic, head := ix.openTopic(q)
	if !head {
		return nil
	}
	var out []hit
	for k := range ix.paras {
		for _, st := range ix.paras[k].sents {
			for ci, fc := range st.fcl {
				if _, ok := leadIn(st.clauses[ci]); ok && ix.headSays(topic, fc) {
					out = append(out, hit{para: k + 1})
				}
			}
		}
	}
	var walk func([]*knowledge.Section)
	walk = func(secs []*knowledge.Section) {
		for _, sc := range secs {
			if sc.First > 0 && ix.headSays(topic, fold(sc.Title)) {
				out = append(out, hit{para: sc.First})
			}
			walk(sc.Children)
		}
	}
	walk(ix.report.Sections)
	return out
}

// more cites the paragraphs of the items a lead-in announces, or the
// headings under a heading named.
func (openKind) more(ix *answerer, q *query, c candidate) []int {
	var items []listItem
	switch ix.names(q, c) {
	case namedLeadIn:
		items = ix.leadItems(c)
	case namedHeading:
		if items = ix.childItems(c.para); len(items) < 2 {
			items = nil
		}
	}
	var out []int
	for _, it := range items {
		if it.para != c.para {
			out = append(out, it.para)
		}
	}
	return out
}

// leadSentences returns the sentences of a paragraph from sentence from,
// up to maxOpenLead runes: always the first, and the one after a short
// heading-like first (精准发力促进消费提振。). An item stops at the next
// item's opener.
func (ix *answerer) leadSentences(info *paraInfo, from int, item bool) (string, string) {
	var b strings.Builder
	n := 0
	// An item opened by 一是 runs to 二是; one opened by a heading-like
	// sentence (建设教育强省。) to the next such sentence.
	bySub := item && !itemOpenRE.MatchString(info.sentences[from])
	for k := from; k < len(info.sentences); k++ {
		s := info.sentences[k]
		r := utf8.RuneCountInString(s)
		next := item && (itemOpenRE.MatchString(s) || bySub && k > from+1 && subheading(info, k))
		if k > from && (next || n+r > maxOpenLead && (k > from+1 || n > 20)) {
			break
		}
		b.WriteString(s)
		n += r
	}
	quote := b.String()
	return trimPunct(cutRunes(quote, maxOpenLeadIn)), quote
}

// openTopic returns the folded thing an open question asks about: a head
// of the lexicon (总体要求, 民生实事) when it names one, else the words
// before its question words without frame and time words (促消费 in 今年在
// 促消费方面有什么举措), or after them (如何推进低空经济); head says which.
func (ix *answerer) openTopic(q *query) (string, bool) {
	f := q.text
	if h := ix.openHead(f); h != "" {
		return h, true
	}
	loc := ix.lx.AskPhrase("open", f)
	if loc == nil {
		return "", false
	}
	clean := func(t string) string {
		for _, w := range ix.lx.KindWords("open", "frame") {
			t = strings.ReplaceAll(t, w, "")
		}
		return strings.Trim(t, "|的在上 ")
	}
	t := clean(f[:loc[0]])
	if len([]rune(t)) < 2 {
		t = clean(f[loc[1]:]) // 如何推进低空经济
	}
	if len([]rune(t)) < 2 {
		return "", false
	}
	return t, false
}

// openHead returns the longest head of the lexicon in folded text f, or "".
func (ix *answerer) openHead(f string) string {
	best := ""
	for _, h := range ix.lx.KindWords("open", "head") {
		if len(h) > len(best) && strings.Contains(f, h) {
			best = h
		}
	}
	return best
}

// names reports where candidate c names what q asks about, if it does.
func (ix *answerer) names(q *query, c candidate) named {
	topic, head := ix.openTopic(q)
	if topic == "" {
		return namedNone
	}
	info := &ix.paras[c.para-1]
	if ix.isEntry(info) {
		return namedNone // a glossary entry defines, it does not plan
	}
	st := &info.sents[c.sent]
	names := ix.headNames(topic)
	says := func(f string) bool {
		if head {
			return ix.headSays(topic, f)
		}
		cov, w := ix.coverage(q.terms, f, q.text, func(t term) bool { return !t.weak && topicTerm(t, topic) })
		return w > 0 && cov >= ix.w.MinOpenNamedCoverage
	}
	if _, ok := leadIn(st.clauses[c.clause]); ok && says(st.fcl[c.clause]) && ix.announces(c) {
		return namedLeadIn
	}
	if c.clause != 0 {
		return namedNone
	}
	if c.sent == 0 {
		// The heading names the paragraph that opens its section.
		if sec := ix.sectionOf(c.para); sec != nil && sec.First == c.para && says(fold(sec.Title)) {
			return namedHeading
		}
		// A head names a paragraph only at its start (总体要求。…): the
		// year's framing is named in passing everywhere (落实总体要求). A
		// topic names it in a heading-like first sentence or its first
		// clause (全力支持国防…，深化全民国防教育 is not about 教育).
		if head && hasPrefixAny(strings.TrimLeft(headingNumRE.ReplaceAllString(st.fcl[0], ""), "0123456789.、() "), names...) ||
			!head && (subheading(info, 0) && says(st.folded) || says(st.fcl[0])) {
			return namedLead
		}
		return namedNone
	}
	if !head && (itemOpenRE.MatchString(info.sentences[c.sent]) || subheading(info, c.sent)) && says(st.folded) {
		return namedItem
	}
	return namedNone
}

// maxSubheading is the longest sentence read as a heading of the
// sentences after it (建设教育强省。开展…).
const maxSubheading = 20

// subheading reports whether sentence si of a paragraph reads as a
// heading of the sentences after it: short, one clause, not the last.
func subheading(info *paraInfo, si int) bool {
	return si+1 < len(info.sentences) && len(info.sents[si].clauses) == 1 && utf8.RuneCountInString(info.sentences[si]) <= maxSubheading
}

// announces reports whether a lead-in clause is followed by what it
// announces: it ends with ：/是, or its items are found (the headings or
// paragraphs after it, or 一是…二是… in its paragraph) — not a count in
// passing (打造40个重点消费品产业集群).
func (ix *answerer) announces(c candidate) bool {
	if hasSuffixAny(strings.TrimSpace(ix.clauseText(c)), "：", ":", "是") || len(ix.leadItems(c)) > 0 {
		return true
	}
	return ix.enumerates(c)
}

// enumerates reports whether the paragraph enumerates items (一是…二是…)
// from the candidate's sentence on.
func (ix *answerer) enumerates(c candidate) bool {
	rest := strings.Join(ix.paras[c.para-1].sentences[c.sent:], "")
	return len(enumRE.FindAllStringIndex(rest, -1)) >= 2
}

// headSays reports whether folded text f names head h: by one of its
// names, or by the bare first name of its line before a head-tail word
// (重点做好以下10个方面工作 names 重点任务; 重点发挥“三大优势” does not).
func (ix *answerer) headSays(h, f string) bool {
	if containsAny(f, ix.headNames(h)...) {
		return true
	}
	line := ix.lx.KindLine("open", "head", h)
	if len(line) == 0 {
		return false
	}
	i := strings.Index(f, line[0])
	return i >= 0 && containsAny(f[i+len(line[0]):], ix.lx.KindWords("open", "head-tail")...)
}

// headNames returns the names a report gives a head: its line of the
// lexicon's heads and its synonyms (总体要求, 总的要求, 指导思想). The
// first name of a line that has longer ones (重点) names the thing only
// through them, or before a head-tail word (重点做好十方面工作).
func (ix *answerer) headNames(h string) []string {
	line := ix.lx.KindLine("open", "head", h)
	var out []string
	for _, n := range append(line, ix.lx.Group(h)...) {
		if len(line) > 1 && n == line[0] && strings.HasPrefix(line[1], n) {
			continue // the bare 重点
		}
		out = append(out, n)
	}
	if len(out) == 0 {
		out = []string{h}
	}
	return out
}

// topicTerm reports whether a query term is one of the topic's words.
func topicTerm(t term, topic string) bool {
	for _, a := range t.alts {
		if strings.Contains(topic, a) {
			return true
		}
	}
	return false
}
