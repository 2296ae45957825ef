package rag

import (
	"regexp"
	"strings"
)

// kind is what sort of answer a question wants.
type kind int

const (
	kindText   kind = iota // a phrase: what, how, whether
	kindNumber             // a figure: 多少, 几, 百分之几
	kindList               // items: 哪些, 哪几个方面
	kindWho                // a person: 谁
)

// term is one thing a question looks for: a synonym group (counted once)
// or a character gram of a content word.
type term struct {
	alts   []string // folded alternatives; any one matches
	weight float64
	weak   bool // ranks, but its absence is no reason to refuse
	group  bool
}

// query is an analysed question part.
type query struct {
	raw  string // the part as asked
	text string // the folded part, after colloquial rewriting
	kind kind
	unit string // unit the figure should carry ("%", "人", "亩", ...), or ""
	// unitHard is set when the question names the unit (多少亩); otherwise
	// the unit is only a preference read from the indicator (增速 → %).
	unitHard bool
	scope    scope
	terms    []term
	grams    []string // content grams for lexical ranking
	groups   [][]string
}

// unitWords are measure words a figure may carry, longest first; they follow
// 多少/几 in a question.
var unitWords = []string{
	"微克/立方米", "千瓦时", "平方米", "公里", "人次", "万人", "亿元", "万元", "万吨", "万亩",
	"大类", "方面", "个", "人", "亩", "元", "吨", "斤", "头", "家", "件", "台", "张", "部",
	"位", "岁", "倍", "类", "种", "项", "条", "座", "所", "户", "套", "辆", "名", "次", "年", "天", "米", "%",
}

var (
	numQuestionRE = regexp.MustCompile(`多少|几(?:个|项|家|条|大|万|亿|年|成|%|位|座|所|件|台|张|部|头|亩|公里|倍|类|种)|百分之|%|多高|多长|多快|硬指标|具体数字|数字|量化`)
	listRE        = regexp.MustCompile(`哪些|哪几|哪[一二三四五六七八九十两]|什么.{0,3}(措施|任务|举措|方面|领域|产业|内容)|有啥|都有什么|分别是什么|列一下|哪方面|啥样|几个“`)
	whoRE         = regexp.MustCompile(`是谁|谁作|谁做|谁代表|谁来|哪位|什么人`)
	conjRE        = regexp.MustCompile(`和|以及|与|、|及`)
)

// splitQuestion cuts a question into the parts it asks: at question marks
// and commas, and at 和/、 when the question says 分别/各.
func splitQuestion(q string) []string {
	q = strings.TrimSpace(q)
	raw := splitKeep(q, func(r rune) bool {
		return r == '？' || r == '?' || r == '，' || r == ',' || r == '；' || r == ';' || r == '。'
	})
	var parts []string
	for _, p := range raw {
		p = trimPunct(p)
		if p == "" {
			continue
		}
		parts = append(parts, splitConjunction(p)...)
	}
	if len(parts) == 0 {
		return []string{q}
	}
	return parts
}

// splitConjunction splits "A和B分别/各…" into "A…" and "B…".
func splitConjunction(p string) []string {
	i := strings.Index(p, "分别")
	if i < 0 {
		i = strings.Index(p, "各")
	}
	if i < 0 {
		return []string{p}
	}
	head, tail := p[:i], p[i:]
	loc := conjRE.FindAllStringIndex(head, -1)
	if len(loc) == 0 {
		return []string{p}
	}
	var out []string
	prev := 0
	for _, l := range loc {
		out = append(out, head[prev:l[0]]+tail)
		prev = l[1]
	}
	out = append(out, head[prev:]+tail)
	return out
}

// questionKind classifies a folded question part.
func questionKind(f string) kind {
	switch {
	case whoRE.MatchString(f):
		return kindWho
	case listRE.MatchString(f) && !strings.Contains(f, "多少"):
		return kindList
	case numQuestionRE.MatchString(f):
		return kindNumber
	}
	return kindText
}

// questionUnit reads the unit a numeric question expects.
func questionUnit(f string) (string, bool) {
	for _, lead := range []string{"多少", "几"} {
		for i := strings.Index(f, lead); i >= 0; {
			rest := f[i+len(lead):]
			for _, u := range unitWords {
				if strings.HasPrefix(rest, u) {
					if u == "个" && strings.HasPrefix(rest, "个百分点") {
						return "%", true
					}
					return u, true
				}
			}
			j := strings.Index(rest, lead)
			if j < 0 {
				break
			}
			i = i + len(lead) + j
		}
	}
	if containsAny(f, "百分之", "%", "百分点", "增长多少", "增长了多少", "下降多少", "下降了多少", "增速", "增幅", "涨幅") {
		return "%", true
	}
	if containsAny(f, "比例", "占比", "比重", "强度", "率") {
		return "%", false
	}
	return "", false
}
