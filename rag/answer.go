package rag

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// ErrNoReport is returned when no report is loaded.
var ErrNoReport = errors.New("no report loaded")

// ErrNotInReport marks an answer the report does not support; Answer
// reports it through Answer.Found rather than as an error.
var ErrNotInReport = errors.New("not in the report")

// Mode names how an answer was produced.
const (
	ModeExtractive = "extractive"
	ModeLLM        = "llm"
)

// Question is what a user asked.
type Question struct {
	// Text is the question as typed.
	Text string
	// Report optionally names a loaded report by ID; "" means the one the
	// question's places and years route to, else Default, else the
	// library's default.
	Report string
	// Default is the report a question naming no place or year is
	// answered from (a Slack channel's report); "" is the library's.
	Default string
	// Context holds the earlier questions of the same thread, oldest
	// first. A follow-up (「那CPI呢」, 「去年呢」, 「分别是多少」) takes what
	// it leaves out from the latest of them; a self-contained question
	// ignores them.
	Context []string
}

// ReportRef identifies the report an answer comes from.
type ReportRef struct {
	ID         string `json:"id"`
	Title      string `json:"title"`
	Government string `json:"government,omitempty"`
	Year       int    `json:"year"`
	// Short is how answers name the report among several: 广东省 2026.
	Short string `json:"-"`
}

// Citation is one numbered passage an answer relies on.
type Citation struct {
	// N is the marker number used in the answer text: [N].
	N int `json:"n"`
	// Paragraph is the paragraph number in the report.
	Paragraph int `json:"paragraph"`
	// Section is the paragraph's heading path.
	Section string `json:"section"`
	// Quote is the sentence(s) the answer rests on.
	Quote string `json:"quote"`
	// Text is the whole paragraph.
	Text string `json:"text"`
	// Report is the report the paragraph is in.
	Report *ReportRef `json:"report,omitempty"`
}

// Answer is the reply to a Question.
type Answer struct {
	// Text is the answer with [n] citation markers.
	Text string `json:"answer"`
	// Found is false when the report does not say what was asked.
	Found bool `json:"found"`
	// Mode is ModeExtractive or ModeLLM.
	Mode string `json:"mode"`
	// Report is the report answered from.
	Report ReportRef `json:"report"`
	// Citations are the passages behind the answer, in marker order.
	Citations []Citation `json:"citations"`
	// Ranked lists the paragraphs considered, best first (cited ones first);
	// evaluation reads it.
	Ranked []int `json:"-"`
	// Latency is how long answering took.
	Latency time.Duration `json:"-"`
	// Degraded says why the answer was made with less than the usual
	// means (DegradedLexical), or is "".
	Degraded string `json:"degraded,omitempty"`
	cause    error  // what degraded it, for the log
}

// DegradedLexical marks an answer retrieved by the lexical index alone
// because the question could not be embedded.
const DegradedLexical = "lexical-only: question embedding failed"

// Indexes hands the Engine the index to answer from; *Library implements it.
type Indexes interface {
	// Index returns the loaded index with the given report ID, or the
	// active one for "".
	Index(id string) (*Index, error)
}

// Engine answers questions from the report an Indexes source provides.
type Engine struct {
	lg     *slog.Logger
	src    Indexes
	gen    Generator
	budget time.Duration
}

// DefaultLLMBudget is how long a question may wait for the LLM, retries
// included, before the extractive answer is given: short enough that a
// Slack user has an answer within 20 s.
const DefaultLLMBudget = 15 * time.Second

// New returns an Engine. gen may be nil: answers are then extractive.
func New(lg *slog.Logger, src Indexes, gen Generator) *Engine {
	return &Engine{lg: lg, src: src, gen: gen, budget: DefaultLLMBudget}
}

// LLMBudget is the time one question may spend on the LLM.
func (e *Engine) LLMBudget() time.Duration { return e.budget }

// WithLLMBudget sets the total time one question may spend on the LLM
// (DefaultLLMBudget when d <= 0) and returns e.
func (e *Engine) WithLLMBudget(d time.Duration) *Engine {
	if d <= 0 {
		d = DefaultLLMBudget
	}
	e.budget = d
	return e
}

// Answer answers q from the active report (or q.Report). The index is
// fetched once, so a report swapped in meanwhile does not affect a question
// already being answered.
func (e *Engine) Answer(ctx context.Context, q Question) (Answer, error) {
	start := time.Now()
	if err := checkLength(q.Text); err != nil {
		return Answer{}, fmt.Errorf("answer: %w", err)
	}
	many := false        // several reports loaded: citations name theirs
	var missing []string // places named that no loaded report is of
	if lib, ok := e.src.(*Library); ok && q.Report == "" {
		many = lib.size() > 1
		// A question naming places or years goes to their reports.
		rt := lib.Route(q.Text)
		missing = rt.Missing
		switch {
		case len(rt.Ambiguous) > 0:
			return whichReport(q.Text, rt), nil
		case len(rt.Reports) == 0 && len(rt.Missing) > 0:
			return noSuchReport(q.Text, rt, lib), nil
		case len(rt.Reports) == 1:
			q.Report, q.Text = rt.Reports[0].ID, rt.forReport(0)
		case len(rt.Reports) > 1:
			return e.answerEach(ctx, q, rt, start)
		case lib.has(q.Default):
			q.Report = q.Default
		}
	}
	ix, err := e.src.Index(q.Report)
	if err != nil {
		return Answer{}, fmt.Errorf("answer: %w", err)
	}
	ax := &answerer{ix}
	text := ax.Resolve(q)
	a, err := ax.Extract(ctx, text)
	if err != nil {
		return Answer{}, fmt.Errorf("answer: %w", err)
	}
	// Greetings, requests to clarify and questions about the report as a
	// whole are answered from the report's structure; a model adds nothing.
	if in, _ := ax.intentOf(text); e.gen != nil && in == intentContent {
		a = e.generate(ctx, ix, text, a)
	}
	if len(missing) > 0 {
		english := !isChinese(q.Text)
		a.Text += "\n" + fmt.Sprintf(msg(english, msgPartlyMissing), strings.Join(missing, msg(english, msgTopicSep)))
	}
	for i := range a.Citations {
		ref := a.Report
		if many {
			r := ix.Report()
			ref.Short = ReportInfo{Government: r.Government, Year: r.Year, Title: r.Title}.ShortName()
		}
		a.Citations[i].Report = &ref
	}
	a.Latency = time.Since(start)
	if a.Degraded != "" {
		e.lg.Warn("answer degraded", "why", a.Degraded, "err", a.cause)
	}
	e.lg.Debug("answered", "question", q.Text, "found", a.Found, "mode", a.Mode, "ms", a.Latency.Milliseconds())
	return a, nil
}

// Resolve returns the question q asks once its thread is taken into
// account: a follow-up is completed from the earlier questions in
// q.Context, a self-contained question is returned as typed.
func (ix *answerer) Resolve(q Question) string {
	thread := make([]string, len(q.Context))
	for i, c := range q.Context {
		if r := []rune(c); len(r) > MaxQuestionRunes {
			c = string(r[:MaxQuestionRunes])
		}
		thread[i] = ix.lx.Normalize(c)
	}
	return resolveThread(ix.lx, thread, ix.lx.Normalize(q.Text), ix.region, ix.report.Year)
}

// Extract answers a question from the index alone: for each part of the
// question, the clause that answers it, quoted and cited. Retrieval goes
// through a memo made for the question, so each distinct text among the
// question and its parts is embedded and searched once.
func (ix *answerer) Extract(ctx context.Context, question string) (Answer, error) {
	return ix.extract(ctx, question, true)
}

// extract is Extract; leads says whether a figure answer starts with its
// figure (the English rendering puts the figures in its own lead).
func (ix *answerer) extract(ctx context.Context, question string, leads bool) (Answer, error) {
	r := ix.report
	a := Answer{Mode: ModeExtractive, Report: ReportRef{ID: ix.id, Title: r.Title, Government: r.Government, Year: r.Year}}
	// Step one of every question: the form it is read in (simplified
	// characters, narrow digits, no politeness or control characters).
	question = strings.TrimSpace(ix.lx.Normalize(question))
	english := !isChinese(question)
	if question == "" {
		return a, errors.New("empty question")
	}
	if sa, ok := ix.special(question, english); ok {
		return sa, nil
	}
	if english {
		if eq, ok := readEnglish(ix.lx, question); ok {
			return ix.answerEnglish(ctx, question, eq)
		}
	}
	m := newMemo()
	wq := ix.analyze(question, question)
	// The whole question's ranking feeds every part's candidates and
	// Answer.Ranked; retrieved first at the larger k, it serves both.
	whole, err := ix.retrieve(ctx, m, wq, question, memoK)
	if err != nil {
		return a, err
	}
	parts := splitQuestion(ix.lx, question)
	more := len(parts) > maxParts
	if more {
		parts = parts[:maxParts]
	}
	var prev *query
	cs := &citations{ix: ix.Index}
	var lines []string
	var missing []string
	found := 0
	seenText := map[string]bool{}
	related, relatedQuote := 0, ""
	prevPart := ""
	for _, part := range parts {
		if err := ctx.Err(); err != nil {
			return a, err // the question was given up: stop reading it
		}
		// 「哪些短板？产业这块呢」: a later part may be elliptical too.
		part, _ = resolveFollowUp(ix.lx, prevPart, part, ix.region, ix.report.Year)
		prevPart = part
		pa, q, err := ix.answerPart(ctx, m, part, question, wq, prev)
		if err != nil {
			return a, err
		}
		prev = q
		if pa.skip {
			continue
		}
		if !pa.found {
			missing = append(missing, pa.topic)
			if related == 0 {
				related, relatedQuote = pa.related, pa.relatedQuote
			}
			continue
		}
		found++
		n := cs.cite(pa.para, pa.quote)
		marks := ""
		for _, m := range pa.more {
			// A list item's paragraph is quoted by its first sentence.
			quote := ""
			if !cs.cited(m) {
				quote = ix.paras[m-1].sentences[0]
			}
			marks += cs.marker(m, quote)
		}
		if seenText[pa.text] {
			continue
		}
		// A snippet already inside an earlier one adds nothing.
		dup := false
		for t := range seenText {
			if strings.Contains(t, pa.text) {
				dup = true
			}
		}
		if dup {
			continue
		}
		seenText[pa.text] = true
		text := pa.text
		if leads && pa.lead != "" && (len([]rune(pa.lead)) == 1 || !strings.HasPrefix(Fold(text), Fold(pa.lead))) {
			// The figure asked for first, then the clause it stands in. A
			// one-character lead is a yes (有), never already said by a
			// clause that happens to start with it (有序推进).
			text = fmt.Sprintf(msg(english, msgLead), pa.lead, text)
		}
		lines = append(lines, fmt.Sprintf("%s[%d]%s", text, n, marks))
	}
	a.Found = found > 0
	switch {
	case found == 0:
		a.Text = notInReport(missing, english)
		if related > 0 {
			cs.cite(related, relatedQuote)
			a.Text += relatedNote(english)
		}
	default:
		a.Text = strings.Join(lines, "\n")
		if len(missing) > 0 {
			a.Text += "\n" + notInReport(missing, english)
		}
	}
	if more {
		a.Text += "\n" + fmt.Sprintf(msg(english, msgMoreParts), maxParts)
	}
	a.Citations = cs.all()
	if m.embedErr != nil {
		a.Degraded, a.cause = DegradedLexical, m.embedErr
	}
	// Ranking for evaluation: cited paragraphs, then what retrieval found
	// for the whole question.
	seen := map[int]bool{}
	for _, c := range a.Citations {
		if !seen[c.Paragraph] {
			seen[c.Paragraph] = true
			a.Ranked = append(a.Ranked, c.Paragraph)
		}
	}
	for _, h := range whole {
		if !seen[h.para] {
			seen[h.para] = true
			a.Ranked = append(a.Ranked, h.para)
		}
	}
	return a, nil
}

// citation builds citation n for paragraph para.
func (ix *Index) citation(n, para int, quote string) Citation {
	p := ix.report.Paragraphs[para-1]
	return Citation{N: n, Paragraph: p.N, Section: p.SectionPath(), Quote: quote, Text: p.Text}
}

// notInReport says plainly that the report does not cover the topics.
func notInReport(topics []string, english bool) string {
	quoted := make([]string, len(topics))
	for i, t := range topics {
		if english {
			t = strings.TrimRight(t, "?？.。 ")
		}
		quoted[i] = fmt.Sprintf(msg(english, msgTopic), t)
	}
	return fmt.Sprintf(msg(english, msgNotInReport), strings.Join(quoted, msg(english, msgTopicSep)))
}

func relatedNote(english bool) string { return msg(english, msgRelated) }

// isQuestionEnglish reports whether the question is written without
// Chinese characters.
func isQuestionEnglish(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return true
}

// answerEach answers a question naming several reports from each of them,
// each part headed by its report and cited with its own passages.
func (e *Engine) answerEach(ctx context.Context, q Question, rt Route, start time.Time) (Answer, error) {
	english := !isChinese(q.Text)
	var out Answer
	var lines []string
	for i, ri := range rt.Reports {
		sub := q
		sub.Report, sub.Text = ri.ID, rt.forReport(i)
		a, err := e.Answer(ctx, sub)
		if err != nil {
			return Answer{}, err
		}
		offset := len(out.Citations)
		text := markerRE.ReplaceAllStringFunc(a.Text, func(m string) string {
			n, _ := strconv.Atoi(markerRE.FindStringSubmatch(m)[1])
			return "[" + strconv.Itoa(n+offset) + "]"
		})
		lines = append(lines, fmt.Sprintf(msg(english, msgReportHead), ri.ShortName(), text))
		for _, c := range a.Citations {
			c.N += offset
			ref := a.Report
			ref.Short = ri.ShortName()
			c.Report = &ref
			out.Citations = append(out.Citations, c)
		}
		out.Found = out.Found || a.Found
		if out.Mode == "" || a.Mode == ModeExtractive {
			out.Mode = a.Mode
		}
		if a.Degraded != "" {
			out.Degraded = a.Degraded
		}
	}
	if len(rt.Missing) > 0 {
		lines = append(lines, fmt.Sprintf(msg(english, msgPartlyMissing), strings.Join(rt.Missing, msg(english, msgTopicSep))))
	}
	out.Text = strings.Join(lines, "\n")
	out.Latency = time.Since(start)
	return out, nil
}

// whichReport asks which of several reports a question means.
func whichReport(question string, rt Route) Answer {
	english := !isChinese(question)
	var names []string
	for _, ri := range rt.Ambiguous {
		names = append(names, ri.ShortName())
	}
	return Answer{Mode: ModeExtractive, Text: fmt.Sprintf(msg(english, msgWhichReport), strings.Join(names, msg(english, msgTopicSep)))}
}

// noSuchReport says the library holds no report of the places or years a
// question names, and which it holds.
func noSuchReport(question string, rt Route, lib *Library) Answer {
	english := !isChinese(question)
	var have []string
	for _, ri := range byYear(lib.Reports()) {
		have = append(have, ri.ShortName())
	}
	return Answer{Mode: ModeExtractive, Text: fmt.Sprintf(msg(english, msgNoSuchReport),
		strings.Join(rt.Missing, msg(english, msgTopicSep)), strings.Join(have, msg(english, msgTopicSep)))}
}
