package rag

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/reportbot/reportbot/knowledge"
	"github.com/reportbot/reportbot/rag/lexicon"
)

// term is one thing a question looks for: a synonym group (counted once)
// or a character gram of a content word.
type term struct {
	alts   []string // folded alternatives; any one matches
	weight float64
	weak   bool // ranks, but its absence is no reason to refuse
	group  bool
	// typed is the group member the question itself used (一般公共预算收入
	// in a group that also holds 财政收入).
	typed string
	// ctx marks the topic a question is framed in (一老一小方面…): it must
	// be around the answer, not in the figure's own clause.
	ctx bool
	// focus marks the thing asked for (哪些未来产业, 多少公办托位).
	focus bool
}

// query is an analysed question part.
type query struct {
	// bareTarget marks 「X目标」 asked with no question word: a figure
	// question that a target in words may answer.
	bareTarget bool
	raw        string // the part as asked
	text       string // the folded part, after colloquial rewriting
	kind       kind
	unit       string // unit the figure should carry ("%", "人", "亩", ...), or ""
	// unitHard is set when the question names the unit (多少亩); otherwise
	// the unit is only a preference read from the indicator (增速 → %).
	unitHard bool
	scope    scope
	terms    []term
	grams    []string // content grams for lexical ranking
	groups   [][]string
	// focus is the folded phrase naming what is asked for, next to the
	// question word: 未来产业 in 重点发展哪些未来产业, 发展目标 in
	// 发展目标有哪几条. The clause that names it is the answer's head.
	focus string
	// level is set when a figure question asks for an amount (总量, 规模,
	// 到多少) rather than a rate: a growth percentage does not answer it.
	level bool
	// wild are the question's own phrases with its question word as a gap
	// (向谁学 → 向…学): a clause that fills the gap answers it.
	wild []*regexp.Regexp
	// abbrev is a numbered abbreviation the question asks to expand
	// (“两个先行” → …先行和…先行): n members ending in key.
	abbrev struct {
		n   int
		key string
	}
	// speaker is set when a 谁 question asks who delivered the report.
	speaker bool
	// count is how many items a list question expects (哪五个), or 0.
	count int
	// earlier is a year before last year that the question names (2020年
	// asked of a 2022 report), or 0: a figure then has to be that year's.
	earlier int
}

var (
	conjRE = regexp.MustCompile(`和|以及|与|、|及`)
)

// splitQuestion cuts a question into the parts it asks: at question marks
// and commas, and at 和/、 when the question says 分别/各.
func splitQuestion(lx *lexicon.Lexicon, q string) []string {
	q = strings.TrimSpace(q)
	raw := knowledge.SplitKeep(q, func(r rune) bool {
		return r == '？' || r == '?' || r == '，' || r == ',' || r == '；' || r == ';' || r == '。'
	})
	var parts []string
	frame := ""
	for i, p := range raw {
		p = trimPunct(p)
		if p == "" {
			continue
		}
		if i < len(raw)-1 && hasSuffixAny(p, lx.ContextMarkers...) {
			// 对台方面，每年要吸引多少台湾青年: the topic frames the part
			// after it and asks nothing of its own.
			frame += p
			continue
		}
		parts = append(parts, splitConjunction(lx, frame+p)...)
		frame = ""
	}
	if frame != "" {
		parts = append(parts, frame)
	}
	if len(parts) == 0 {
		return []string{q}
	}
	return parts
}

// splitConjunction splits "A和B分别/各…" into "A…" and "B…", and "A和B
// 是多少" into "A是多少" and "B是多少" when A and B both name an indicator.
func splitConjunction(lx *lexicon.Lexicon, p string) []string {
	i := strings.Index(p, "分别")
	if i < 0 {
		i = strings.Index(p, "各")
	}
	if i < 0 {
		return splitIndicators(lx, p)
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

// kindOf classifies a folded question part by the lexicon's kinds
// table, passing over the rows of the kinds in skip; a part no row
// matches is a text question.
func kindOf(lx *lexicon.Lexicon, f string, skip ...string) kind {
	if k, ok := kindNamed(lx.Kind(f, skip...)); ok {
		return k
	}
	return kindText
}

// minWordDF is how many corpus sentences must use a bigram before it is
// taken as a word that a unit character starts (人大, 人口).
const minWordDF = 20

// startsWord reports whether unit u, followed by rest, is really the first
// character of a word reports use: 多少人大代表建议 asks about 人大代表,
// not a number of people; 多少台湾青年 about young people from 台湾, a
// place name too rare in the corpus to count as a word by frequency.
func startsWord(lx *lexicon.Lexicon, u, rest string) bool {
	ur := []rune(u)
	next, _ := utf8.DecodeRuneInString(rest)
	if rest == "" || !isHan(next) {
		return false
	}
	for _, p := range lx.Provinces {
		if utf8.RuneCountInString(p) > 1 && strings.HasPrefix(u+rest, p) {
			return true
		}
	}
	return lx.CorpusDF(string(ur[len(ur)-1])+string(next)) >= minWordDF
}

// questionUnit reads the unit a numeric question expects.
func questionUnit(lx *lexicon.Lexicon, f string) (string, bool) {
	for _, lead := range []string{"多少", "几"} {
		for i := strings.Index(f, lead); i >= 0; {
			rest := f[i+len(lead):]
			for _, u := range lx.Units {
				if strings.HasPrefix(rest, u) && !startsWord(lx, u, rest[len(u):]) {
					if u == "个" && strings.HasPrefix(rest, "个百分点") {
						return "%", true
					}
					return u, !slices.Contains(lx.GenericUnits, u)
				}
			}
			j := strings.Index(rest, lead)
			if j < 0 {
				break
			}
			i = i + len(lead) + j
		}
	}
	// A growth target is a rate: 增长目标, 增长率.
	if containsAny(f, "百分之", "%", "百分点", "增长多少", "增长了多少", "下降多少", "下降了多少", "增速", "增幅", "涨幅",
		"增长目标", "增长率", "增长幅度", "增长几") {
		return "%", true
	}
	if containsAny(f, "比例", "占比", "比重", "强度", "率") {
		return "%", false
	}
	// An amount of money: 完成多少投资, 多少资金.
	if containsAny(f, "多少投资", "投资多少", "多少资金", "资金多少", "多少金额", "投资额", "投资规模") {
		return "元", false
	}
	return "", false
}

var (
	// focusAfterRE finds the asked thing after the question word.
	focusAfterRE = regexp.MustCompile(`(?:哪些|哪几[个项类种条大样件方]?|哪[一二三四五六七八九十两]+[个项类种条大样件]?|什么|多少|几[个项类种条])([\p{Han}a-z0-9“”]{2,10})`)
	// focusBeforeRE finds the asked thing before the question phrase.
	focusBeforeRE = regexp.MustCompile(`([\p{Han}a-z0-9]{2,14}?)(?:都有哪些|有哪几[个项类种条大样件方面]*|有哪些|是哪些|包括哪些|是什么|有什么|是多少|有多少|要达到多少|达到多少|到多少|是哪[一二三四五六七八九十两几]*[个项类种条]?)`)
	focusTrimRE   = regexp.MustCompile(`(呢|吗|了|的|啊|吧|是|有|要|等|方面|工作)+$`)
	// scopeWordRE are time and place words that never name the asked thing.
	scopeWordRE = regexp.MustCompile(`今年|去年|明年|前年|现在|目前|当前|已经|今后五年|未来五年|五年来|这五年|期间|时期|20\d\d年|十[二三四五六]五|末`)
	levelRE     = regexp.MustCompile(`总量|规模|总额|余额|总数|到多少|达到多少|突破多少|完成多少|完成了多少|多少元|多少亿元|多少万元`)
	// amountRE are the words of levelRE that ask for an amount and nothing
	// else: a rate never answers 总量. The others are verbs of reaching
	// (达到多少, and 冲到/涨到, which colloquial.tsv turns into 达到).
	amountRE = regexp.MustCompile(`总量|规模|总额|余额|总数`)
	// fromToRE is a change from one level to another (从11.37万亿元提高到
	// 14.58万亿元): its second figure is the level reached.
	fromToRE = regexp.MustCompile(`从[^从到至]*\d[^从到至]*(?:提高|提升|增长|增加|上升|扩大|跃升|下降|降低|减少|缩小)?(?:到|至)\d`)
	// bareTargetRE is a question that names a target or a rate and asks
	// nothing else (城镇新增就业目标, GDP预期目标呢, 去年的经济增速).
	bareTargetRE = regexp.MustCompile(`^[^|]*[\p{Han}a-z][^|]*?(?:(?:预期)?目标|增速|增幅|增长率|涨幅|失业率)(?:是|呢|吧|啊|对比)*$`)
	// ownTimeRE is a time word a question part states for itself.
	ownTimeRE = regexp.MustCompile(`今年|去年|明年|上年|本年|前年|20\d\d年`)
	// reachedRE are the verbs of a level reached (达到5002.5亿元).
	reachedRE = regexp.MustCompile(`达到|突破|增至|跃升至|迈上|跨过|跨越`)
	// namedAmountRE are indicators whose names hold an amount word.
	namedAmountRE = regexp.MustCompile(`零售总额|进出口总额|进出口总值|贸易总额|外贸总额|营业总额`)
	rateRE        = regexp.MustCompile(`增长|增速|增幅|涨幅|下降|降低|降幅|提高了|提升了|百分|%|率|比重|占比|比例|强度|倍|排名|第几`)
	wildRE        = regexp.MustCompile(`(\p{Han})(谁|什么|哪里|哪儿)(\p{Han})`)
	abbrevRE      = regexp.MustCompile(`([两二三四五六七八九十])[个大]([\p{Han}]{1,6}?)(?:”|"|指|是|包括|具体|都|有|分别|$)`)
	speakerRE     = regexp.MustCompile(`报告|政府工作|作的|做的|讲的|宣读|代表政府`)
)

// softLevel reports whether a level question asks for the level only with
// a verb of reaching (今年GDP要达到多少), naming no unit and no amount word.
// The report's level answers it when stated; a report that sets the
// indicator only as a rate (地区生产总值增长8%左右) answers it with that.
func (q *query) softLevel() bool {
	return q.level && q.unit == "" && !q.unitHard && !amountRE.MatchString(namedAmountRE.ReplaceAllString(q.text, "|"))
}

// questionFocus returns the folded phrase a question asks about.
func questionFocus(f string) string {
	pick := func(s string) string {
		s = focusTrimRE.ReplaceAllString(s, "")
		s = strings.Trim(s, "“”")
		if i := strings.LastIndex(s, "的"); i >= 0 {
			s = s[i+len("的"):]
		}
		s = scopeWordRE.ReplaceAllString(s, "")
		if rs := []rune(s); len(rs) > 6 {
			s = string(rs[len(rs)-6:])
		}
		if len([]rune(s)) < 2 {
			return ""
		}
		return s
	}
	if m := focusAfterRE.FindStringSubmatch(f); m != nil {
		if s := pick(m[1]); s != "" {
			return s
		}
	}
	if m := focusBeforeRE.FindStringSubmatch(f); m != nil {
		return pick(m[1])
	}
	return ""
}

// wildPatterns turns 向谁学 into 向.{1,8}学: the question word is a gap.
func wildPatterns(f string) []*regexp.Regexp {
	var out []*regexp.Regexp
	for _, m := range wildRE.FindAllStringSubmatch(f, -1) {
		a, b := m[1], m[3]
		if strings.Contains("的是了有在要吗呢和与跟", a) && a != "跟" || strings.Contains("的是了吗呢么", b) {
			continue
		}
		out = append(out, regexp.MustCompile(regexp.QuoteMeta(a)+`[^，,。；;：:]{1,8}?`+regexp.QuoteMeta(b)))
	}
	return out
}

// chineseDigit maps a Chinese numeral 2–10 to its value.
func chineseDigit(s string) int {
	for i, d := range []string{"两", "三", "四", "五", "六", "七", "八", "九", "十"} {
		if s == d {
			return i + 2
		}
	}
	if s == "二" {
		return 2
	}
	return 0
}

// indicatorEndRE ends the name of an indicator: 失业率, 增长目标, 粮食产量.
var indicatorEndRE = regexp.MustCompile(`(率|目标|总量|总值|增速|增幅|涨幅|产量|收入|投资|就业|总额|增加值|比重|占比|指数|价格|规模|面积|人数|数量|能耗|强度|里程)$`)

// figureAskRE marks a question that asks for figures or targets, the only
// kind split between indicators without 分别.
var figureAskRE = regexp.MustCompile(`多少|几个点|百分之|目标|增速|增幅|增长率|控制在|达到`)

// askTailRE is the question phrase at the end of a part: 是多少, 目标分别是多少.
var askTailRE = regexp.MustCompile(`(?:目标|预期|计划)?(?:要|将|定的|定了)?(?:是|有|为|在|达到|控制在|增长)?(?:多少|几个点|百分之几|几)[^，,？?]*$`)

// splitIndicators splits "A和B(目标)是多少" at 和/及/以及/与/、 when every
// piece names an indicator (经济增长目标和失业率目标, GDP和CPI目标): each
// is a question of its own. A piece without a question phrase borrows the
// last piece's.
func splitIndicators(lx *lexicon.Lexicon, p string) []string {
	f := fold(p)
	if !figureAskRE.MatchString(f) || lx.Asks("list", f) {
		return []string{p}
	}
	locs := conjRE.FindAllStringIndex(p, -1)
	if len(locs) == 0 {
		return []string{p}
	}
	var pieces []string
	prev := 0
	for _, l := range locs {
		pieces = append(pieces, p[prev:l[0]])
		prev = l[1]
	}
	pieces = append(pieces, p[prev:])
	tail := askTailRE.FindString(pieces[len(pieces)-1])
	for i, pc := range pieces {
		core := pc
		if i == len(pieces)-1 && tail != "" {
			core = strings.TrimSuffix(pc, tail)
		}
		if !namesIndicator(lx, core) {
			return []string{p}
		}
	}
	for i := range pieces[:len(pieces)-1] {
		if tail != "" && askTailRE.FindString(pieces[i]) == "" {
			pieces[i] += tail
		}
	}
	return pieces
}

// namesIndicator reports whether a question piece names an indicator: a
// synonym group member that is not a generic word, or an indicator ending.
func namesIndicator(lx *lexicon.Lexicon, s string) bool {
	f := strings.TrimRight(lx.Colloquialize(fold(s)), "的")
	if len([]rune(f)) < 2 {
		return false
	}
	for _, k := range lx.GroupKeys {
		if strings.Contains(f, k) && !weakGroup(lx, lx.Group(k)) {
			return true
		}
	}
	return indicatorEndRE.MatchString(f)
}

// weakGroup reports whether a synonym group is a generic word (增长, 达到).
func weakGroup(lx *lexicon.Lexicon, g []string) bool {
	if isWeakGroup(lx, g) {
		return true
	}
	return len(g) > 0 && containsAny(g[0], lx.Generic...)
}
