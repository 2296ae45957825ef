package rag

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// kindDefine asks what a term means: “两新”是指什么, “揭榜挂帅”是什么意思,
// 什么是医保影像云. It is answered only where the report defines the term —
// a glossary entry (名词解释: 2.“两新”：是指…), or a sentence that says the
// term 是指/指/即/包括 … or that it abbreviates a full name — and the answer
// leads with the definition. A term the report uses but never defines is
// not answered from a sentence that merely mentions it.
//
// The kinds table reads the folded part, which has lost its quotes: a
// bare 是什么 asks for a definition only about a quoted term (refine),
// else it is a text question as before. A numbered abbreviation
// (“两个先行”, 三大工程) is left to the list and abbreviation logic by the
// table's unless column. The words it reads definitions with are the
// define lists of the lexicon's kindwords.txt.
var kindDefine = register("define", defineKind{})

type defineKind struct{}

// maxDefinitionRunes bounds a definition given as an answer: a glossary
// entry or a defining sentence is given whole up to it, cut at a sentence
// (or clause) beyond it.
const maxDefinitionRunes = 240

// entryNumRE is the numbering a glossary entry opens with: 1. [3] （2）.
var entryNumRE = regexp.MustCompile(`^\s*(?:\^?\[\d{1,3}\]|\d{1,3}[.、．]|（\d{1,3}）|\(\d{1,3}\))\s*`)

// definition is where a clause defines the asked term.
type definition struct {
	text, quote string
	// entry is set for the glossary entry of exactly the term.
	entry bool
	// also are the paragraphs of the other entries a joined term's
	// definition quotes (“两重两新”: the entry of 两新).
	also []int
}

func (defineKind) refine(ix *answerer, q *query) kind {
	term, explicit := ix.definedTerm(q)
	if len([]rune(term)) < 2 {
		return kindText
	}
	if explicit {
		return kindDefine
	}
	// 是什么 about a quoted term that is the whole topic (“两重”,
	// 稳增长“21”条), not one inside a longer topic (“十五五”主要目标).
	for _, u := range coinedTerms(q.raw) {
		if strings.Contains(term, u) && len([]rune(term))-len([]rune(u)) <= 4 && !ix.lx.TimeRE.MatchString(u) {
			return kindDefine
		}
	}
	// 医保影像云是什么, where the report's glossary has an entry for it.
	for k := range ix.paras {
		if _, ok := ix.entryDefines(&ix.paras[k], term); ok {
			return kindDefine
		}
	}
	return kindText
}

// coinedRE finds a term a question sets off as a name: in quotes or in
// title marks (“两新”, 《纲要草案》).
var coinedRE = regexp.MustCompile(`[“"《]([^”"》]{1,16})[”"》]`)

// coinedTerms returns the folded terms a question sets off as names.
func coinedTerms(q string) []string {
	var out []string
	for _, m := range coinedRE.FindAllStringSubmatch(q, -1) {
		out = append(out, fold(m[1]))
	}
	return out
}

func (defineKind) score(ix *answerer, q *query, v clauseView) float64 {
	d, ok := ix.defines(q, v.c.para, v.c.sent, v.c.clause)
	switch {
	case !ok:
		return 0
	case d.entry:
		return ix.w.DefineBonus + ix.w.DefineEntryBonus
	}
	return ix.w.DefineBonus
}

func (defineKind) accept(ix *answerer, q *query, c candidate) bool {
	// A definition holds whatever the time: no scope check.
	_, ok := ix.defines(q, c.para, c.sent, c.clause)
	return ok
}

func (defineKind) render(ix *answerer, q *query, c candidate) (string, string) {
	d, _ := ix.defines(q, c.para, c.sent, c.clause)
	return d.text, d.quote
}

func (defineKind) lead(*answerer, *query, candidate, string) string { return "" }

// more cites the other entry a joined term's definition quotes.
func (defineKind) more(ix *answerer, q *query, c candidate) []int {
	d, _ := ix.defines(q, c.para, c.sent, c.clause)
	return d.also
}

// hints are the glossary entries defining the term, or the first of the
// two terms it joins: a term used often may rank its entry low.
func (defineKind) hints(ix *answerer, q *query) []hit {
	term, _ := ix.definedTerm(q)
	if len([]rune(term)) < 2 {
		return nil
	}
	var out []hit
	for k := range ix.paras {
		info := &ix.paras[k]
		if !ix.isEntry(info) {
			continue
		}
		if _, ok := ix.entryDefines(info, term); ok {
			out = append(out, hit{para: k + 1})
		} else if _, ok := ix.pairDefines(info, term); ok {
			out = append(out, hit{para: k + 1})
		}
	}
	return out
}

// topic says what the report does not give: the term's meaning, not the
// term, which it may well use.
func (defineKind) topic(ix *answerer, q *query) string {
	term, _ := ix.definedTerm(q)
	if term == "" {
		return ""
	}
	for _, u := range quotedTerms(q.raw) {
		if strings.Contains(term, u) {
			term = strings.Replace(term, u, "“"+u+"”", 1)
			break
		}
	}
	return term + "的含义"
}

// definedTerm returns the folded term a define question asks about — the
// words before its question words (“两新”是指什么), or after them (什么是
// 两新), without the framing around them (报告里提到的, 今年, the report's
// place) — and whether the question words ask for a definition outright
// rather than with a bare 是什么.
func (ix *answerer) definedTerm(q *query) (string, bool) {
	f := fold(q.raw)
	loc := ix.lx.AskPhrase("define", f)
	if loc == nil {
		return "", false
	}
	ask := f[loc[0]:loc[1]]
	explicit := ask != "是什么" && ask != "是啥"
	term := f[:loc[0]]
	if len([]rune(term)) < 2 {
		term = f[loc[1]:]
	}
	for _, r := range ix.region {
		term = strings.TrimPrefix(term, r)
	}
	term = scopeWordRE.ReplaceAllString(term, "")
	for _, w := range ix.lx.KindWords("define", "frame") {
		term = strings.ReplaceAll(term, w, "")
	}
	if i := strings.LastIndex(term, "的"); i >= 0 && len([]rune(term[i+len("的"):])) >= 2 {
		term = term[i+len("的"):]
	}
	return strings.Trim(term, "的,:、 "), explicit
}

// defines reports whether clause ci of sentence si of paragraph para
// defines the term q asks about, and with what text: the clause opening a
// glossary entry for the term, or one where the term is followed by a
// copula (是指, 即, …) or named as an abbreviation (简称).
func (ix *answerer) defines(q *query, para, si, ci int) (definition, bool) {
	term, _ := ix.definedTerm(q)
	if len([]rune(term)) < 2 {
		return definition{}, false
	}
	info := &ix.paras[para-1]
	if si == 0 && ci == 0 && ix.isEntry(info) {
		// An entry's heading defines its own term only; the terms it
		// names beside it are defined in its sentences.
		d, ok := ix.entryDefines(info, term)
		if ok && d.entry {
			return d, true
		}
		if pd, ok := ix.pairDefines(info, term); ok {
			return pd, true
		}
		// An entry for part of the term (“两新” for “两新”政策) answers,
		// unless the term joins two entries (“两重两新”).
		return d, ok && !ix.joined(term)
	}
	return ix.inlineDefines(info, si, ci, term)
}

// joined reports whether the term joins two glossary terms.
func (ix *answerer) joined(term string) bool {
	for k := range ix.paras {
		if ix.isEntry(&ix.paras[k]) {
			if _, ok := ix.pairDefines(&ix.paras[k], term); ok {
				return true
			}
		}
	}
	return false
}

// pairDefines reports whether the glossary entry info and another one
// define the two terms a term joins (“两重两新”: “两重” and “两新”), and
// returns both definitions, the other entry's paragraph in also.
func (ix *answerer) pairDefines(info *paraInfo, term string) (definition, bool) {
	rs := []rune(term)
	for i := 2; i+2 <= len(rs); i++ {
		da, ok := ix.entryDefines(info, string(rs[:i]))
		if !ok || !da.entry {
			continue
		}
		for k := range ix.paras {
			if db, ok := ix.entryDefines(&ix.paras[k], string(rs[i:])); ok && db.entry {
				return definition{text: da.text + "；" + db.text, quote: da.quote, also: []int{k + 1}}, true
			}
		}
	}
	return definition{}, false
}

// inlineDefines reports whether clause ci of sentence si defines the term
// in passing: the term followed by a copula, or named as an
// abbreviation.
func (ix *answerer) inlineDefines(info *paraInfo, si, ci int, term string) (definition, bool) {
	st := &info.sents[si]
	fc := st.fcl[ci]
	for _, w := range ix.lx.KindWords("define", "abbreviated") {
		if strings.Contains(fc, w+term) {
			// The full name and its abbreviation: the clause says both.
			return definition{text: trimPunct(st.clauses[ci]), quote: info.sentences[si]}, true
		}
	}
	for off := 0; off < len(fc); {
		i := strings.Index(fc[off:], term)
		if i < 0 {
			break
		}
		i += off
		off = i + len(term)
		start, quoted := verbatimStart(st.clauses[ci], i)
		if describedBefore(fc[:i], term) {
			// 类似于先缴后退的留抵退税制度, 科技型中小企业、高新技术企业
			// “双倍增”: the clause says what the term is before it.
			return definition{text: trimPunct(cutRunes(st.clauses[ci], maxDefinitionRunes)), quote: info.sentences[si]}, true
		}
		if !quoted && i > 0 && !termBoundary(ix, fc[:i]) {
			continue // part of a longer word: 双向揭榜挂帅 is not 揭榜挂帅
		}
		rest := fc[i+len(term):]
		next := ""
		if ci+1 < len(st.fcl) {
			next = st.fcl[ci+1]
		}
		if !ix.copulaFollows(rest, next, quoted) {
			continue
		}
		text := st.clauses[ci][start:] + strings.Join(st.clauses[ci+1:], "")
		return definition{text: trimPunct(cutRunes(text, maxDefinitionRunes)), quote: info.sentences[si]}, true
	}
	return definition{}, false
}

// likenRE are the words that describe a term by likeness before it
// (类似于先缴后退的留抵退税制度).
// Not 即 alone: 立即, 即将 hold it.
var likenRE = regexp.MustCompile(`类似于|相当于|也就是`)

// numberedTerm is the count a coined term opens with (双倍增: 2, 三区: 3).
var numberedTerm = map[rune]int{'双': 2, '两': 2, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9, '十': 10}

// describedBefore reports whether the folded words before a term in its
// clause say what it is: a likeness ending in 的 (类似于X的term), or as
// many items listed with 、 as the term counts (X、Y“双倍增”).
func describedBefore(before, term string) bool {
	if strings.HasSuffix(before, "的") && likenRE.MatchString(before) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(term)
	if n := numberedTerm[r]; n >= 2 {
		return strings.Count(before, "、")+1 == n && utf8.RuneCountInString(before) >= 2*n
	}
	return false
}

// entryDefines reports whether paragraph info is the glossary entry for
// the term, and returns the entry without its number, up to
// maxDefinitionRunes.
func (ix *answerer) entryDefines(info *paraInfo, term string) (definition, bool) {
	if !ix.isEntry(info) {
		return definition{}, false
	}
	head := entryNumRE.ReplaceAllString(strings.TrimSpace(info.sents[0].clauses[0]), "")
	fh := strings.TrimRight(fold(head), ":")
	exact := fh == term
	named := exact
	for _, u := range quotedTerms(head) {
		// 轨道交通“四网融合” names 四网融合; “双向揭榜挂帅” does not name
		// 揭榜挂帅.
		exact = exact || u == term
		named = named || strings.Contains(term, u) && (strings.Contains(fh, term) || strings.Contains(term, fh))
	}
	if !named {
		return definition{}, false
	}
	if !exact {
		// 科技英才领航工程和“双千”计划：…“双千”计划是指…: an entry for
		// several terms defines each in a sentence of its own.
		for si := range info.sents {
			for ci := range info.sents[si].fcl {
				if _, ok := ix.inlineDefines(info, si, ci, term); ok {
					return definition{}, false
				}
			}
		}
	}
	var quote strings.Builder
	n := 0
	for k, s := range info.sentences {
		r := utf8.RuneCountInString(s)
		if k > 0 && n+r > maxDefinitionRunes {
			break
		}
		quote.WriteString(s)
		n += r
	}
	text := entryNumRE.ReplaceAllString(quote.String(), "")
	return definition{text: trimPunct(cutRunes(text, maxDefinitionRunes)), quote: quote.String(), entry: exact}, true
}

// isEntry reports whether paragraph info is a glossary entry: under a
// glossary heading (名词解释) or opening with a footnote marker ([3]), its
// first clause names a term and ends with ：.
func (ix *answerer) isEntry(info *paraInfo) bool {
	if len(info.sents) == 0 || len(info.sents[0].clauses) < 2 {
		return false
	}
	first := strings.TrimSpace(info.sentences[0])
	if !containsAny(info.fsection, ix.lx.KindWords("define", "appendix")...) && !strings.HasPrefix(first, "[") && !strings.HasPrefix(first, "^[") {
		return false
	}
	return hasSuffixAny(strings.TrimSpace(info.sents[0].clauses[0]), "：", ":")
}

// copulaFollows reports whether folded text rest, after a term, opens a
// definition: a copula of the lexicon (是指, 即, …) and then enough words,
// in the clause or, after a bare ，/：, the next one. 是 and : count only
// after a quoted term (实施“三项行动”：一是…).
func (ix *answerer) copulaFollows(rest, next string, quoted bool) bool {
	if rest == "," || rest == ":" || rest == "" {
		// “四化”，即城市风貌绿化…: the copula opens the next clause.
		if rest == ":" {
			return quoted && len([]rune(next)) >= 4
		}
		rest = next
	}
	for _, nc := range ix.lx.KindWords("define", "not-copula") {
		if strings.HasPrefix(rest, nc) {
			return false
		}
	}
	for _, c := range ix.lx.KindWords("define", "copula") {
		if !strings.HasPrefix(rest, c) {
			continue
		}
		if (c == "是" || c == ":") && !quoted {
			return false
		}
		after := rest[len(c):]
		if after == "" || after == "," {
			after = next
		}
		return len([]rune(strings.Trim(after, ",:;。"))) >= 4
	}
	return false
}

// termBoundary reports whether a term may start after folded text before:
// at a punctuation mark or a digit, or after an opener (所谓).
func termBoundary(ix *answerer, before string) bool {
	r, _ := utf8.DecodeLastRuneInString(before)
	if !isHan(r) {
		return true
	}
	return hasSuffixAny(before, ix.lx.KindWords("define", "opener")...)
}

// verbatimStart maps byte offset fi of the folded clause back into the
// verbatim clause cl, moving back over an opening quote or bracket there,
// and reports whether the term was quoted.
func verbatimStart(cl string, fi int) (int, bool) {
	n := 0
	for i, r := range cl {
		w := len(fold(string(r)))
		if n >= fi && w > 0 {
			j := i
			quoted := false
			for j > 0 {
				p, size := utf8.DecodeLastRuneInString(cl[:j])
				if !strings.ContainsRune("“\"‘「『《（(【[", p) {
					break
				}
				quoted = quoted || strings.ContainsRune("“\"‘「『《", p)
				j -= size
			}
			return j, quoted
		}
		n += w
	}
	return len(cl), false
}

// cutRunes cuts s to at most n runes, at the last clause end within them
// when there is one.
func cutRunes(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	cut := string(rs[:n])
	if i := strings.LastIndexAny(cut, "。；，"); i > 0 {
		return cut[:i]
	}
	return cut
}
