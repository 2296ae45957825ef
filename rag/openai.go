package rag

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// OpenAIConfig configures the OpenAI-compatible clients. Values come from
// the command's configuration; this package never reads the environment.
type OpenAIConfig struct {
	APIKey  string // may be empty for local servers
	BaseURL string // e.g. http://localhost:11434/v1; "" for api.openai.com
	Model   string
	// Dimensions asks the embedding model for shorter vectors (0 = default).
	Dimensions int
	// BatchSize is the number of texts per embedding request (default 64).
	BatchSize int
	// Concurrency bounds the requests in flight (default 4).
	Concurrency int
	// Timeout bounds each request (default 30s).
	Timeout time.Duration
	// Retries is how often a 429 or 5xx is retried (default 4).
	Retries int
	// HTTPClient overrides the HTTP client (tests).
	HTTPClient *http.Client
}

func (c OpenAIConfig) client() *openai.Client {
	cfg := openai.DefaultConfig(c.APIKey)
	if c.BaseURL != "" {
		cfg.BaseURL = c.BaseURL
	}
	if c.HTTPClient != nil {
		cfg.HTTPClient = c.HTTPClient
	}
	return openai.NewClientWithConfig(cfg)
}

func (c OpenAIConfig) withDefaults() OpenAIConfig {
	if c.BatchSize <= 0 {
		c.BatchSize = 64
	}
	if c.Concurrency <= 0 {
		c.Concurrency = 4
	}
	if c.Timeout <= 0 {
		c.Timeout = 30 * time.Second
	}
	if c.Retries < 0 {
		c.Retries = 0
	} else if c.Retries == 0 {
		c.Retries = 4
	}
	return c
}

// OpenAIEmbedder embeds through an OpenAI-compatible /embeddings endpoint:
// many texts per request, bounded concurrency, retries with backoff on 429
// and 5xx, a deadline per request, results mapped by their index. An
// index embeds questions through a short-lived cache of their vectors
// (embedcache.go), shared by every index built with the embedder.
type OpenAIEmbedder struct {
	lg      *slog.Logger
	cfg     OpenAIConfig
	client  *openai.Client
	backoff time.Duration // first retry delay; doubled each time
	queries *queryCache   // question vectors, see forQueries
}

// NewOpenAIEmbedder returns an embedder for cfg.Model.
func NewOpenAIEmbedder(lg *slog.Logger, cfg OpenAIConfig) *OpenAIEmbedder {
	cfg = cfg.withDefaults()
	e := &OpenAIEmbedder{lg: lg, cfg: cfg, client: cfg.client(), backoff: 500 * time.Millisecond}
	e.queries = newQueryCache(e, queryCacheSize, queryCacheTTL)
	return e
}

// Model implements Embedder; the dimensions are part of the name because
// they change the vectors.
func (e *OpenAIEmbedder) Model() string {
	if e.cfg.Dimensions > 0 {
		return fmt.Sprintf("openai:%s@%s/d%d", e.cfg.Model, e.cfg.BaseURL, e.cfg.Dimensions)
	}
	return fmt.Sprintf("openai:%s@%s", e.cfg.Model, e.cfg.BaseURL)
}

// Embed implements Embedder.
func (e *OpenAIEmbedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	out := make([][]float32, len(texts))
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	sem := make(chan struct{}, e.cfg.Concurrency)
	var wg sync.WaitGroup
	var once sync.Once
	var firstErr error
	for start := 0; start < len(texts); start += e.cfg.BatchSize {
		end := min(start+e.cfg.BatchSize, len(texts))
		wg.Add(1)
		go func(start, end int) {
			defer wg.Done()
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				return
			}
			defer func() { <-sem }()
			vs, err := e.batch(ctx, texts[start:end])
			if err != nil {
				once.Do(func() { firstErr = err; cancel() })
				return
			}
			copy(out[start:end], vs)
		}(start, end)
	}
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// batch embeds one request's worth of texts, retrying transient failures.
func (e *OpenAIEmbedder) batch(ctx context.Context, texts []string) ([][]float32, error) {
	req := openai.EmbeddingRequestStrings{Input: texts, Model: openai.EmbeddingModel(e.cfg.Model), Dimensions: e.cfg.Dimensions}
	var resp openai.EmbeddingResponse
	err := retry(ctx, e.lg, e.cfg.Retries, e.backoff, func() error {
		rctx, cancel := context.WithTimeout(ctx, e.cfg.Timeout)
		defer cancel()
		var err error
		resp, err = e.client.CreateEmbeddings(rctx, req)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("embeddings request: %w", err)
	}
	out := make([][]float32, len(texts))
	for _, d := range resp.Data {
		if d.Index < 0 || d.Index >= len(texts) {
			return nil, fmt.Errorf("embeddings response: index %d out of range", d.Index)
		}
		v := append([]float32(nil), d.Embedding...)
		normalize(v)
		out[d.Index] = v
	}
	for i, v := range out {
		if v == nil {
			return nil, fmt.Errorf("embeddings response: no vector for input %d", i)
		}
	}
	return out, nil
}

// retry calls f until it succeeds, fails permanently, or retries run out;
// 429 and 5xx answers and request timeouts are transient.
func retry(ctx context.Context, lg *slog.Logger, retries int, backoff time.Duration, f func() error) error {
	var err error
	for attempt := 0; ; attempt++ {
		err = f()
		if err == nil || attempt >= retries || !transient(err) || ctx.Err() != nil {
			return err
		}
		lg.Warn("openai request failed, retrying", "attempt", attempt+1, "err", err)
		select {
		case <-time.After(backoff << attempt):
		case <-ctx.Done():
			return err
		}
	}
}

func transient(err error) bool {
	var apiErr *openai.APIError
	if errors.As(err, &apiErr) {
		return apiErr.HTTPStatusCode == http.StatusTooManyRequests || apiErr.HTTPStatusCode >= 500
	}
	var reqErr *openai.RequestError
	if errors.As(err, &reqErr) {
		return reqErr.HTTPStatusCode == http.StatusTooManyRequests || reqErr.HTTPStatusCode >= 500
	}
	return errors.Is(err, context.DeadlineExceeded)
}
