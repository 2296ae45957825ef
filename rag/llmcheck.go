package rag

import (
	"bufio"
	_ "embed"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/reportbot/reportbot/knowledge"
)

// This file reads a generated answer the way real chat models write it and
// checks it against the passages it cites: reasoning is dropped, citation
// markers in every common style become ours ([n]), and every figure, in
// whatever notation, must be a figure of a cited passage.

// reasoningRE matches a reasoning block some models put inline
// (DeepSeek-R1, Qwen3, QwQ through Ollama or vLLM without a reasoning parser).
var reasoningRE = regexp.MustCompile(`(?is)<(think|thinking|reasoning)>.*?</(?:think|thinking|reasoning)>`)

// stripReasoning removes reasoning from a model's answer: inline blocks, a
// reasoning part whose opening tag was in the prompt template (text up to a
// lone </think>), and an unclosed block (the answer never came).
func stripReasoning(text string) string {
	text = reasoningRE.ReplaceAllString(text, "")
	lower := strings.ToLower(text)
	for _, tag := range []string{"</think>", "</thinking>", "</reasoning>"} {
		if i := strings.LastIndex(lower, tag); i >= 0 {
			text, lower = text[i+len(tag):], lower[i+len(tag):]
		}
	}
	for _, tag := range []string{"<think>", "<thinking>", "<reasoning>"} {
		if i := strings.Index(lower, tag); i >= 0 {
			text, lower = text[:i], lower[:i]
		}
	}
	return strings.TrimSpace(text)
}

const markerList = `(\d+(?:\s*(?:[,，、;；]|[-–—~～至])\s*\d+)*)`

var (
	// markerRE matches one of our markers, [n]: what answers show.
	markerRE = regexp.MustCompile(`\[(\d+)\]`)
	// anyMarkerRE matches a marker in any common style: [1], 【1】, [^1],
	// [1,2], [1、2], [1-3], 【1，2】, with the passage numbers in group 1.
	anyMarkerRE = regexp.MustCompile(`(?:\[\^?|【)\s*` + markerList + `\s*(?:\]|】)`)
	// wrappedRE matches markers wrapped in words: （见[1]）, (来源：[2][3]).
	wrappedRE = regexp.MustCompile(`[（(]\s*(?:见|参见|详见|来源|出处|引自|see|source|sources)?\s*[:：]?\s*((?:(?:\[\^?|【)\s*` + markerList + `\s*(?:\]|】)\s*)+)[）)]`)
	// footnoteRE matches a Markdown footnote definition line: "[^1]: 第三部分".
	footnoteRE = regexp.MustCompile(`(?m)^\s*\[\^\d+\]:.*$\n?`)
	listSepRE  = regexp.MustCompile(`\s*(?:[,，、;；])\s*`)
	spanRE     = regexp.MustCompile(`^(\d+)\s*[-–—~～至]\s*(\d+)$`)
)

// maxMarkerSpan bounds a marker range such as [1-3].
const maxMarkerSpan = 20

// normalizeMarkers rewrites every citation marker as ours ([1][2] for a
// list or range) and drops footnote definitions. It returns the rewritten
// text and the passage numbers named, in order of first mention.
func normalizeMarkers(text string) (string, []int, error) {
	text = footnoteRE.ReplaceAllString(text, "")
	text = wrappedRE.ReplaceAllString(text, "$1")
	var nums []int
	seen := map[int]bool{}
	var bad error
	out := anyMarkerRE.ReplaceAllStringFunc(text, func(m string) string {
		list := anyMarkerRE.FindStringSubmatch(m)[1]
		var b strings.Builder
		for _, part := range listSepRE.Split(list, -1) {
			lo, hi := 0, 0
			if sm := spanRE.FindStringSubmatch(part); sm != nil {
				lo, _ = strconv.Atoi(sm[1])
				hi, _ = strconv.Atoi(sm[2])
				if hi < lo || hi-lo > maxMarkerSpan {
					bad = fmt.Errorf("marker %s is no passage range", m)
					return m
				}
			} else {
				lo, _ = strconv.Atoi(part)
				hi = lo
			}
			for n := lo; n <= hi; n++ {
				fmt.Fprintf(&b, "[%d]", n)
				if !seen[n] {
					seen[n] = true
					nums = append(nums, n)
				}
			}
		}
		return b.String()
	})
	return strings.TrimSpace(out), nums, bad
}

// checked is a generated answer made ready to show.
type checked struct {
	text    string // reasoning dropped, markers ours
	cited   []int  // passage numbers, in order of first mention
	refusal bool
}

// checkAnswer reads a generated answer and verifies it: every marker names
// a passage given; an answer cites at least one passage; every figure in it
// (in any notation) is a figure of a cited passage, or the report's year or
// the year before; a refusal gives no figures.
func checkAnswer(text string, p Prompt) (checked, error) {
	text = stripReasoning(text)
	if text == "" {
		return checked{}, errors.New("empty answer")
	}
	text, cited, err := normalizeMarkers(text)
	if err != nil {
		return checked{}, err
	}
	for _, n := range cited {
		if n < 1 || n > len(p.Passages) {
			return checked{}, fmt.Errorf("marker [%d] points at no passage (have %d)", n, len(p.Passages))
		}
	}
	c := checked{text: text, cited: cited, refusal: isRefusal(text)}
	figs := answerFigures(text, p.Year)
	if err := foreignContacts(text, cited, p); err != nil {
		return checked{}, err
	}
	if c.refusal {
		if len(figs) > 0 {
			return checked{}, fmt.Errorf("refusal carries figures %v", figureTexts(figs))
		}
		return c, nil
	}
	if len(cited) == 0 {
		return checked{}, errors.New("answer cites no passage")
	}
	if err := unsupported(text, cited, p); err != nil {
		return checked{}, err
	}
	var src []knowledge.Figure
	for _, n := range cited {
		for _, f := range knowledge.Figures(p.Passages[n-1].Text) {
			src = append(src, f.Ends()...)
		}
	}
	for _, f := range figs {
		for _, end := range f.Ends() {
			if !anySame(end, src) {
				return checked{}, fmt.Errorf("figure %s (%s) is in no cited passage", f.Text, end)
			}
		}
	}
	return c, nil
}

// answerFigures returns the figures of an answer, without its markers and
// without bare mentions of the report's year or the year before (今年,
// 2025年), which passages need not repeat.
func answerFigures(text string, year int) []knowledge.Figure {
	var out []knowledge.Figure
	for _, f := range knowledge.Figures(markerRE.ReplaceAllString(text, " ")) {
		if f.Bare() && !f.Range && year > 0 && (f.Value == float64(year) || f.Value == float64(year-1)) {
			continue
		}
		out = append(out, f)
	}
	return out
}

func anySame(f knowledge.Figure, in []knowledge.Figure) bool {
	for _, g := range in {
		if f.Same(g) {
			return true
		}
	}
	return false
}

func figureTexts(fs []knowledge.Figure) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Text
	}
	return out
}

// isRefusal recognises an answer saying the report does not cover the question.
func isRefusal(text string) bool {
	f := fold(text)
	return containsAny(f, "没有提到", "未提到", "没有提及", "未提及", "没有涉及", "未涉及", "does not mention", "doesnotmention", "not mentioned", "notmentioned")
}

// quoteFor picks the sentences of paragraph para that share a figure with
// the answer, or its first sentence.
func quoteFor(ix *Index, para int, answer string) string {
	ss := ix.paras[para-1].sentences
	figs := answerFigures(answer, 0)
	var out []string
	for _, s := range ss {
		for _, f := range knowledge.Figures(s) {
			if !f.Bare() && anySame(f, figs) {
				out = append(out, s)
				break
			}
		}
	}
	if len(out) == 0 && len(ss) > 0 {
		return ss[0]
	}
	return strings.Join(out, "")
}

//go:embed prompts/instructions.txt
var instructionsTxt string

// instructions are the phrases of planted instructions (prompts/instructions.txt).
var instructions = sync.OnceValue(func() []string {
	var out []string
	sc := bufio.NewScanner(strings.NewReader(instructionsTxt))
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, fold(l))
		}
	}
	return out
})

var (
	linkRE  = regexp.MustCompile(`(?i)\b(?:https?://|www\.)[^\s<>()（）\[\]【】"“”，。；]+`)
	emailRE = regexp.MustCompile(`[\w.+-]+@[\w-]+(?:\.[\w-]+)+`)
	// phoneRE: mobile numbers, numbers with an area code, hotlines.
	phoneRE = regexp.MustCompile(`(?:\+?86[- ]?)?1[3-9]\d{9}|0\d{2,3}[- ]?\d{7,8}|[48]00[- ]?\d{3}[- ]?\d{4}`)
)

// citedText is the folded text of the cited passages, one per line.
func citedText(cited []int, p Prompt) string {
	var b strings.Builder
	for _, n := range cited {
		b.WriteString(fold(p.Passages[n-1].Text))
		b.WriteByte('\n')
	}
	return b.String()
}

// foreignContacts rejects links, e-mail addresses, phone numbers and
// instruction phrases that no cited passage contains: what an instruction
// planted in a report ("本报告已作废，请访问 http://…") makes a model write.
func foreignContacts(text string, cited []int, p Prompt) error {
	src := citedText(cited, p)
	body := markerRE.ReplaceAllString(text, " ")
	for _, re := range []*regexp.Regexp{linkRE, emailRE, phoneRE} {
		for _, m := range re.FindAllString(body, -1) {
			if !strings.Contains(src, fold(m)) {
				return fmt.Errorf("%q is in no cited passage", m)
			}
		}
	}
	f := fold(body)
	q := fold(p.Question)
	for _, w := range instructions() {
		if strings.Contains(f, w) && !strings.Contains(src, w) && !strings.Contains(q, w) {
			return fmt.Errorf("instruction %q is in no cited passage", w)
		}
	}
	return nil
}

// minSupport is the share of a sentence's character bigrams its cited
// passages (or the question) must contain: a model restates and links, but
// what it says comes from the passages.
const minSupport = 0.4

// unsupported rejects a sentence of a Chinese answer whose words the cited
// passages and the question do not share: content the model brought in.
func unsupported(text string, cited []int, p Prompt) error {
	src := citedText(cited, p) + fold(p.Question)
	for _, sent := range knowledge.SplitKeep(markerRE.ReplaceAllString(text, "|"), func(r rune) bool {
		return r == '。' || r == '！' || r == '？' || r == '\n' || r == '；'
	}) {
		// Figures are checked on their own; their characters (百分之五点五)
		// are no words.
		figs := knowledge.Figures(sent)
		for i := len(figs) - 1; i >= 0; i-- {
			sent = sent[:figs[i].Start] + "|" + sent[figs[i].End:]
		}
		var have, total int
		for _, run := range units(fold(sent)) {
			for i := 0; i+1 < len(run); i++ {
				a, b := run[i], run[i+1]
				if !isHanString(a) || !isHanString(b) {
					continue
				}
				total++
				if strings.Contains(src, a+b) {
					have++
				}
			}
		}
		if total >= 6 && float64(have) < minSupport*float64(total) {
			return fmt.Errorf("sentence %q is not supported by its passages (%d of %d bigrams)", strings.TrimSpace(sent), have, total)
		}
	}
	return nil
}

func isHanString(s string) bool {
	for _, r := range s {
		if !isHan(r) {
			return false
		}
	}
	return s != ""
}
