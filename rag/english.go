package rag

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/reportbot/reportbot/rag/lexicon"
)

// English questions about content are answered by reading them as the
// Chinese question they stand for and answering that one: the reports are
// Chinese, and the extractive answerer matches report wording. The
// glossary (lexicon/data/glossary.tsv) names the indicators, times, frame
// and question words; everything else in an English question is filler.
// The answer is then told in English — what was asked, the figure, the
// report's words quoted verbatim with their citation markers.

// englishQuestion is an English question read through the glossary.
type englishQuestion struct {
	// Chinese is the question the extractive answerer is asked.
	Chinese string
	// Lead names what was asked, in the question's own words and case:
	// "GDP growth target (this year)".
	Lead string
	// Figure is set when the question asks for a figure.
	Figure bool
}

// glossWord is one glossary phrase found in a question.
type glossWord struct {
	g       *lexicon.Gloss
	chinese string // the year word for a year, else g.Chinese
	first   int    // index of the phrase's first word in the question
	n       int    // words the phrase takes
}

// readEnglish reads an English question as the Chinese question it stands
// for. Its phrases are replaced, longest first and word by word, by their
// glossary Chinese; filler and unknown words are dropped. The Chinese is
// composed as a report reader asks: place, time, then each thing asked
// about (joined by 和) with what of it is asked (增长, 总量) after it, then
// 目标, then the question word. It reports false when the question names no
// indicator or topic: the glossary cannot read it.
func readEnglish(lx *lexicon.Lexicon, question string) (englishQuestion, bool) {
	words := lexicon.EnglishWords(norm.NFKC.String(question))
	lower := make([]string, len(words))
	for i, w := range words {
		lower[i] = strings.ToLower(w)
	}
	year := &lexicon.Gloss{Role: lexicon.RoleTime}
	var found []glossWord
	for i := 0; i < len(words); {
		if yearNumRE.MatchString(lower[i]) {
			found = append(found, glossWord{g: year, chinese: lower[i] + "年", first: i, n: 1})
			i++
			continue
		}
		g, n := lx.GlossAt(lower[i:])
		if g == nil {
			i++ // unknown: dropped like filler
			continue
		}
		if g.Role != lexicon.RoleDrop {
			found = append(found, glossWord{g: g, chinese: g.Chinese, first: i, n: n})
		}
		i += n
	}
	var places, times []string
	var ask *lexicon.Gloss
	indicator, topic := false, false
	// Segments are the things asked about, split at joins; each keeps its
	// content and frame words apart so they can be put in order. A goal
	// (目标) is the whole question's: it goes after them all.
	type segment struct {
		join           string // the 和 that joins it to the one before
		content, frame []string
	}
	segs := []segment{{}}
	var goals []string
	for _, f := range found {
		g := f.g
		switch {
		case g.Ask():
			if ask == nil {
				ask = g
			}
			continue
		case g.Role == lexicon.RoleTime:
			times = append(times, f.chinese)
			continue
		case g.Role == lexicon.RolePlace:
			places = append(places, f.chinese)
		case g.Role == lexicon.RoleJoin:
			if s := segs[len(segs)-1]; len(s.content)+len(s.frame) > 0 {
				segs = append(segs, segment{join: f.chinese})
			}
		case g.Role == lexicon.RoleFrame:
			segs[len(segs)-1].frame = append(segs[len(segs)-1].frame, f.chinese)
		case g.Role == lexicon.RoleGoal:
			if !slices.Contains(goals, f.chinese) {
				goals = append(goals, f.chinese)
			}
		default: // indicator or topic
			indicator = indicator || g.Role == lexicon.RoleIndicator
			topic = topic || g.Role == lexicon.RoleTopic
			segs[len(segs)-1].content = append(segs[len(segs)-1].content, f.chinese)
		}
	}
	if !indicator && !topic {
		return englishQuestion{}, false
	}
	eq := englishQuestion{Figure: indicator && !topic}
	askWord := ""
	switch {
	case ask == nil:
	case ask.Role == lexicon.RoleAskFigure:
		eq.Figure, askWord = true, ask.Chinese
	case ask.Role == lexicon.RoleAskWhat || ask.Role == lexicon.RoleAskList:
		askWord = ask.Other
		if eq.Figure {
			askWord = ask.Chinese
		}
	default: // who, when, where: not a figure whatever is asked about
		eq.Figure, askWord = false, ask.Chinese
	}
	var zh []string
	zh = append(zh, places...)
	zh = append(zh, times...)
	for i, s := range segs {
		if len(s.content)+len(s.frame) == 0 {
			continue
		}
		if i > 0 {
			zh = append(zh, s.join)
		}
		zh = append(zh, s.content...)
		zh = append(zh, s.frame...)
	}
	zh = append(zh, goals...)
	zh = append(zh, askWord)
	eq.Chinese = strings.Join(zh, "")
	eq.Lead = englishLead(words, found)
	return eq, true
}

// englishLead names what was asked in the question's words: its places,
// then the span from the first to the last other word of what it asks
// about (without the time and question words inside it), then the time in
// parentheses: "Sichuan grain output (this year)".
func englishLead(words []string, found []glossWord) string {
	skip := map[int]bool{}
	first, last := -1, -1
	var places, times []string
	for _, f := range found {
		phrase := strings.Join(words[f.first:f.first+f.n], " ")
		switch {
		case f.g.Role == lexicon.RoleTime || f.g.Ask() || f.g.Role == lexicon.RolePlace:
			for i := f.first; i < f.first+f.n; i++ {
				skip[i] = true
			}
			if f.g.Role == lexicon.RoleTime {
				times = append(times, phrase)
			}
			if f.g.Role == lexicon.RolePlace {
				places = append(places, phrase)
			}
		default:
			if first < 0 {
				first = f.first
			}
			last = f.first + f.n - 1
		}
	}
	ws := places
	for i := first; first >= 0 && i <= last; i++ {
		if !skip[i] {
			ws = append(ws, words[i])
		}
	}
	lead := strings.Join(ws, " ")
	if len(times) > 0 {
		lead += " (" + strings.Join(times, ", ") + ")"
	}
	if r, n := utf8.DecodeRuneInString(lead); n > 0 && unicode.IsLower(r) {
		lead = string(unicode.ToUpper(r)) + lead[n:]
	}
	return lead
}

// answerEnglish answers an English question through its Chinese reading
// and tells the answer in English.
func (ix *answerer) answerEnglish(ctx context.Context, question string, eq englishQuestion) (Answer, error) {
	// The Chinese reading may ask for the report's own facts (主要目标有哪些):
	// those answers have English texts of their own.
	if sa, ok := ix.special(eq.Chinese, true); ok {
		return sa, nil
	}
	a, err := ix.extract(ctx, eq.Chinese, false)
	if err != nil {
		return a, err
	}
	a.Text = englishText(a, question, eq)
	return a, nil
}

// markersRE is the citation markers that end an answer line.
var markersRE = regexp.MustCompile(`(?:\[\d+\])+$`)

// englishText tells a Chinese extractive answer in English: a lead naming
// what was asked, the figure, then the report's words quoted verbatim with
// their markers; a part the report does not cover is said so in English.
func englishText(a Answer, question string, eq englishQuestion) string {
	if !a.Found {
		t := notInReport([]string{question}, true)
		if len(a.Citations) > 0 {
			t += relatedNote(true)
		}
		return t
	}
	lead := eq.Lead
	if lead == "" {
		lead = msg(true, msgReportSays)
	}
	var quotes, notes []string
	for _, line := range strings.Split(a.Text, "\n") {
		if topics, ok := notInReportTopics(line); ok {
			notes = append(notes, notInReport(topics, true))
			continue
		}
		marks := markersRE.FindString(line)
		text := strings.TrimSuffix(line, marks)
		q := fmt.Sprintf(msg(true, msgQuote), text) + marks
		if figs := leadFigures(text); eq.Figure && len(figs) > 0 {
			q = strings.Join(figs, ", ") + " — " + q
		}
		quotes = append(quotes, q)
	}
	var out string
	if len(quotes) == 1 {
		out = lead + ": " + quotes[0]
	} else {
		out = lead + ":\n" + strings.Join(quotes, "\n")
	}
	for _, n := range notes {
		out += "\n" + n
	}
	return out
}

// maxLeadFigures is the most figures put before a quote; a quote with more
// is a list, read better in the report's words.
const maxLeadFigures = 3

// figureTail matches what follows a figure's number: a magnitude, the unit
// (the lexicon's units) and a qualifier, as the report writes them
// (5%左右, 1285万吨以上, 5.2万亿元).
var figureTail = sync.OnceValue(func() *regexp.Regexp {
	var units []string
	for _, u := range lexicon.Default().Units {
		units = append(units, regexp.QuoteMeta(u))
	}
	return regexp.MustCompile(`^(?:万亿|千亿|百亿|亿|万|千)?(?:个百分点|百分点|` + strings.Join(units, "|") + `)?(?:左右|以上|以内|以下|上下)?`)
})

// leadFigures returns the figures of a quote as the report writes them,
// or nil when there are none or too many to lead with.
func leadFigures(s string) []string {
	var out []string
	for _, loc := range numberRE.FindAllStringIndex(s, -1) {
		num := s[loc[0]:loc[1]]
		rest := s[loc[1]:]
		if yearNumRE.MatchString(num) && strings.HasPrefix(rest, "—") ||
			strings.HasPrefix(rest, "年") || strings.HasPrefix(rest, "月") || strings.HasPrefix(rest, "日") ||
			loc[0] > 0 && isASCIILetter(s[loc[0]-1]) || loc[1] < len(s) && isASCIILetter(s[loc[1]]) {
			continue // a date, a count of years or part of a name (PM2.5)
		}
		out = append(out, num+figureTail().FindString(rest))
	}
	if len(out) > maxLeadFigures {
		return nil
	}
	return out
}

// notInReportTopics returns the topics of a Chinese not-in-the-report
// line (notInReport), or false if line is not one.
func notInReportTopics(line string) ([]string, bool) {
	pre, suf, _ := strings.Cut(msg(false, msgNotInReport), "%s")
	inner, ok := strings.CutPrefix(line, pre)
	if !ok || !strings.HasSuffix(inner, suf) {
		return nil, false
	}
	inner = strings.TrimSuffix(inner, suf)
	open, close, _ := strings.Cut(msg(false, msgTopic), "%s")
	var topics []string
	for _, t := range strings.Split(inner, close+msg(false, msgTopicSep)+open) {
		topics = append(topics, strings.TrimSuffix(strings.TrimPrefix(t, open), close))
	}
	return topics, true
}
