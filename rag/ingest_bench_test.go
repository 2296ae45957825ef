package rag

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	chromem "github.com/philippgille/chromem-go"
)

// embedDelay is the fixed time the fake embeddings server takes per
// request, whatever its size: round trip and queueing at a hosted API.
const embedDelay = 20 * time.Millisecond

// delayedEmbeddings answers /v1/embeddings like an OpenAI-compatible
// server after embedDelay. input may be one string (chromem-go sends that)
// or a list (go-openai). It counts requests.
func delayedEmbeddings(tb testing.TB, requests *atomic.Int64) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			Input json.RawMessage `json:"input"`
		}
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		var inputs []string
		if err := json.Unmarshal(body.Input, &inputs); err != nil {
			var one string
			if err := json.Unmarshal(body.Input, &one); err != nil {
				http.Error(w, "bad input", http.StatusBadRequest)
				return
			}
			inputs = []string{one}
		}
		requests.Add(1)
		time.Sleep(embedDelay)
		data := make([]map[string]any, len(inputs))
		for i, s := range inputs {
			v := make([]float32, 64)
			for j, c := range s {
				v[(j*31+int(c))%64]++
			}
			normalize(v)
			data[i] = map[string]any{"object": "embedding", "index": i, "embedding": v}
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"object": "list", "data": data, "model": "fake"})
	}))
	tb.Cleanup(srv.Close)
	return srv
}

var benchColl *chromem.Collection

// BenchmarkIngestOpenAI embeds and indexes the largest report through an
// OpenAI-compatible server that takes 20 ms a request: our ingestion
// (batches of 64 texts, 4 requests in flight) beside chromem-go's
// AddDocuments with its per-document embedding function (same
// concurrency, 4). No vector cache: every run embeds every chunk.
func BenchmarkIngestOpenAI(b *testing.B) {
	ctx := context.Background()
	r := loadTestReport(b, "guangdong2026")
	chunks := chunkReport(r)
	b.Run("ours-batched", func(b *testing.B) {
		var n atomic.Int64
		srv := delayedEmbeddings(b, &n)
		emb := NewOpenAIEmbedder(discard, OpenAIConfig{BaseURL: srv.URL + "/v1", Model: "fake"})
		b.ReportAllocs()
		for b.Loop() {
			ix, err := BuildIndex(ctx, discard, r, emb, nil)
			if err != nil {
				b.Fatal(err)
			}
			benchIndex = ix
		}
		b.ReportMetric(float64(n.Load())/float64(b.N), "requests/op")
		b.ReportMetric(float64(len(chunks)), "chunks")
	})
	b.Run("chromem-per-document", func(b *testing.B) {
		var n atomic.Int64
		srv := delayedEmbeddings(b, &n)
		normalized := true
		ef := chromem.NewEmbeddingFuncOpenAICompat(srv.URL+"/v1", "", "fake", &normalized)
		b.ReportAllocs()
		for b.Loop() {
			coll, err := chromem.NewDB().CreateCollection("report", nil, ef)
			if err != nil {
				b.Fatal(err)
			}
			docs := make([]chromem.Document, len(chunks))
			for i, c := range chunks {
				docs[i] = chromem.Document{ID: c.id, Content: c.text}
			}
			if err := coll.AddDocuments(ctx, docs, 4); err != nil {
				b.Fatal(err)
			}
			benchColl = coll
		}
		b.ReportMetric(float64(n.Load())/float64(b.N), "requests/op")
		b.ReportMetric(float64(len(chunks)), "chunks")
	})
}
