package main

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/reportbot/reportbot/knowledge"
	"github.com/reportbot/reportbot/rag"
)

// newEngine wires a library persisted in the data directory and an engine
// over it, from the environment: OPENAI_API_KEY or OPENAI_BASE_URL turn on
// the LLM answerer (REPORTBOT_CHAT_MODEL), and with REPORTBOT_EMBED_MODEL
// also OpenAI-compatible embeddings. The engine answers with w, or the
// default weights when w is nil.
func newEngine(e *env, lg *slog.Logger, w *rag.Weights) (*rag.Engine, *rag.Library, error) {
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
	var budget time.Duration
	if s := e.getenv("REPORTBOT_LLM_BUDGET"); s != "" {
		d, err := time.ParseDuration(s)
		if err != nil || d <= 0 {
			return nil, nil, usagef("REPORTBOT_LLM_BUDGET: want a positive duration such as 15s, got %q", s)
		}
		budget = d
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
		batch := 0
		if s := e.getenv("REPORTBOT_EMBED_BATCH"); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil || n < 1 || n > 2048 {
				return nil, nil, usagef("REPORTBOT_EMBED_BATCH: want 1 to 2048 texts per request, got %q", s)
			}
			batch = n
		}
		emb = rag.NewOpenAIEmbedder(lg, rag.OpenAIConfig{APIKey: key, BaseURL: base, Model: m, Dimensions: dims, Timeout: timeout, BatchSize: batch})
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
	if w != nil {
		return rag.New(lg, weighted{lib, *w}, gen).WithLLMBudget(budget), lib, nil
	}
	return rag.New(lg, lib, gen).WithLLMBudget(budget), lib, nil
}

// weighted hands out src's indexes set to answer with w.
type weighted struct {
	src rag.Indexes
	w   rag.Weights
}

func (s weighted) Index(id string) (*rag.Index, error) {
	ix, err := s.src.Index(id)
	if err != nil {
		return nil, err
	}
	return ix.WithWeights(s.w), nil
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

// newLogger logs to stderr from level up, or from REPORTBOT_LOG_LEVEL
// (debug, info, warn, error) when it is set.
func newLogger(e *env, level slog.Level) *slog.Logger {
	switch strings.ToLower(e.getenv("REPORTBOT_LOG_LEVEL")) {
	case "debug":
		level = slog.LevelDebug
	case "info":
		level = slog.LevelInfo
	case "warn":
		level = slog.LevelWarn
	case "error":
		level = slog.LevelError
	}
	return slog.New(redactHandler{slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: level})})
}

// answerEngine wires the engine and uses r as its active report, for the
// one-shot commands (ask, eval); w is as for newEngine. The report's index
// is loaded from the data directory when it is there, and nothing is
// written unless it had to be built: the directory's list of reports and
// its active one stay serve's.
func answerEngine(ctx context.Context, e *env, r *knowledge.Report, w *rag.Weights) (*rag.Engine, error) {
	eng, lib, err := newEngine(e, newLogger(e, slog.LevelWarn), w)
	if err != nil {
		return nil, err
	}
	if r == nil {
		// No report named: the library's default, or the built-in one
		// when the library is empty.
		if n, err := lib.Open(ctx); err == nil && n > 0 {
			if _, err := lib.Index(""); err == nil {
				return eng, nil
			}
		}
		r = knowledge.Default()
	}
	if _, err := lib.Use(ctx, r); err != nil {
		return nil, err
	}
	return eng, nil
}

// defaultReport is the report a command that names none works on: the
// library's default, or the built-in report when the library is empty.
func defaultReport(ctx context.Context, e *env) *knowledge.Report {
	_, lib, err := newEngine(e, newLogger(e, slog.LevelWarn), nil)
	if err == nil && lib.Dir() != "" {
		if n, err := lib.Open(ctx); err == nil && n > 0 {
			if ix, err := lib.Index(""); err == nil {
				return ix.Report()
			}
		}
	}
	return knowledge.Default()
}
