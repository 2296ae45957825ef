package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/reportbot/reportbot/knowledge"
	"github.com/reportbot/reportbot/rag"
)

func init() {
	register(command{name: "eval", summary: "score answers against question sets, beside baseline retrievers", run: cmdEval})
}

const evalUsage = `-qa FILE.jsonl [-report PATH] [-weights FILE.json] [-json] [-v]
       reportbot eval -all DIR | -qa 'GLOB,FILE…' [-retriever LIST] [-embedder hash|openai] [-weights FILE.json] [-json] [-v]

With one set, eval prints that set's figures. With several sets (-all DIR
scores DIR/qa/*.jsonl), a retriever list or an embedder, it prints one table,
a row per set and retriever. A set's report is DIR/reports/NAME.txt for
NAME.….jsonl beside it, or the "report" field of each question.

-weights scores with other answerer weights than the tuned defaults: FILE.json
is one JSON object setting any of them by name (the fields of rag.Weights,
e.g. {"MinFigureCoverage": 0.8, "VectorWeight": 0.5}). Weights it leaves out
keep their defaults; an unknown name is an error.`

func cmdEval(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "eval", evalUsage)
	src := fs.String("report", "", "report file or URL for every question (default: inferred from each set, else the built-in report)")
	qa := fs.String("qa", "", "question sets, one JSON object a line; several separated by commas, globs allowed")
	all := fs.String("all", "", "score every question set in DIR/qa against DIR/reports (e.g. testdata)")
	retr := fs.String("retriever", "hybrid", "ranking: hybrid, vector, lexical, grep, a comma list, or all")
	embName := fs.String("embedder", "hash", "embedder for the table: hash (offline) or openai (OPENAI_BASE_URL, OPENAI_API_KEY, REPORTBOT_EMBED_MODEL)")
	asJSON := fs.Bool("json", false, "print the metrics (and misses) as JSON")
	verbose := fs.Bool("v", false, "print every miss with what was expected and what came back")
	weightsFile := fs.String("weights", "", "JSON object of answerer weights overriding the defaults (see above)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	w := rag.DefaultWeights()
	if *weightsFile != "" {
		var err error
		if w, err = readWeights(*weightsFile); err != nil {
			return err
		}
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	sets, err := questionSets(*qa, *all)
	if err != nil {
		return err
	}
	if len(sets) == 1 && !set["retriever"] && !set["embedder"] && *all == "" {
		return evalOne(ctx, e, sets[0], *src, w, *asJSON, *verbose)
	}
	rs := rag.Retrievers
	if set["retriever"] || *all == "" {
		if rs, err = parseRetrievers(*retr); err != nil {
			return err
		}
	}
	emb, err := evalEmbedder(e, *embName)
	if err != nil {
		return err
	}
	rows, err := evalTable(ctx, e, sets, *src, rs, emb, w)
	if err != nil {
		return err
	}
	if *asJSON {
		if !*verbose {
			for i := range rows {
				rows[i].Report.Results = rows[i].Report.Misses()
			}
		}
		return writeJSON(e.stdout, rows)
	}
	writeEvalTable(e.stdout, rows)
	if *verbose {
		for _, r := range rows {
			if len(r.Report.Misses()) > 0 {
				fmt.Fprintf(e.stdout, "\n## %s · %s\n", r.Set, r.Retriever)
				writeMisses(e.stdout, r.Report)
			}
		}
	}
	return nil
}

// questionSets expands -qa (commas, globs) or -all DIR into set files.
func questionSets(qa, all string) ([]string, error) {
	switch {
	case qa != "" && all != "":
		return nil, usagef("eval: -qa and -all exclude each other")
	case all != "":
		qa = filepath.Join(all, "qa", "*.jsonl")
	case qa == "":
		return nil, usagef("eval: -qa or -all is required")
	}
	var out []string
	for _, p := range strings.Split(qa, ",") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		m, err := filepath.Glob(p)
		if err != nil {
			return nil, usagef("eval: %v", err)
		}
		if m == nil {
			m = []string{p} // not a pattern: let opening it report the error
		}
		out = append(out, m...)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("eval: no question set matches %s", qa)
	}
	return out, nil
}

func parseRetrievers(s string) ([]rag.Retriever, error) {
	if s == "all" {
		return rag.Retrievers, nil
	}
	var out []rag.Retriever
	for _, name := range strings.Split(s, ",") {
		r, err := rag.ParseRetriever(strings.TrimSpace(name))
		if err != nil {
			return nil, usagef("eval: %v", err)
		}
		if !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	return out, nil
}

// evalEmbedder returns the embedder the table is scored with; openai reads
// the same settings as the engine.
func evalEmbedder(e *env, name string) (rag.Embedder, error) {
	switch name {
	case "hash", "":
		return rag.NewHashEmbedder(0), nil
	case "openai":
		key, base, model := e.getenv("OPENAI_API_KEY"), e.getenv("OPENAI_BASE_URL"), e.getenv("REPORTBOT_EMBED_MODEL")
		if key == "" && base == "" || model == "" {
			return nil, usagef("eval: -embedder openai needs OPENAI_API_KEY or OPENAI_BASE_URL, and REPORTBOT_EMBED_MODEL")
		}
		dims := 0
		if s := e.getenv("REPORTBOT_EMBED_DIMENSIONS"); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil {
				return nil, usagef("REPORTBOT_EMBED_DIMENSIONS: %v", err)
			}
			dims = n
		}
		lg := newLogger(e, slog.LevelWarn)
		return rag.NewOpenAIEmbedder(lg, rag.OpenAIConfig{APIKey: key, BaseURL: base, Model: model, Dimensions: dims, Timeout: 30 * time.Second}), nil
	}
	return nil, usagef("eval: unknown embedder %q (want hash or openai)", name)
}

// evalRow is one set scored with one retriever.
type evalRow struct {
	Set       string         `json:"set"`
	Retriever string         `json:"retriever"`
	Embedder  string         `json:"embedder"`
	Report    rag.EvalReport `json:"report"`
	// Ranking scores the retriever's own ranking, before the answerer
	// puts the paragraph it cites first (Report's hit@k and MRR).
	Ranking rankFigures `json:"ranking"`
}

type rankFigures struct {
	HitAt1 float64 `json:"hit_at_1"`
	HitAt3 float64 `json:"hit_at_3"`
}

// rankCount counts where the evidence sits in a retriever's top ten.
type rankCount struct{ n, hit1, hit3 int }

func (c *rankCount) add(o rankCount) { c.n += o.n; c.hit1 += o.hit1; c.hit3 += o.hit3 }

func (c rankCount) figures() rankFigures {
	if c.n == 0 {
		return rankFigures{}
	}
	return rankFigures{HitAt1: float64(c.hit1) / float64(c.n), HitAt3: float64(c.hit3) / float64(c.n)}
}

// allSets names the rows that pool every set's questions.
const allSets = "all sets"

// evalTable scores every set with every retriever, each report indexed
// once; answers are extractive, fed each retriever's ranking and weighed
// with w.
func evalTable(ctx context.Context, e *env, sets []string, src string, rs []rag.Retriever, emb rag.Embedder, w rag.Weights) ([]evalRow, error) {
	lg := newLogger(e, slog.LevelWarn)
	cache := rag.NewVectorCache(lg, "")
	if _, ok := emb.(*rag.OpenAIEmbedder); ok {
		cache = rag.NewVectorCache(lg, dataDir(e, lg)) // never pay twice for the same vectors
	}
	indexes := map[string]*rag.Index{}
	index := func(path string) (*rag.Index, error) {
		if ix, ok := indexes[path]; ok {
			return ix, nil
		}
		r, err := loadReport(ctx, e, path)
		if err != nil {
			return nil, err
		}
		ix, err := rag.BuildIndex(ctx, lg, r, emb, cache)
		if err != nil {
			return nil, err
		}
		if err := cache.Flush(); err != nil {
			lg.Warn("vectors not stored", "err", err)
		}
		indexes[path] = ix
		return ix, nil
	}
	var rows []evalRow
	pooled := make([][]rag.EvalResult, len(rs))
	pooledRank := make([]rankCount, len(rs))
	for _, setPath := range sets {
		cases, err := readCases(setPath)
		if err != nil {
			return nil, fmt.Errorf("eval: %w", err)
		}
		byReport, order, skipped := casesByReport(cases, setPath, src)
		if skipped > 0 {
			fmt.Fprintf(e.stderr, "eval: %s: %d questions name no report found beside the set; skipped\n", setPath, skipped)
		}
		results := make([][]rag.EvalResult, len(rs))
		rankings := make([]rankCount, len(rs))
		for _, rep := range order {
			ix, err := index(rep)
			if err != nil {
				return nil, fmt.Errorf("eval %s: %w", setPath, err)
			}
			for i, r := range rs {
				rix := ix.WithRetriever(r).WithWeights(w)
				eng := rag.New(lg, fixedIndex{rix}, nil)
				text := paragraphText(ix.Report())
				got := rag.Evaluate(ctx, byReport[rep], text, func(ctx context.Context, q string) (rag.Answer, error) {
					return eng.Answer(ctx, rag.Question{Text: q})
				})
				for _, res := range got.Results {
					if res.Case.Evidence == nil || *res.Case.Evidence == "" {
						continue
					}
					ranked, err := rix.Rank(ctx, res.Case.Q, 10)
					if err != nil {
						return nil, fmt.Errorf("eval %s: %w", setPath, err)
					}
					rank := rag.EvidenceRank(ranked, *res.Case.Evidence, text)
					rankings[i].n++
					if rank == 1 {
						rankings[i].hit1++
					}
					if rank > 0 && rank <= 3 {
						rankings[i].hit3++
					}
				}
				results[i] = append(results[i], got.Results...)
			}
		}
		for i, r := range rs {
			pooled[i] = append(pooled[i], results[i]...)
			pooledRank[i].add(rankings[i])
			rows = append(rows, evalRow{Set: setName(setPath), Retriever: r.String(), Embedder: emb.Model(),
				Report: rag.Summarize(results[i]), Ranking: rankings[i].figures()})
		}
	}
	if len(sets) > 1 {
		for i, r := range rs {
			rows = append(rows, evalRow{Set: allSets, Retriever: r.String(), Embedder: emb.Model(),
				Report: rag.Summarize(pooled[i]), Ranking: pooledRank[i].figures()})
		}
	}
	return rows, nil
}

// fixedIndex answers every question from one index.
type fixedIndex struct{ ix *rag.Index }

func (f fixedIndex) Index(string) (*rag.Index, error) { return f.ix, nil }

func paragraphText(r *knowledge.Report) func(int) string {
	return func(n int) string {
		p, _ := r.Paragraph(n)
		return p.Text
	}
}

func setName(path string) string { return strings.TrimSuffix(filepath.Base(path), ".jsonl") }

// casesByReport assigns each case its report file: src when given (cases
// naming another report are skipped), else the case's own report or the
// set's (NAME.….jsonl), looked up in the reports directory beside the set's.
func casesByReport(cases []rag.EvalCase, setPath, src string) (by map[string][]rag.EvalCase, order []string, skipped int) {
	by = map[string][]rag.EvalCase{}
	add := func(rep string, c rag.EvalCase) {
		if by[rep] == nil {
			order = append(order, rep)
		}
		by[rep] = append(by[rep], c)
	}
	if src != "" {
		kept, n := casesFor(cases, src)
		for _, c := range kept {
			add(src, c)
		}
		return by, order, n
	}
	dir := filepath.Join(filepath.Dir(filepath.Dir(setPath)), "reports")
	own := strings.SplitN(filepath.Base(setPath), ".", 2)[0]
	for _, c := range cases {
		name := c.Report
		if name == "" {
			name = own
		}
		p := filepath.Join(dir, name+".txt")
		if _, err := os.Stat(p); err != nil {
			skipped++
			continue
		}
		add(p, c)
	}
	return by, order, skipped
}

func readCases(path string) ([]rag.EvalCase, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return rag.ReadEvalCases(f)
}

// writeEvalTable prints the rows as a Markdown table.
func writeEvalTable(w io.Writer, rows []evalRow) {
	if len(rows) > 0 {
		fmt.Fprintf(w, "embedder: %s; answers: extractive, fed each retriever's ranking. hit@k and MRR: evidence in the\n"+
			"answer's ranking (cited paragraph first); ranking hit@k: evidence in the retriever's own top k.\n\n", rows[0].Embedder)
	}
	fmt.Fprintln(w, "| set | questions | retriever | hit@1 | hit@3 | MRR | answer acc. | unanswerable acc. | ranking hit@1 | ranking hit@3 |")
	fmt.Fprintln(w, "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
	for _, r := range rows {
		set := r.Set
		if set == allSets {
			set = "**" + set + "**"
		}
		unans := "–"
		if r.Report.Unanswerable > 0 {
			unans = fmt.Sprintf("%.2f", r.Report.UnanswerableOK)
		}
		fmt.Fprintf(w, "| %s | %d | %s | %.2f | %.2f | %.2f | %.2f | %s | %.2f | %.2f |\n", set, r.Report.Questions, r.Retriever,
			r.Report.HitAt1, r.Report.HitAt3, r.Report.MRR, r.Report.Accuracy, unans, r.Ranking.HitAt1, r.Ranking.HitAt3)
	}
}

// evalOne scores one set with the engine as configured (LLM answers too
// when the environment turns them on), weighed with w.
func evalOne(ctx context.Context, e *env, qa, src string, w rag.Weights, asJSON, verbose bool) error {
	cases, err := readCases(qa)
	if err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	r, err := loadReport(ctx, e, src)
	if err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	cases, skipped := casesFor(cases, r.Source)
	if len(cases) == 0 {
		return fmt.Errorf("eval: none of the %d questions in %s is about %s", skipped, qa, knowledge.BaseName(r.Source))
	}
	if skipped > 0 {
		fmt.Fprintf(e.stderr, "eval: %d questions about other reports skipped\n", skipped)
	}
	eng, err := answerEngine(ctx, e, r, &w)
	if err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	rep := rag.Evaluate(ctx, cases, paragraphText(r), func(ctx context.Context, q string) (rag.Answer, error) {
		return eng.Answer(ctx, rag.Question{Text: q})
	})
	if asJSON {
		if !verbose {
			rep.Results = rep.Misses()
		}
		return writeJSON(e.stdout, rep)
	}
	writeEvalText(e.stdout, qa, rep, verbose)
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
	if verbose {
		writeMisses(w, rep)
	}
}

func writeMisses(w io.Writer, rep rag.EvalReport) {
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

// readWeights reads the -weights file: one JSON object setting any of
// rag.Weights' fields by name, the others keeping their defaults. An
// unknown name is an error, so that a misspelt weight cannot pass for a
// tuning that changed nothing.
func readWeights(path string) (rag.Weights, error) {
	w := rag.DefaultWeights()
	data, err := os.ReadFile(path)
	if err != nil {
		return w, usagef("eval: -weights: %v", err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&w); err != nil {
		if strings.HasPrefix(err.Error(), "json: unknown field") {
			return w, usagef("eval: -weights %s: %v (known: %s)", path, err, strings.Join(weightNames(), ", "))
		}
		return w, usagef("eval: -weights %s: %v", path, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return w, usagef("eval: -weights %s: want one JSON object, found more after it", path)
	}
	return w, nil
}

// weightNames lists the names a -weights file may set.
func weightNames() []string {
	var names []string
	for _, f := range reflect.VisibleFields(reflect.TypeFor[rag.Weights]()) {
		names = append(names, f.Name)
	}
	return names
}
