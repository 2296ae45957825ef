package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/reportbot/reportbot/knowledge"
	"github.com/reportbot/reportbot/rag"
)

func init() {
	register(command{name: "ask", summary: "answer a question about a report, with citations", run: cmdAsk})
}

func cmdAsk(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "ask", "[-report PATH|URL] [-json] QUESTION…")
	src := fs.String("report", "", "report file or URL (default: the built-in 镇海 2023 report)")
	asJSON := fs.Bool("json", false, "print one JSON object")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	question := strings.TrimSpace(strings.Join(fs.Args(), " "))
	if question == "" {
		return usagef("ask: no question given")
	}
	r, err := loadReport(ctx, e, *src)
	if err != nil {
		return fmt.Errorf("ask: %w", err)
	}
	eng, _, err := newEngine(ctx, e, r)
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
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func writeAnswerText(w io.Writer, a rag.Answer) {
	fmt.Fprintln(w, a.Text)
	if len(a.Citations) == 0 {
		return
	}
	fmt.Fprintln(w)
	for _, c := range a.Citations {
		sec := c.Section
		if sec == "" {
			sec = "—"
		}
		fmt.Fprintf(w, "[%d] 第%d段 · %s\n    %s\n", c.N, c.Paragraph, sec, c.Quote)
	}
	fmt.Fprintf(w, "\n(%s · %s)\n", a.Report.Title, a.Mode)
}

// newEngine wires a library holding r (persisted in the data directory)
// and an engine over it, from the environment: OPENAI_API_KEY or
// OPENAI_BASE_URL turn on the LLM answerer (REPORTBOT_CHAT_MODEL), and with
// REPORTBOT_EMBED_MODEL also OpenAI-compatible embeddings.
func newEngine(ctx context.Context, e *env, r *knowledge.Report) (*rag.Engine, *rag.Library, error) {
	lg := newLogger(e)
	key, base := e.getenv("OPENAI_API_KEY"), e.getenv("OPENAI_BASE_URL")
	online := key != "" || base != ""
	timeout := 30 * time.Second
	if s := e.getenv("REPORTBOT_LLM_TIMEOUT"); s != "" {
		d, err := time.ParseDuration(s)
		if err != nil {
			return nil, nil, usagef("REPORTBOT_LLM_TIMEOUT: %v", err)
		}
		timeout = d
	}
	var emb rag.Embedder
	if m := e.getenv("REPORTBOT_EMBED_MODEL"); online && m != "" {
		dims := 0
		if s := e.getenv("REPORTBOT_EMBED_DIMENSIONS"); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil {
				return nil, nil, usagef("REPORTBOT_EMBED_DIMENSIONS: %v", err)
			}
			dims = n
		}
		emb = rag.NewOpenAIEmbedder(lg, rag.OpenAIConfig{APIKey: key, BaseURL: base, Model: m, Dimensions: dims, Timeout: timeout})
	}
	var gen rag.Generator
	if online {
		model := e.getenv("REPORTBOT_CHAT_MODEL")
		if model == "" {
			model = "gpt-4o-mini"
		}
		gen = rag.NewOpenAIGenerator(lg, rag.OpenAIConfig{APIKey: key, BaseURL: base, Model: model, Timeout: timeout})
	}
	lib := rag.NewLibrary(lg, dataDir(e, lg), emb)
	if _, err := lib.Load(ctx, r); err != nil {
		return nil, nil, err
	}
	return rag.New(lg, lib, gen), lib, nil
}

// dataDir is REPORTBOT_DATA_DIR, or reportbot under the user's cache
// directory; "" (memory only) when neither is usable.
func dataDir(e *env, lg *slog.Logger) string {
	dir := e.getenv("REPORTBOT_DATA_DIR")
	if dir == "" {
		cache, err := os.UserCacheDir()
		if err != nil {
			lg.Warn("no cache directory, keeping vectors in memory", "err", err)
			return ""
		}
		dir = filepath.Join(cache, "reportbot")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		lg.Warn("data directory unusable, keeping vectors in memory", "dir", dir, "err", err)
		return ""
	}
	return dir
}

// newLogger logs warnings (and, with REPORTBOT_LOG_LEVEL=debug, more) to stderr.
func newLogger(e *env) *slog.Logger {
	level := slog.LevelWarn
	switch strings.ToLower(e.getenv("REPORTBOT_LOG_LEVEL")) {
	case "debug":
		level = slog.LevelDebug
	case "info":
		level = slog.LevelInfo
	}
	return slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: level}))
}
