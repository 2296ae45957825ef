package rag

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/reportbot/reportbot/knowledge"
)

// The answers to questions that name no content (see intent.go): the
// year's main targets itemised, the report's particulars, its outline, a
// request to say what is wanted, and a reply to a greeting. Each is built
// from what the report states, and cites the paragraph that states it
// where one does.

// clarifyZH and clarifyEN ask a question with nothing to answer to say what
// is wanted.
const (
	clarifyZH = "请说明想了解哪方面，例如：今年GDP增长目标是多少？"
	clarifyEN = "Please say what you would like to know, for example: What is this year's GDP growth target?"
)

// answerBuilder collects answer lines and their citations, one citation
// per paragraph.
type answerBuilder struct {
	ix    *answerer
	lines []string
	cites []Citation
	byPar map[int]int
}

// cite returns the marker for paragraph para, quoting quote.
func (b *answerBuilder) cite(para int, quote string) string {
	if para <= 0 {
		return ""
	}
	if b.byPar == nil {
		b.byPar = map[int]int{}
	}
	n, ok := b.byPar[para]
	if !ok {
		n = len(b.cites) + 1
		b.byPar[para] = n
		b.cites = append(b.cites, b.ix.citation(n, para, quote))
	} else if quote != "" && !strings.Contains(b.cites[n-1].Quote, quote) {
		b.cites[n-1].Quote += quote
	}
	return fmt.Sprintf("[%d]", n)
}

func (b *answerBuilder) add(format string, args ...any) {
	b.lines = append(b.lines, fmt.Sprintf(format, args...))
}

// answer returns the built answer.
func (b *answerBuilder) answer(found bool) Answer {
	r := b.ix.report
	a := Answer{Mode: ModeExtractive, Report: ReportRef{ID: b.ix.id, Title: r.Title, Year: r.Year},
		Text: strings.Join(b.lines, "\n"), Found: found, Citations: b.cites}
	for _, c := range b.cites {
		a.Ranked = append(a.Ranked, c.Paragraph)
	}
	return a
}

// special answers a question that names no content, or reports false when
// the question is a content question (or asks for targets the report does
// not list) and retrieval should answer it.
func (ix *answerer) special(question string, english bool) (Answer, bool) {
	in, m := intentOf(question, ix.report, ix.region)
	b := &answerBuilder{ix: ix}
	switch in {
	case intentClarify:
		b.add("%s", pick(english, clarifyEN, clarifyZH))
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

func pick(english bool, en, zh string) string {
	if english {
		return en
	}
	return zh
}

// greet replies to a greeting or thanks with what the bot can do.
func (ix *answerer) greet(b *answerBuilder, m mark, english bool) {
	title := ix.report.Title
	switch {
	case english && m&mkThanks != 0 && m&(mkHello|mkHelp) == 0:
		b.add("You're welcome! Ask me anything else about %s, for example: What is this year's GDP growth target?", title)
	case english:
		b.add("Hello! I answer questions about %s and cite the paragraphs I rely on, for example: What is this year's GDP growth target?", title)
	case m&mkThanks != 0 && m&(mkHello|mkHelp) == 0:
		b.add("不客气！还想了解《%s》的其他内容，可以继续问我，例如：今年GDP增长目标是多少？", title)
	default:
		b.add("你好！我可以回答关于《%s》的问题，并注明出处，例如：今年GDP增长目标是多少？", title)
	}
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
	if english {
		b.add("Main expected targets for %d%s:", r.Year, head)
	} else {
		b.add("%d年主要预期目标%s：", r.Year, head)
	}
	for i, t := range main {
		mk := ""
		if t.Paragraph != main[0].Paragraph {
			mk = b.cite(t.Paragraph, ix.targetQuote(main, t.Paragraph))
		}
		b.add("%d. %s%s", i+1, t.Text, mk)
	}
	if len(other) > 0 {
		var items []string
		for _, t := range other {
			items = append(items, t.Text+b.cite(t.Paragraph, ix.targetQuote([]knowledge.Target{t}, t.Paragraph)))
		}
		b.add("%s%s。", pick(english, "Also set in the year's plan: ", "年度工作安排中还提出："), strings.Join(items, "；"))
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
	b.add("%s", pick(english,
		fmt.Sprintf("The report does not list the targets of an earlier year; the targets it sets are for %d, see %s.", y, mk),
		fmt.Sprintf("报告中没有列出往年的预期目标；报告提出的是%d年的主要预期目标，见%s。", y, mk)))
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
			parts = append(parts, fmt.Sprintf("%s%s%s", pick(english, fmt.Sprintf("Opening (§1–§%d, untitled): ", first-1),
				fmt.Sprintf("开头部分（第1—%d段，无标题）：", first-1)), shorten(q, 40), b.cite(1, q)))
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
			title += "：" + s.Children[0].Title
		}
		switch {
		case english && len(s.Children) > 1:
			parts = append(parts, fmt.Sprintf("%s (from §%d, %d subsections)%s", title, s.First, len(s.Children), mk))
		case english:
			parts = append(parts, fmt.Sprintf("%s (from §%d)%s", title, s.First, mk))
		case len(s.Children) > 1:
			parts = append(parts, fmt.Sprintf("%s（第%d段起，%d个小节）%s", title, s.First, len(s.Children), mk))
		default:
			parts = append(parts, fmt.Sprintf("%s（第%d段起）%s", title, s.First, mk))
		}
	}
	switch {
	case english && len(parts) == len(r.Sections) && len(parts) > 0:
		b.add("%s has %d parts:", r.Title, len(r.Sections))
	case english:
		b.add("%s covers:", r.Title)
	case len(parts) == len(r.Sections) && len(parts) > 0:
		b.add("《%s》共%d个部分：", r.Title, len(r.Sections))
	default:
		b.add("《%s》包括：", r.Title)
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
		b.add("%s%s%s", pick(english, fmt.Sprintf("Main targets for %d: ", r.Year), fmt.Sprintf("%d年主要预期目标：", r.Year)),
			strings.Join(texts, "；"), b.cite(para, ix.targetQuote(main, para)))
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

var (
	// speakerLineRE is a byline: 北京市市长 殷勇, 四川省人民政府省长 施小琳.
	speakerLineRE = regexp.MustCompile(`(?:省长|市长|区长|县长|州长|主席|总理)[\s　]*\p{Han}{2,4}$`)
	// speakerDidRE is 殷勇同志作政府工作报告.
	speakerDidRE = regexp.MustCompile(`^\p{Han}{2,4}(?:同志)?(?:代表\p{Han}{2,12}政府)?作\p{Han}{0,6}报告`)
	// venueRE is the delivery line: 2026年1月25日在北京市第十六届人民代表大会第四次会议上.
	venueRE = regexp.MustCompile(`^[—\-－\s]*((?:\d{4})年\d{1,2}月\d{1,2}日)在(.{2,60}?(?:会议|大会))上\s*$`)
)

// headParas are the paragraphs before the report's first heading, at most
// eight: the delivery line, the byline, the opening address.
func headParas(r *knowledge.Report) []knowledge.Paragraph {
	n := firstSectionPara(r) - 1
	if n < 0 {
		n = len(r.Paragraphs)
	}
	return r.Paragraphs[:min(n, 8, len(r.Paragraphs))]
}

// reportFacts are the report's particulars with the paragraphs stating them.
type reportFacts struct {
	date      string // 2026年1月25日, or ""
	datePara  int
	venue     string // 北京市第十六届人民代表大会第四次会议, or ""
	speakers  []knowledge.Paragraph
	govPara   int
	yearPara  int
	yearQuote string
	dateQuote string
	govQuote  string
}

func (ix *answerer) facts() reportFacts {
	r := ix.report
	var f reportFacts
	if y, mo, d, ok := splitDate(r.Date); ok {
		f.date = fmt.Sprintf("%d年%d月%d日", y, mo, d)
	}
	gov := fold(r.Government)
	for _, p := range headParas(r) {
		t := strings.TrimSpace(p.Text)
		ft := fold(t)
		if m := venueRE.FindStringSubmatch(t); m != nil && f.datePara == 0 {
			f.datePara, f.dateQuote, f.venue = p.N, t, m[2]
			if f.date == "" {
				f.date = m[1]
			}
		} else if f.date != "" && f.datePara == 0 && strings.Contains(ft, fold(f.date)) && len([]rune(t)) <= 60 {
			f.datePara, f.dateQuote = p.N, t
		}
		if len([]rune(t)) <= 30 && (speakerLineRE.MatchString(t) || speakerDidRE.MatchString(t)) {
			f.speakers = append(f.speakers, p)
		}
		if f.govPara == 0 && gov != "" && strings.Contains(ft, gov) {
			f.govPara, f.govQuote = p.N, sentenceWith(p, r.Government)
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

// splitDate reads YYYY-MM-DD.
func splitDate(d string) (y, m, day int, ok bool) {
	parts := strings.Split(d, "-")
	if len(parts) != 3 {
		return 0, 0, 0, false
	}
	var err [3]error
	y, err[0] = strconv.Atoi(parts[0])
	m, err[1] = strconv.Atoi(parts[1])
	day, err[2] = strconv.Atoi(parts[2])
	return y, m, day, err[0] == nil && err[1] == nil && err[2] == nil
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
	say := func(ok bool, en, zh string) {
		if ok {
			found++
		} else {
			missing++
		}
		b.add("%s", pick(english, en, zh))
	}
	gov := r.Government
	if asked&mkGov != 0 {
		mk := b.cite(f.govPara, f.govQuote)
		switch {
		case gov != "":
			say(true, fmt.Sprintf("This is the government work report of %s (%s)%s.", gov, r.Title, mk),
				fmt.Sprintf("这是%s的政府工作报告（《%s》）%s。", gov, r.Title, mk))
		default:
			say(r.Title != "", fmt.Sprintf("The report is titled %s; it does not name its government.", r.Title),
				fmt.Sprintf("报告标题为《%s》，其中没有写明是哪个政府。", r.Title))
		}
	}
	if asked&mkTitle != 0 && asked&mkGov == 0 {
		say(r.Title != "", fmt.Sprintf("The report's title is %s.", r.Title), fmt.Sprintf("报告标题是《%s》。", r.Title))
	}
	if asked&mkYear != 0 {
		mk := b.cite(f.yearPara, f.yearQuote)
		say(r.Year > 0, fmt.Sprintf("It is the government work report for %d, setting out the work for %d%s.", r.Year, r.Year, mk),
			fmt.Sprintf("这是%d年的政府工作报告，部署%d年的工作%s。", r.Year, r.Year, mk))
	}
	if asked&(mkWhen|mkVenue) != 0 {
		mk := b.cite(f.datePara, f.dateQuote)
		switch {
		case f.venue != "":
			say(true, fmt.Sprintf("It was delivered on %s at %s%s.", f.date, f.venue, mk),
				fmt.Sprintf("报告是%s在%s上作的%s。", f.date, f.venue, mk))
		case f.date != "":
			say(asked&mkWhen != 0, fmt.Sprintf("It is dated %s%s.", f.date, mk), fmt.Sprintf("报告日期是%s%s。", f.date, mk))
		default:
			say(false, "The report does not say when it was delivered.", "报告中没有写明作报告的时间。")
		}
	}
	if asked&mkWho != 0 {
		var names []string
		// 殷勇同志作政府工作报告 says it outright; the byline only names.
		sort.SliceStable(f.speakers, func(i, j int) bool {
			return speakerDidRE.MatchString(f.speakers[i].Text) && !speakerDidRE.MatchString(f.speakers[j].Text)
		})
		for _, p := range f.speakers {
			names = append(names, strings.TrimRight(strings.TrimSpace(p.Text), "。.")+b.cite(p.N, p.Text))
		}
		switch {
		case len(names) > 0:
			say(true, "Delivered by: "+strings.Join(names, "; "), "作报告的是："+strings.Join(names, "；"))
		case gov != "":
			say(false, fmt.Sprintf("The report does not name who delivered it; it was given on behalf of %s.", gov),
				fmt.Sprintf("报告中没有写明作报告的人；报告以%s的名义作出。", gov))
		default:
			say(false, "The report does not name who delivered it.", "报告中没有写明作报告的人。")
		}
	}
	return found > 0
}
