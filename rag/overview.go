package rag

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/reportbot/reportbot/knowledge"
)

// The answers to questions that name no content (see intent.go): the
// year's main targets itemised, the report's particulars, its outline, a
// request to say what is wanted, and a reply to a greeting. Each is built
// from what the report states, and cites the paragraph that states it
// where one does. Their wording is in the message table (messages.go).

// answerBuilder collects answer lines and their citations, one citation
// per paragraph.
type answerBuilder struct {
	ix    *answerer
	lines []string
	cs    *citations
}

// cite returns the marker for paragraph para, quoting quote.
func (b *answerBuilder) cite(para int, quote string) string {
	if b.cs == nil {
		b.cs = &citations{ix: b.ix.Index}
	}
	return b.cs.marker(para, quote)
}

func (b *answerBuilder) add(format string, args ...any) {
	b.lines = append(b.lines, fmt.Sprintf(format, args...))
}

// answer returns the built answer.
func (b *answerBuilder) answer(found bool) Answer {
	r := b.ix.report
	a := Answer{Mode: ModeExtractive, Report: ReportRef{ID: b.ix.id, Title: r.Title, Year: r.Year},
		Text: strings.Join(b.lines, "\n"), Found: found}
	if b.cs != nil {
		a.Citations = b.cs.all()
	}
	for _, c := range a.Citations {
		a.Ranked = append(a.Ranked, c.Paragraph)
	}
	return a
}

// special answers a question that names no content, or reports false when
// the question is a content question (or asks for targets the report does
// not list) and retrieval should answer it.
func (ix *answerer) special(question string, english bool) (Answer, bool) {
	in, m := ix.intentOf(question)
	b := &answerBuilder{ix: ix}
	switch in {
	case intentClarify:
		b.add("%s", msg(english, msgClarify))
		return b.answer(false), true
	case intentGreeting:
		ix.greet(b, m, english)
		return b.answer(false), true
	case intentMeta:
		return b.answer(ix.meta(b, m, english)), true
	case intentOverview:
		ix.overview(b, english)
		return b.answer(true), true
	case intentTargets:
		if m&mkPast != 0 {
			// A report lists its own year's targets, not last year's.
			if !ix.pastTargets(b, english) {
				return Answer{}, false
			}
			return b.answer(false), true
		}
		if !ix.targets(b, english) {
			return Answer{}, false
		}
		return b.answer(true), true
	}
	return Answer{}, false
}

// greet replies to a greeting or thanks with what the bot can do.
func (ix *answerer) greet(b *answerBuilder, m mark, english bool) {
	k := msgHello
	if m&mkThanks != 0 && m&(mkHello|mkHelp) == 0 {
		k = msgWelcome
	}
	b.add(msg(english, k), ix.report.Title)
}

// targets lists the year's main targets, each as the report words it, then
// the targets set elsewhere in the year's plan. It reports false when the
// report has no main-targets statement.
func (ix *answerer) targets(b *answerBuilder, english bool) bool {
	ts := knowledge.Targets(ix.report)
	if len(ts) == 0 {
		return false
	}
	r := ix.report
	var main, other []knowledge.Target
	for _, t := range ts {
		if t.Secondary {
			other = append(other, t)
		} else {
			main = append(main, t)
		}
	}
	head := ""
	if len(main) > 0 {
		head = b.cite(main[0].Paragraph, ix.targetQuote(main, main[0].Paragraph))
	}
	b.add(msg(english, msgTargets), r.Year, head)
	for i, t := range main {
		mk := ""
		if t.Paragraph != main[0].Paragraph {
			mk = b.cite(t.Paragraph, ix.targetQuote(main, t.Paragraph))
		}
		b.add(msg(english, msgTargetItem), i+1, t.Text, mk)
	}
	if len(other) > 0 {
		var items []string
		for _, t := range other {
			items = append(items, t.Text+b.cite(t.Paragraph, ix.targetQuote([]knowledge.Target{t}, t.Paragraph)))
		}
		b.add(msg(english, msgAlsoSet), strings.Join(items, msg(english, msgTargetSep)))
	}
	return true
}

// pastTargets says that the report lists no earlier year's targets and
// points at the year's own. It reports false when the report lists none.
func (ix *answerer) pastTargets(b *answerBuilder, english bool) bool {
	var main []knowledge.Target
	for _, t := range knowledge.Targets(ix.report) {
		if !t.Secondary {
			main = append(main, t)
		}
	}
	if len(main) == 0 {
		return false
	}
	y := ix.report.Year
	para := main[0].Paragraph
	mk := b.cite(para, ix.targetQuote(main, para))
	b.add(msg(english, msgNoPastTargets), y, mk)
	return true
}

// targetQuote is what a citation of paragraph para quotes for targets:
// the paragraph's sentences that state any of them, verbatim.
func (ix *answerer) targetQuote(ts []knowledge.Target, para int) string {
	p, ok := ix.report.Paragraph(para)
	if !ok {
		return ""
	}
	var b strings.Builder
	for _, s := range p.Sentences {
		for _, t := range ts {
			if t.Paragraph == para && strings.Contains(s, t.Text) {
				b.WriteString(s)
				break
			}
		}
	}
	return b.String()
}

// overview outlines the report: its top-level parts with the paragraph
// each starts at, and the year's main targets.
func (ix *answerer) overview(b *answerBuilder, english bool) {
	r := ix.report
	var parts []string
	// An untitled opening with body text (a page that starts mid-report).
	if first := firstSectionPara(r); first > 1 {
		long := false
		for _, p := range r.Paragraphs[:first-1] {
			long = long || len([]rune(p.Text)) > 80
		}
		if long {
			q := firstSentence(r.Paragraphs[0])
			parts = append(parts, fmt.Sprintf(msg(english, msgOpening), first-1)+shorten(q, 40)+b.cite(1, q))
		}
	}
	for _, s := range r.Sections {
		if s.First <= 0 {
			parts = append(parts, s.Title)
			continue
		}
		p, _ := r.Paragraph(s.First)
		mk := b.cite(s.First, firstSentence(p))
		title := s.Title
		if len(s.Children) == 1 && len([]rune(title)) <= 4 {
			// 附件1 says nothing; its one heading says what it is.
			title += msg(english, msgSubtitle) + s.Children[0].Title
		}
		if len(s.Children) > 1 {
			parts = append(parts, fmt.Sprintf(msg(english, msgPartSubsections), title, s.First, len(s.Children), mk))
		} else {
			parts = append(parts, fmt.Sprintf(msg(english, msgPart), title, s.First, mk))
		}
	}
	if len(parts) == len(r.Sections) && len(parts) > 0 {
		b.add(msg(english, msgParts), r.Title, len(r.Sections))
	} else {
		b.add(msg(english, msgCovers), r.Title)
	}
	b.lines = append(b.lines, parts...)
	if len(r.Sections) == 0 && len(parts) == 0 && len(r.Paragraphs) > 0 {
		q := firstSentence(r.Paragraphs[0])
		b.add("%s%s", shorten(q, 60), b.cite(1, q))
	}
	var main []knowledge.Target
	var texts []string
	for _, t := range knowledge.Targets(r) {
		if !t.Secondary {
			main = append(main, t)
			texts = append(texts, t.Text)
		}
	}
	if len(main) > 0 {
		para := main[0].Paragraph
		b.add(msg(english, msgOverviewTargets), r.Year, strings.Join(texts, msg(english, msgTargetSep)),
			b.cite(para, ix.targetQuote(main, para)))
	}
}

// firstSectionPara is the first paragraph under a heading, or 0.
func firstSectionPara(r *knowledge.Report) int {
	for _, s := range r.Sections {
		if s.First > 0 {
			return s.First
		}
	}
	return 0
}

func firstSentence(p knowledge.Paragraph) string {
	if len(p.Sentences) > 0 {
		return p.Sentences[0]
	}
	return p.Text
}

// shorten cuts s to n runes, marking the cut.
func shorten(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return string(rs[:n]) + "…"
}

// reportFacts are the report's particulars with the paragraphs stating them.
type reportFacts struct {
	date      string // 2026年1月25日, or ""
	datePara  int
	venue     string // 北京市第十六届人民代表大会第四次会议, or ""
	speakers  []knowledge.Fact
	govPara   int
	yearPara  int
	yearQuote string
	dateQuote string
	govQuote  string
}

// facts gathers what the report states about itself from its header facts
// (knowledge reads them), and the paragraphs to cite for its government
// and year.
func (ix *answerer) facts() reportFacts {
	r := ix.report
	var f reportFacts
	f.date = chineseDate(r.Date)
	if d := r.Delivery; d != nil {
		f.datePara, f.dateQuote, f.venue = d.Paragraph, strings.TrimSpace(d.Text), d.Venue
		if f.date == "" {
			f.date = chineseDate(d.Date)
		}
	}
	f.speakers = slices.Clone(r.Speakers)
	if gov := fold(r.Government); gov != "" {
		for _, p := range r.Opening() {
			if strings.Contains(fold(p.Text), gov) {
				f.govPara, f.govQuote = p.N, sentenceWith(p, r.Government)
				break
			}
		}
	}
	if f.govPara == 0 && f.venue != "" {
		f.govPara, f.govQuote = f.datePara, f.dateQuote
	}
	if f.datePara > 0 && r.Year > 0 && strings.Contains(f.dateQuote, strconv.Itoa(r.Year)+"年") {
		f.yearPara, f.yearQuote = f.datePara, f.dateQuote
	} else if r.Year > 0 {
		y := strconv.Itoa(r.Year) + "年"
		for _, p := range r.Paragraphs {
			if strings.Contains(p.SectionPath(), y) && strings.Contains(firstSentence(p), y) {
				f.yearPara, f.yearQuote = p.N, firstSentence(p)
				break
			}
		}
	}
	return f
}

// sentenceWith returns the sentence of p containing s, or its first.
func sentenceWith(p knowledge.Paragraph, s string) string {
	for _, x := range p.Sentences {
		if strings.Contains(fold(x), fold(s)) {
			return x
		}
	}
	return firstSentence(p)
}

// chineseDate writes YYYY-MM-DD as 2026年1月25日, and anything else as "".
func chineseDate(d string) string {
	parts := strings.Split(d, "-")
	if len(parts) != 3 {
		return ""
	}
	var n [3]int
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil {
			return ""
		}
		n[i] = v
	}
	return fmt.Sprintf("%d年%d月%d日", n[0], n[1], n[2])
}

// meta answers what the question asks about the report itself — which
// government, when, where, who, which year, its title — or all of it when
// it names none. It reports whether anything asked was stated.
func (ix *answerer) meta(b *answerBuilder, m mark, english bool) bool {
	r := ix.report
	f := ix.facts()
	asked := m & metaFacets
	if asked == 0 {
		asked = mkTitle | mkGov | mkWhen | mkWho
	}
	found, missing := 0, 0
	say := func(ok bool, k msgKey, args ...any) {
		if ok {
			found++
		} else {
			missing++
		}
		b.add(msg(english, k), args...)
	}
	gov := r.Government
	if r.Issuer != "" && r.Kind != "" && r.Kind != knowledge.KindWorkReport {
		// A notice, an opinion, a plan: issued by a body, not delivered
		// by a speaker. Who, which body and its title all name the issuer.
		if asked&(mkGov|mkWho|mkTitle) != 0 {
			para, quote := issuerSource(r)
			number := ""
			if r.Number != "" {
				number = fmt.Sprintf(msg(english, msgNumber), r.Number)
			}
			say(true, msgIssued, r.Kind, r.Title, r.Issuer, number, b.cite(para, quote))
		}
		if asked&(mkWhen|mkYear) != 0 {
			para, quote := f.datePara, f.dateQuote
			if para == 0 && f.date != "" {
				para, quote = paragraphWith(r, f.date)
			}
			say(f.date != "", msgDocDated, f.date, b.cite(para, quote))
		}
		return found > 0
	}
	if asked&mkGov != 0 {
		mk := b.cite(f.govPara, f.govQuote)
		switch {
		case gov != "":
			say(true, msgGovernment, gov, r.Title, mk)
		default:
			say(r.Title != "", msgTitleNoGovernment, r.Title)
		}
	}
	if asked&mkTitle != 0 && asked&mkGov == 0 {
		say(r.Title != "", msgTitle, r.Title)
	}
	if asked&mkYear != 0 {
		mk := b.cite(f.yearPara, f.yearQuote)
		say(r.Year > 0, msgYear, r.Year, r.Year, mk)
	}
	if asked&(mkWhen|mkVenue) != 0 {
		mk := b.cite(f.datePara, f.dateQuote)
		// 哪次会议 asks for the meeting: a date alone does not answer it,
		// and a report silent on both is silent on the meeting.
		venueOnly := asked&mkWhen == 0
		switch {
		case f.venue != "":
			say(true, msgDeliveredAt, f.date, f.venue, mk)
		case f.date != "" && venueOnly:
			say(false, msgNoVenue)
			b.add(msg(english, msgDated), f.date, mk)
		case f.date != "":
			say(true, msgDated, f.date, mk)
		case venueOnly:
			say(false, msgNoVenue)
		default:
			say(false, msgNoDate)
		}
	}
	if asked&mkWho != 0 {
		var names []string
		// 殷勇同志作政府工作报告 says it outright; the byline only names.
		sort.SliceStable(f.speakers, func(i, j int) bool { return f.speakers[i].Caption && !f.speakers[j].Caption })
		for _, p := range f.speakers {
			names = append(names, strings.TrimRight(strings.TrimSpace(p.Text), "。.")+b.cite(p.Paragraph, p.Text))
		}
		switch {
		case len(names) > 0:
			say(true, msgDeliveredBy, strings.Join(names, msg(english, msgSpeakerSep)))
		case gov != "":
			say(false, msgNoSpeakerGovernment, gov)
		default:
			say(false, msgNoSpeaker)
		}
	}
	return found > 0
}

// paragraphWith is the first paragraph containing s, with its sentence.
func paragraphWith(r *knowledge.Report, s string) (int, string) {
	for _, p := range r.Paragraphs {
		if strings.Contains(p.Text, s) {
			return p.N, sentenceWith(p, s)
		}
	}
	return 0, ""
}

// issuerSource is the paragraph of a policy document that names its
// number, or else its issuer: where its signature or information table is.
func issuerSource(r *knowledge.Report) (int, string) {
	for _, want := range []string{r.Number, r.Issuer} {
		if want == "" {
			continue
		}
		if n, quote := paragraphWith(r, want); n > 0 {
			return n, quote
		}
	}
	return 0, ""
}
