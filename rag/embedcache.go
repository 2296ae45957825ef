package rag

import (
	"container/list"
	"context"
	"fmt"
	"sync"
	"time"
)

// Question vectors from a remote embedder are kept this long, at most this
// many. A user who repeats a question, rephrases only its question mark or
// asks the same thing of another loaded report within the window costs no
// request; 512 vectors of 1536 dimensions take about 3 MB.
const (
	queryCacheSize = 512
	queryCacheTTL  = 5 * time.Minute
)

// queryCache is an Embedder that remembers the vectors of recently embedded
// question texts, keyed by model and text, for a fixed time from when each
// was embedded; past its size it forgets the least recently used. It is
// for questions only: an index embeds its chunks once at ingestion, with
// VectorCache keeping those across restarts.
//
// It is safe for concurrent use. Two questions with the same new text at
// the same moment may both be sent; the later answer wins.
type queryCache struct {
	emb  Embedder
	size int
	ttl  time.Duration
	now  func() time.Time // time.Now; tests set a clock

	mu    sync.Mutex
	items map[string]*list.Element // key → element of lru
	lru   *list.List               // of *cachedVector, most recently used first
}

type cachedVector struct {
	key string
	v   []float32
	at  time.Time // when it was embedded
}

// newQueryCache wraps emb in a cache of at most size vectors, each kept
// for ttl.
func newQueryCache(emb Embedder, size int, ttl time.Duration) *queryCache {
	return &queryCache{emb: emb, size: max(size, 1), ttl: ttl, now: time.Now,
		items: map[string]*list.Element{}, lru: list.New()}
}

// Model implements Embedder.
func (c *queryCache) Model() string { return c.emb.Model() }

// Embed implements Embedder: cached texts come from the cache, the others
// are embedded in one call to the wrapped embedder, each text once.
func (c *queryCache) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	model := c.emb.Model()
	out := make([][]float32, len(texts))
	var missing []string
	at := map[string][]int{} // missing text → its positions in texts
	for i, t := range texts {
		if v, ok := c.get(model + "\x00" + t); ok {
			out[i] = v
			continue
		}
		if _, ok := at[t]; !ok {
			missing = append(missing, t)
		}
		at[t] = append(at[t], i)
	}
	if len(missing) == 0 {
		return out, nil
	}
	vs, err := c.emb.Embed(ctx, missing)
	if err != nil {
		return nil, err
	}
	if len(vs) != len(missing) {
		return nil, fmt.Errorf("query cache: got %d vectors for %d texts", len(vs), len(missing))
	}
	for j, t := range missing {
		c.put(model+"\x00"+t, vs[j])
		for _, i := range at[t] {
			out[i] = append([]float32(nil), vs[j]...)
		}
	}
	return out, nil
}

// get returns a copy of the vector cached under key, if it is fresh.
func (c *queryCache) get(key string) ([]float32, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[key]
	if !ok {
		return nil, false
	}
	cv := el.Value.(*cachedVector)
	if c.now().Sub(cv.at) >= c.ttl {
		c.lru.Remove(el)
		delete(c.items, key)
		return nil, false
	}
	c.lru.MoveToFront(el)
	return append([]float32(nil), cv.v...), true
}

// put caches v under key, forgetting the least recently used vector when
// the cache is full. The cache owns v from then on: callers get copies.
func (c *queryCache) put(key string, v []float32) {
	cv := &cachedVector{key: key, v: v, at: c.now()}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[key]; ok {
		el.Value = cv
		c.lru.MoveToFront(el)
		return
	}
	c.items[key] = c.lru.PushFront(cv)
	for c.lru.Len() > c.size {
		old := c.lru.Back()
		c.lru.Remove(old)
		delete(c.items, old.Value.(*cachedVector).key)
	}
}

// len returns the number of vectors held, fresh or not.
func (c *queryCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lru.Len()
}

// queryEmbedder returns the embedder an index embeds questions with: the
// one emb provides for them (OpenAIEmbedder: through its queryCache), or
// emb itself. The offline embedder is cheaper than any cache.
func queryEmbedder(emb Embedder) Embedder {
	if qe, ok := emb.(interface{ forQueries() Embedder }); ok {
		return qe.forQueries()
	}
	return emb
}

// forQueries returns the embedder's question path: the same requests
// through a short-lived cache of question vectors.
func (e *OpenAIEmbedder) forQueries() Embedder {
	if e.queries == nil {
		return e
	}
	return e.queries
}
