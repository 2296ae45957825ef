package rag

import (
	"regexp"
	"strings"
)

// kindYesNo asks whether the report says something: 是否/有没有/会不会/是不是
// /要不要/能不能 …, …吗 (今年有没有提出发放消费券, 学前教育是不是免费的). The
// answer is the sentence that says so, led by the question's own yes (是,
// 有, 会, 能 …). When the report says nothing about it the part is not
// found — the report's silence is 「报告中没有提到」, never a no. Nor does
// it answer yes against its own clause: a clause that negates the asked
// thing (不再, 未) or gives another figure than the question's is quoted
// without the yes.
//
// A part that also asks for a figure, a list, a date or a person (有没有
// 具体数字, 是不是定了纪念日？哪天) is that kind's: the yes/no row is the
// table's last. English questions keep their own rendering (a yes there
// is out of scope); the words it reads are the yesno lists of the
// lexicon's kindwords.txt.
var kindYesNo = register("yesno", yesNoKind{})

type yesNoKind struct{}

// aNotARE is an A-not-A question: 是不是, 有没有, 会不会, 可不可以.
var aNotARE = regexp.MustCompile(`(\p{Han})[不没]\p{Han}`)

func (yesNoKind) score(ix *answerer, q *query, v clauseView) float64 {
	sc := textKind{}.score(ix, q, v)
	// The clause that says it, not one near it: the asked content in the
	// clause itself.
	cov, _ := ix.coverage(q.terms, v.fc, q.text, strong)
	return sc + ix.w.YesNoClauseCoverage*cov
}

func (yesNoKind) accept(ix *answerer, q *query, c candidate) bool {
	// A yes asserts the asked thing: most of it must be around the clause.
	if !(textKind{}).accept(ix, q, c) {
		return false
	}
	info := &ix.paras[c.para-1]
	ctx := info.sents[c.sent].folded + "|" + info.fsection + "|" + info.lead
	if c.sent > 0 {
		ctx += "|" + info.sents[c.sent-1].folded
	}
	cov, _ := ix.coverage(q.terms, ctx, q.text, ix.askedThing(q))
	return cov >= ix.w.MinYesNoCoverage
}

// askedThing selects the terms naming what a yes/no question asks about:
// its strong terms but those within its verbs (继续发放育儿补贴 asks about
// 育儿补贴; the report may 落实 it) and its figures (新增就业15万人 is
// answered, without a yes, by 新增就业12万人以上), unless it has nothing
// else.
func (ix *answerer) askedThing(q *query) func(term) bool {
	verbs := ix.lx.KindWords("yesno", "verb")
	inVerb := make([]bool, len(q.text))
	for i := 0; i < len(q.text); {
		if v := matchPrefix(q.text[i:], verbs); v != "" {
			for k := i; k < i+len(v); k++ {
				inVerb[k] = true
			}
			i += len(v)
			continue
		}
		i++
	}
	overlaps := func(t term) bool {
		if t.group || len(t.alts) != 1 {
			return false
		}
		if strings.ContainsAny(t.alts[0], "0123456789") {
			return true // the question's figure: lead checks it against the clause's
		}
		i := strings.Index(q.text, t.alts[0])
		for k := i; i >= 0 && k < i+len(t.alts[0]); k++ {
			if inVerb[k] {
				return true
			}
		}
		return false
	}
	some := false
	for _, t := range q.terms {
		some = some || !t.weak && !overlaps(t)
	}
	return func(t term) bool { return !t.weak && (!some || !overlaps(t)) }
}

func (yesNoKind) render(ix *answerer, q *query, c candidate) (string, string) {
	return textKind{}.render(ix, q, c)
}

// lead is the question's own yes when the clause affirms what was asked,
// else "" (the clause is quoted as the report words it).
func (yesNoKind) lead(ix *answerer, q *query, c candidate, _ string) string {
	st := &ix.paras[c.para-1].sents[c.sent]
	fc := st.fcl[c.clause]
	if ix.negates(q, fc) {
		return ""
	}
	// 今年GDP目标是5%吗: only a clause stating 5% says yes.
	for _, fg := range figures(q.text) {
		same := false
		for _, cf := range st.figs[c.clause] {
			same = same || cf.text == fg.text
		}
		if !same {
			return ""
		}
	}
	return ix.yesWord(q)
}

// topic is what was asked about, without the question words: 「今年发放
// 消费券」 for 今年有没有提出发放消费券.
func (yesNoKind) topic(ix *answerer, q *query) string {
	t := trimPunct(q.raw)
	if loc := ix.lx.AskPhrase("yesno", t); loc != nil {
		t = t[:loc[0]] + t[loc[1]:]
	}
	for _, w := range ix.lx.KindWords("yesno", "frame") {
		t = strings.ReplaceAll(t, w, "")
	}
	t = strings.TrimSuffix(strings.TrimSuffix(t, "吗"), "的")
	if len([]rune(t)) < 2 {
		return ""
	}
	return t
}

// yesWord returns the yes a part's question words ask for: A of A-not-A
// (有没有 → 有, 可不可以 → 可以), X of X否 (能否 → 能), 有 for 有无 and for
// 有…吗, else 是.
func (ix *answerer) yesWord(q *query) string {
	f := fold(q.raw)
	loc := ix.lx.AskPhrase("yesno", f)
	if loc == nil {
		return "是"
	}
	ask := f[loc[0]:loc[1]]
	switch {
	case ask == "可不可以" || ask == "可否":
		return "可以"
	case aNotARE.MatchString(ask):
		return aNotARE.FindStringSubmatch(ask)[1]
	case strings.HasSuffix(ask, "否") || strings.HasSuffix(ask, "无"):
		return string([]rune(ask)[0])
	case ask == "吗" && strings.HasPrefix(strings.TrimLeft(f, "还也都今年去年"), "有"):
		return "有"
	}
	return "是"
}

// negates reports whether folded clause fc negates what q asks: a
// negation of the lexicon (不再, 未, 没有) right before the asked content,
// and not one of the words that only look like one (不断, 不低于).
func (ix *answerer) negates(q *query, fc string) bool {
	for _, t := range q.terms {
		if t.weak {
			continue
		}
		for _, a := range t.alts {
			i := strings.Index(fc, a)
			if i < 0 {
				continue
			}
			before := []rune(fc[:i])
			start := i - len(string(before[max(0, len(before)-4):]))
			if ix.negationAt(fc, start, i) {
				return true
			}
		}
	}
	return false
}

// negationAt reports whether folded text f has a negation word starting
// between byte offsets from and to.
func (ix *answerer) negationAt(f string, from, to int) bool {
	for k := from; k < to; k++ {
		rest := f[k:]
		n := matchPrefix(rest, ix.lx.KindWords("yesno", "negation"))
		if n == "" || matchPrefix(rest, ix.lx.KindWords("yesno", "not-negation")) != "" {
			continue
		}
		return true
	}
	return false
}
