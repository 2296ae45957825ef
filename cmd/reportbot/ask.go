package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/reportbot/reportbot/bot/mrkdwn"
	"github.com/reportbot/reportbot/knowledge"
	"github.com/reportbot/reportbot/rag"
)

func init() {
	register(command{name: "ask", summary: "answer a question about a report, with citations", run: cmdAsk})
}

func cmdAsk(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "ask", "[-report PATH|URL] [-json] QUESTION…")
	src := fs.String("report", "", "report file or URL (default: the library's default report, or the built-in 镇海 2023 report)")
	asJSON := fs.Bool("json", false, "print one JSON object")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	question := strings.TrimSpace(strings.Join(fs.Args(), " "))
	if question == "" {
		return usagef("ask: no question given")
	}
	// Bounded before anything is loaded or read.
	if n := utf8.RuneCountInString(question); n > rag.MaxQuestionRunes {
		return usagef("ask: the question is %d characters long; at most %d are read", n, rag.MaxQuestionRunes)
	}
	var r *knowledge.Report // nil: the library's default report
	if *src != "" {
		var err error
		if r, err = loadReport(ctx, e, *src); err != nil {
			return fmt.Errorf("ask: %w", err)
		}
		warnLoaded(e, r)
	}
	eng, err := answerEngine(ctx, e, r, nil)
	if err != nil {
		return fmt.Errorf("ask: %w", err)
	}
	a, err := eng.Answer(ctx, rag.Question{Text: question})
	if err != nil {
		return fmt.Errorf("ask: %w", err)
	}
	if *asJSON {
		return writeAnswerJSON(e.stdout, question, a)
	}
	writeAnswerText(e.stdout, a)
	return nil
}

// answerJSON is the shape `ask -json` prints.
type answerJSON struct {
	Question  string         `json:"question"`
	Answer    string         `json:"answer"`
	Found     bool           `json:"found"`
	Mode      string         `json:"mode"`
	Report    reportJSON     `json:"report"`
	Citations []rag.Citation `json:"citations"`
}

type reportJSON struct {
	Title string `json:"title"`
	Year  int    `json:"year"`
}

func writeAnswerJSON(w io.Writer, question string, a rag.Answer) error {
	out := answerJSON{Question: question, Answer: a.Text, Found: a.Found, Mode: a.Mode,
		Report: reportJSON{Title: a.Report.Title, Year: a.Report.Year}, Citations: a.Citations}
	if out.Citations == nil {
		out.Citations = []rag.Citation{}
	}
	return writeJSON(w, out)
}

func writeAnswerText(w io.Writer, a rag.Answer) {
	text := a.Text
	if a.Mode == rag.ModeLLM {
		text = mrkdwn.Plain(text) // a model's Markdown, for a terminal
	}
	fmt.Fprintln(w, text)
	if len(a.Citations) == 0 {
		return
	}
	fmt.Fprintln(w)
	for _, c := range a.Citations {
		sec := c.Section
		if sec == "" {
			sec = "—"
		}
		from := ""
		if c.Report != nil && c.Report.Short != "" {
			from = c.Report.Short + " · " // an answer from several reports
		}
		fmt.Fprintf(w, "[%d] %s第%d段 · %s\n    %s\n", c.N, from, c.Paragraph, sec, c.Quote)
	}
	title := a.Report.Title
	if title == "" {
		title = "several reports"
	}
	fmt.Fprintf(w, "\n(%s · %s)\n", title, a.Mode)
}
