package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/reportbot/reportbot/knowledge"
	"github.com/reportbot/reportbot/rag"
)

func init() {
	register(command{name: "eval", summary: "score answers against a question set", run: cmdEval})
}

func cmdEval(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "eval", "-report PATH -qa FILE.jsonl [-json] [-v]")
	src := fs.String("report", "", "report file or URL (default: the built-in report)")
	qa := fs.String("qa", "", "question set, one JSON object a line")
	asJSON := fs.Bool("json", false, "print the metrics (and misses) as JSON")
	verbose := fs.Bool("v", false, "print every miss with what was expected and what came back")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *qa == "" {
		return usagef("eval: -qa is required")
	}
	f, err := os.Open(*qa)
	if err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	cases, err := rag.ReadEvalCases(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	r, err := loadReport(ctx, e, *src)
	if err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	cases, skipped := casesFor(cases, r.Source)
	if len(cases) == 0 {
		return fmt.Errorf("eval: none of the %d questions in %s is about %s", skipped, *qa, knowledge.BaseName(r.Source))
	}
	if skipped > 0 {
		fmt.Fprintf(e.stderr, "eval: %d questions about other reports skipped\n", skipped)
	}
	eng, err := answerEngine(ctx, e, r)
	if err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	rep := rag.Evaluate(ctx, cases, func(n int) string {
		p, _ := r.Paragraph(n)
		return p.Text
	}, func(ctx context.Context, q string) (rag.Answer, error) {
		return eng.Answer(ctx, rag.Question{Text: q})
	})
	if *asJSON {
		if !*verbose {
			rep.Results = rep.Misses()
		}
		return writeJSON(e.stdout, rep)
	}
	writeEvalText(e.stdout, *qa, rep, *verbose)
	return nil
}

func writeEvalText(w io.Writer, name string, rep rag.EvalReport, verbose bool) {
	fmt.Fprintf(w, "%s: %d questions (%d with evidence, %d unanswerable)\n", name, rep.Questions, rep.Answerable, rep.Unanswerable)
	fmt.Fprintf(w, "  answer accuracy       %.2f\n", rep.Accuracy)
	fmt.Fprintf(w, "  evidence hit@1        %.2f\n", rep.HitAt1)
	fmt.Fprintf(w, "  evidence hit@3        %.2f\n", rep.HitAt3)
	fmt.Fprintf(w, "  MRR                   %.2f\n", rep.MRR)
	fmt.Fprintf(w, "  unanswerable accuracy %.2f\n", rep.UnanswerableOK)
	fmt.Fprintf(w, "  latency p50 / p95     %.1f ms / %.1f ms\n", rep.P50, rep.P95)
	if !verbose {
		return
	}
	for _, m := range rep.Misses() {
		fmt.Fprintf(w, "\nMISS %s\n", m.Case.Q)
		switch {
		case m.Case.Unanswerable:
			fmt.Fprintln(w, "  expected: not in the report")
		default:
			fmt.Fprintf(w, "  expected: %s\n", strings.Join(m.Case.AnswerContains, " · "))
			if len(m.Missing) > 0 {
				fmt.Fprintf(w, "  missing:  %s\n", strings.Join(m.Missing, " · "))
			}
		}
		if m.Case.Evidence != nil {
			fmt.Fprintf(w, "  evidence: %s (rank %d)\n", *m.Case.Evidence, m.EvRank)
		}
		fmt.Fprintf(w, "  got (found=%v, cited %v): %s\n", m.Found, m.Cited, strings.ReplaceAll(m.Answer, "\n", " / "))
		if m.ErrorMsg != "" {
			fmt.Fprintf(w, "  error: %s\n", m.ErrorMsg)
		}
	}
}

// casesFor keeps the cases about the report at src: those that name no
// report, and those naming it by its file's base name ("beijing2026" for
// …/beijing2026.txt). Sets that mix reports are scored one report a run.
func casesFor(cases []rag.EvalCase, src string) (kept []rag.EvalCase, skipped int) {
	name := strings.TrimSuffix(knowledge.BaseName(src), filepath.Ext(src))
	for _, c := range cases {
		if c.Report == "" || c.Report == name {
			kept = append(kept, c)
		} else {
			skipped++
		}
	}
	return kept, skipped
}
