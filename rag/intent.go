package rag

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/reportbot/reportbot/knowledge"
	"github.com/reportbot/reportbot/rag/lexicon"
)

// Not every message asks about the report's content. 「今年的主要目标有哪些」
// wants the targets paragraph itemised, 「这个报告是哪个政府的」 the report's
// own particulars, 「帮我总结一下」 its outline, 「去年呢？」 without a
// thread nothing answerable, 「你好」 a reply. Retrieval answers each of
// these with an unrelated sentence, because none names content to look for.
//
// The intent is read from what a question is made of, not from whole
// phrasings: the question is cut into known frame words (the report's own
// year and place, and the rows of the lexicon's intents.tsv: question
// words, particles, time words and the words that mark each intent), and
// whatever is left over is content. A question with content left over is
// a content question whatever else it says (今年GDP目标 is a figure, not
// the list of targets); one without content is classified by the marks
// it carries.

// intent is the kind of question asked.
type intent int

const (
	intentContent  intent = iota // ask the report's content: retrieval and extraction
	intentClarify                // nothing to answer: ask what is wanted
	intentGreeting               // hello, thanks, what can you do
	intentMeta                   // the report itself: who gave it, when, which government
	intentOverview               // what the report says as a whole
	intentTargets                // the year's main targets, itemised
)

func (i intent) String() string {
	return [...]string{"content", "clarify", "greeting", "meta", "overview", "targets"}[i]
}

// mark is a bit set of what a question's frame words signal; the marks
// intents.tsv names are these bits (markOf).
type mark uint32

const (
	mkAsk       mark = 1 << iota // 多少, 什么, 哪些: asks, says nothing of what
	mkFiller                     // particles, pronouns, politeness
	mkTime                       // 今年, the report's year
	mkOtherTime                  // 去年, 明年, another year
	mkReport                     // 报告, 这份报告, the report's place
	mkVerb                       // 作, 做, 讲, 发布: delivering the report
	mkHello                      // 你好, hi
	mkThanks                     // 谢谢, 好的, 再见
	mkHelp                       // 你是谁, 能做什么
	mkWho                        // 谁, 哪位
	mkWhen                       // 什么时候, 日期
	mkGov                        // 哪个政府, 哪里的
	mkYear                       // 哪一年, 年份
	mkTitle                      // 标题, 叫什么
	mkVenue                      // 哪个会上
	mkOverview                   // 讲了什么, 总结, 主要内容
	mkTargets                    // 主要目标, 预期目标, 主要指标
	mkTopic                      // 经济社会发展: content-like, but no figure to find alone
	mkPast                       // 去年, an earlier year (also mkOtherTime)
)

// metaFacets are the marks that ask about the report itself.
const metaFacets = mkWho | mkWhen | mkGov | mkYear | mkTitle | mkVenue

// markOf is the bit of each mark the lexicon's intent words carry.
var markOf = map[lexicon.IntentMark]mark{
	lexicon.MarkAsk: mkAsk, lexicon.MarkFiller: mkFiller, lexicon.MarkTime: mkTime,
	lexicon.MarkOtherTime: mkOtherTime, lexicon.MarkPast: mkPast, lexicon.MarkReport: mkReport,
	lexicon.MarkVerb: mkVerb, lexicon.MarkHello: mkHello, lexicon.MarkThanks: mkThanks,
	lexicon.MarkHelp: mkHelp, lexicon.MarkWho: mkWho, lexicon.MarkWhen: mkWhen, lexicon.MarkGov: mkGov,
	lexicon.MarkYear: mkYear, lexicon.MarkTitle: mkTitle, lexicon.MarkVenue: mkVenue,
	lexicon.MarkOverview: mkOverview, lexicon.MarkTargets: mkTargets, lexicon.MarkTopic: mkTopic,
}

// intentTable maps the lexicon's intent words (rag/lexicon/data/intents.tsv),
// folded, to what they mark. At each position of a question the longest
// entry wins, so 讲了什么 (overview) beats 讲 (delivering) and 你是谁 (help)
// beats 谁 (who).
type intentTable struct {
	words map[string]mark
	// maxRunes is the length of the longest word.
	maxRunes int
}

// intentTables holds the intent table of each lexicon an Index has read
// questions with, built on first use: a Lexicon is read-only once loaded.
var intentTables sync.Map // *lexicon.Lexicon → *intentTable

// intentTableOf returns the intent table of lx.
func intentTableOf(lx *lexicon.Lexicon) *intentTable {
	if t, ok := intentTables.Load(lx); ok {
		return t.(*intentTable)
	}
	t := &intentTable{words: map[string]mark{}}
	for _, w := range lx.Intents {
		k := w.Word // English entries keep their spaces
		if hasHan(k) {
			k = fold(k)
		}
		for _, name := range w.Marks {
			m, ok := markOf[name]
			if !ok {
				// lexicon.Load accepts only the marks of lexicon.IntentMarks,
				// and TestIntentMarks checks markOf has each.
				panic(fmt.Sprintf("rag: intent mark %q has no bit", name))
			}
			t.words[k] |= m
		}
		t.maxRunes = max(t.maxRunes, len([]rune(k)))
	}
	got, _ := intentTables.LoadOrStore(lx, t)
	return got.(*intentTable)
}

// yearWordRE is a year as a question writes it (2026年, 2026年度, 2026).
var yearWordRE = regexp.MustCompile(`(?:19|20)\d\d年?度?`)

// intentOf classifies a question for the answerer's report, with the
// intent words of its lexicon. It returns the intent and the marks the
// question carries (which facets a meta question asks for).
func (ix *answerer) intentOf(question string) (intent, mark) {
	t := intentTableOf(ix.lx)
	r := ix.report
	f := fold(question)
	if !hasWordRune(f) {
		return intentClarify, 0
	}
	if !hasHan(f) {
		// English keeps its word breaks.
		f = strings.ReplaceAll(strings.ToLower(norm.NFKC.String(question)), "tl;dr", "tldr")
	}
	var m mark
	// Years: the report's is this year, any other another time.
	f = yearWordRE.ReplaceAllStringFunc(f, func(y string) string {
		n, _ := strconv.Atoi(y[:4])
		switch {
		case n == r.Year:
			m |= mkTime
		case n < r.Year:
			m |= mkOtherTime | mkPast
		default:
			m |= mkOtherTime
		}
		return " "
	})
	// The report's own place names say nothing: 北京的政府工作报告.
	places := reportPlaces(r, ix.region)
	for _, p := range places {
		if strings.Contains(f, p) {
			f = strings.ReplaceAll(f, p, " ")
			m |= mkReport
		}
	}
	var rest []rune
	if hasHan(f) {
		rest, m = t.scanHan(f, m)
	} else {
		rest, m = t.scanWords(f, m)
	}
	if len(rest) > 0 {
		return intentContent, m
	}
	return classify(m), m
}

// classify decides the intent of a question with no content left over.
func classify(m mark) intent {
	other := m &^ (mkAsk | mkFiller | mkTime | mkOtherTime | mkReport | mkVerb)
	switch {
	case m&(mkHello|mkThanks|mkHelp) != 0 && other&^(mkHello|mkThanks|mkHelp) == 0:
		return intentGreeting
	case m&metaFacets != 0 && m&(mkOverview|mkTargets|mkTopic) == 0 &&
		(m&(mkReport|mkVerb) != 0 || m&(mkGov|mkTitle|mkVenue) != 0):
		return intentMeta
	case m&mkOverview != 0 && m&mkTargets == 0:
		return intentOverview
	case m&mkTargets != 0 && m&metaFacets == 0 && (m&mkOtherTime == 0 || m&mkPast != 0):
		// 去年的主要目标: answered (as not listed) with the year's targets.
		return intentTargets
	case m&mkTopic != 0 || m&metaFacets != 0 || m&(mkOverview|mkTargets) != 0:
		return intentContent // leave the odd mix to retrieval
	}
	return intentClarify
}

// scanHan segments a folded Chinese question into lexicon words so that
// as little as possible is left over, then as few words as possible (so
// 讲了什么 is one overview word, not 讲 + 了 + 什么, and 是/什么时候 beats
// 是什么/时候). It returns what is left over with the marks of the words.
func (t *intentTable) scanHan(f string, m mark) ([]rune, mark) {
	rs := []rune(f)
	n := len(rs)
	type step struct{ rest, words, next int } // next: end of the word at i, or -1 for a left-over rune
	best := make([]step, n+1)
	for i := n - 1; i >= 0; i-- {
		if !isWordRune(rs[i]) {
			best[i] = step{best[i+1].rest, best[i+1].words, i + 1}
			continue
		}
		best[i] = step{best[i+1].rest + 1, best[i+1].words, -1}
		for l := 1; l <= min(t.maxRunes, n-i); l++ {
			if _, ok := t.words[string(rs[i:i+l])]; !ok {
				continue
			}
			c := best[i+l]
			if c.rest < best[i].rest || c.rest == best[i].rest && c.words+1 < best[i].words {
				best[i] = step{c.rest, c.words + 1, i + l}
			}
		}
	}
	var rest []rune
	for i := 0; i < n; {
		switch nx := best[i].next; {
		case nx < 0:
			rest = append(rest, rs[i])
			i++
		case nx == i+1 && !isWordRune(rs[i]):
			i++
		default:
			m |= t.words[string(rs[i:nx])]
			i = nx
		}
	}
	return rest, m
}

// scanWords does the same for a question written without ideographs: word
// by word, trying two-word entries (this year, who are you) first.
func (t *intentTable) scanWords(f string, m mark) ([]rune, mark) {
	words := strings.FieldsFunc(f, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	var rest []rune
	for i := 0; i < len(words); {
		if i+2 < len(words) {
			if mk, ok := t.words[words[i]+" "+words[i+1]+" "+words[i+2]]; ok {
				m |= mk
				i += 3
				continue
			}
		}
		if i+1 < len(words) {
			if mk, ok := t.words[words[i]+" "+words[i+1]]; ok {
				m |= mk
				i += 2
				continue
			}
		}
		mk, ok := t.words[words[i]]
		if !ok {
			mk, ok = t.words[strings.TrimSuffix(words[i], "s")]
		}
		if ok {
			m |= mk
		} else {
			rest = append(rest, []rune(words[i])...)
		}
		i++
	}
	return rest, m
}

// hasWordRune reports whether s has anything but punctuation and symbols.
func hasWordRune(s string) bool {
	for _, r := range s {
		if isWordRune(r) && r != '.' && r != '%' {
			return true
		}
	}
	return false
}

// reportPlaces lists the folded names of the report's own area, longest
// first: 宁波市镇海区, 镇海区, 镇海, 宁波市, 宁波, 全区 …. Besides the names
// of the area itself (region: the report's Places), a question about the
// report may name it by its government or by an area containing it.
func reportPlaces(r *knowledge.Report, region []string) []string {
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		s = fold(s)
		if len([]rune(s)) >= 2 && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, s := range region {
		add(s)
	}
	if gov := strings.TrimSuffix(r.Government, "人民政府"); gov != "国务院" {
		add(gov)
	}
	for _, s := range r.Within {
		add(s)
	}
	sort.Slice(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

// isChinese reports whether a question is to be answered in Chinese: it
// has ideographs, or is only full-width punctuation (「？」).
func isChinese(s string) bool {
	if hasHan(s) {
		return true
	}
	for _, r := range s {
		if r >= 0x3000 && r <= 0x303f || r >= 0xff00 && r <= 0xffef && unicode.IsPunct(r) || r == '“' || r == '”' || r == '…' {
			return true
		}
	}
	return false
}
