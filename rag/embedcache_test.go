package rag

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"
)

// recordingEmbedder embeds like the offline embedder and records each
// call's texts.
type recordingEmbedder struct {
	Embedder
	calls [][]string
	err   error
}

func (r *recordingEmbedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	r.calls = append(r.calls, append([]string(nil), texts...))
	if r.err != nil {
		return nil, r.err
	}
	return r.Embedder.Embed(ctx, texts)
}

func TestQueryCache(t *testing.T) {
	type step struct {
		after time.Duration // clock advance before the call
		texts []string
	}
	tests := []struct {
		name  string
		size  int
		steps []step
		want  [][]string // the texts the wrapped embedder received, per call
	}{
		{"repeat is cached", 8, []step{{0, []string{"甲"}}, {time.Minute, []string{"甲"}}},
			[][]string{{"甲"}}},
		{"expires after ttl", 8, []step{{0, []string{"甲"}}, {5 * time.Minute, []string{"甲"}}, {time.Minute, []string{"甲"}}},
			[][]string{{"甲"}, {"甲"}}},
		{"ttl counts from embedding, not use", 8, []step{{0, []string{"甲"}}, {4 * time.Minute, []string{"甲"}}, {2 * time.Minute, []string{"甲"}}},
			[][]string{{"甲"}, {"甲"}}},
		{"least recently used is forgotten", 2, []step{{0, []string{"甲"}}, {0, []string{"乙"}}, {0, []string{"甲"}}, {0, []string{"丙"}}, {0, []string{"甲", "乙"}}},
			[][]string{{"甲"}, {"乙"}, {"丙"}, {"乙"}}},
		{"only missing texts are sent, each once", 8, []step{{0, []string{"甲"}}, {0, []string{"乙", "甲", "乙", "丙"}}},
			[][]string{{"甲"}, {"乙", "丙"}}},
		{"text is the key", 8, []step{{0, []string{"GDP目标"}}, {0, []string{"gdp目标"}}},
			[][]string{{"GDP目标"}, {"gdp目标"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inner := &recordingEmbedder{Embedder: NewHashEmbedder(16)}
			c := newQueryCache(inner, tt.size, 5*time.Minute)
			now := time.Date(2026, 3, 5, 9, 0, 0, 0, time.UTC)
			c.now = func() time.Time { return now }
			for _, s := range tt.steps {
				now = now.Add(s.after)
				vs, err := c.Embed(context.Background(), s.texts)
				if err != nil {
					t.Fatal(err)
				}
				want, _ := inner.Embedder.Embed(context.Background(), s.texts)
				if got, want := fmt.Sprint(vs), fmt.Sprint(want); got != want {
					t.Fatalf("Embed(%q) = %s, want %s", s.texts, got, want)
				}
			}
			if got, want := fmt.Sprintf("%q", inner.calls), fmt.Sprintf("%q", tt.want); got != want {
				t.Errorf("embedded %s, want %s", got, want)
			}
			if got := c.len(); got > tt.size {
				t.Errorf("cache holds %d vectors, more than its size %d", got, tt.size)
			}
		})
	}
}

func TestQueryCacheKeysByModel(t *testing.T) {
	inner := &recordingEmbedder{Embedder: fixedEmbedder{NewHashEmbedder(16), "model-a"}}
	c := newQueryCache(inner, 8, time.Minute)
	ctx := context.Background()
	if _, err := c.Embed(ctx, []string{"甲"}); err != nil {
		t.Fatal(err)
	}
	inner.Embedder = fixedEmbedder{NewHashEmbedder(32), "model-b"}
	vs, err := c.Embed(ctx, []string{"甲"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(inner.calls), 2; got != want {
		t.Errorf("calls = %d, want %d: a vector of another model was reused", got, want)
	}
	if got, want := len(vs[0]), 32; got != want {
		t.Errorf("vector has %d dimensions, want %d", got, want)
	}
}

func TestQueryCacheReturnsCopies(t *testing.T) {
	c := newQueryCache(NewHashEmbedder(16), 8, time.Minute)
	ctx := context.Background()
	var want string
	// Embedded, then cached twice: a caller changing any of them leaves
	// the next one intact.
	for i := range 3 {
		vs, err := c.Embed(ctx, []string{"甲乙"})
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			want = fmt.Sprint(vs[0])
		}
		if got := fmt.Sprint(vs[0]); got != want {
			t.Fatalf("call %d: vector %s, want %s: the cache shares its vectors with callers", i+1, got, want)
		}
		vs[0][0] = 42
	}
}

func TestQueryCacheKeepsNoErrors(t *testing.T) {
	boom := errors.New("boom")
	inner := &recordingEmbedder{Embedder: NewHashEmbedder(16), err: boom}
	c := newQueryCache(inner, 8, time.Minute)
	ctx := context.Background()
	if _, err := c.Embed(ctx, []string{"甲"}); !errors.Is(err, boom) {
		t.Fatalf("err = %v, want %v", err, boom)
	}
	inner.err = nil
	if _, err := c.Embed(ctx, []string{"甲"}); err != nil {
		t.Fatal(err)
	}
	if got, want := len(inner.calls), 2; got != want {
		t.Errorf("calls = %d, want %d: a failure was cached", got, want)
	}
}

func TestQueryText(t *testing.T) {
	tests := []struct{ in, text, key string }{
		{"今年GDP目标是多少？", "今年GDP目标是多少", "今年gdp目标是多少"},
		{" 今年ＧＤＰ目标是多少? ", "今年GDP目标是多少", "今年gdp目标是多少"},
		{"今年GDP目标是多少。", "今年GDP目标是多少", "今年gdp目标是多少"},
		{"今年GDP目标是多少？失业率呢？", "今年GDP目标是多少?失业率呢", "今年gdp目标是多少?失业率呢"},
		{"What is the GDP target?", "What is the GDP target", "whatisthegdptarget"},
	}
	for _, tt := range tests {
		if got := queryText(tt.in); got != tt.text {
			t.Errorf("queryText(%q) = %q, want %q", tt.in, got, tt.text)
		}
		if got := queryKey(tt.in); got != tt.key {
			t.Errorf("queryKey(%q) = %q, want %q", tt.in, got, tt.key)
		}
	}
}
