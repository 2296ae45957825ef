package rag

import (
	"context"
	"fmt"
	"sync"
	"testing"
)

// openAIIndex builds the small report's index with the OpenAI embedder
// talking to the fake server, and returns how many embedding requests the
// build made, so a test can count those answering makes.
func openAIIndex(t *testing.T) (*fakeOpenAI, *Index, int) {
	t.Helper()
	f, srv := newFake(t)
	emb := NewOpenAIEmbedder(discard, OpenAIConfig{BaseURL: srv.URL + "/v1", Model: "emb-1", Retries: -1})
	ix, err := BuildIndex(context.Background(), discard, smallReport(), emb, nil)
	if err != nil {
		t.Fatal(err)
	}
	return f, ix, len(embedInputs(f, 0))
}

// embedInputs returns the inputs of the embedding requests the fake has
// received since the first from, one list per request.
func embedInputs(f *fakeOpenAI, from int) [][]string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out [][]string
	for _, body := range f.embedReq[from:] {
		var texts []string
		inputs, _ := body["input"].([]any)
		for _, in := range inputs {
			s, _ := in.(string)
			texts = append(texts, s)
		}
		out = append(out, texts)
	}
	return out
}

// TestExtractEmbedsEachTextOnce counts the /v1/embeddings requests made
// while answering: one per distinct text a question retrieves for (its
// parts and the whole question, after normalisation), and none for a
// question asked again.
func TestExtractEmbedsEachTextOnce(t *testing.T) {
	tests := []struct {
		name      string
		questions []string // asked in turn of the same index
		want      int      // embedding requests in all
		contains  []string // in the last answer
	}{
		{"one part", []string{"今年GDP目标是多少"}, 1, []string{"5%左右"}},
		{"one part with question mark", []string{"今年GDP目标是多少？"}, 1, []string{"5%左右"}},
		// The whole question and its two parts: three distinct texts.
		{"two parts at question marks", []string{"今年GDP目标是多少？失业率呢？"}, 3, []string{"5%左右", "5.5%以内"}},
		{"two parts at 和…分别", []string{"GDP和CPI目标分别是多少"}, 3, []string{"5%左右", "3%左右"}},
		{"asked twice", []string{"今年GDP目标是多少", "今年GDP目标是多少"}, 1, []string{"5%左右"}},
		{"with and without question mark", []string{"今年GDP目标是多少？", "今年GDP目标是多少"}, 1, []string{"5%左右"}},
		{"full-width and half-width", []string{"今年GDP目标是多少", "今年ＧＤＰ目标是多少？"}, 1, []string{"5%左右"}},
		{"two parts asked twice", []string{"GDP和CPI目标分别是多少", "GDP和CPI目标分别是多少？"}, 3, []string{"5%左右", "3%左右"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, ix, built := openAIIndex(t)
			var a Answer
			parts := map[string]bool{}
			for _, q := range tt.questions {
				var err error
				if a, err = Extract(context.Background(), ix, q); err != nil {
					t.Fatal(err)
				}
				for _, p := range splitQuestion(ix.lx, q) {
					parts[queryKey(p)] = true
				}
				parts[queryKey(q)] = true
			}
			assertAnswer(t, a, true, tt.contains, nil)
			reqs := embedInputs(f, built)
			seen := map[string]int{}
			for _, in := range reqs {
				for _, s := range in {
					seen[s]++
				}
			}
			for s, n := range seen {
				if n > 1 {
					t.Errorf("%q embedded %d times, want once", s, n)
				}
			}
			if got := len(reqs); got != tt.want {
				t.Errorf("embedding requests = %d, want %d (inputs %q)", got, tt.want, reqs)
			}
			// At most one per distinct part and one for the whole question.
			if got, limit := len(reqs), len(parts); got > limit {
				t.Errorf("embedding requests = %d, more than the %d distinct texts asked", got, limit)
			}
		})
	}
}

// TestExtractConcurrentQuestions answers questions from many goroutines
// at once (run with -race): each has its own memo, and the cache of
// question vectors they share stays consistent.
func TestExtractConcurrentQuestions(t *testing.T) {
	f, ix, built := openAIIndex(t)
	questions := []string{"今年GDP目标是多少？", "今年GDP目标是多少？失业率呢？", "GDP和CPI目标分别是多少", "今年高标准农田建多少亩"}
	want := make([]string, len(questions))
	for i, q := range questions {
		a, err := Extract(context.Background(), ix, q)
		if err != nil {
			t.Fatal(err)
		}
		want[i] = a.Text
	}
	before := len(embedInputs(f, built))
	var wg sync.WaitGroup
	errs := make(chan error, 8*len(questions))
	for range 8 {
		for i, q := range questions {
			wg.Add(1)
			go func() {
				defer wg.Done()
				a, err := Extract(context.Background(), ix, q)
				switch {
				case err != nil:
					errs <- err
				case a.Text != want[i]:
					errs <- fmt.Errorf("%s: got %q, want %q", q, a.Text, want[i])
				}
			}()
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if got := len(embedInputs(f, built)) - before; got != 0 {
		t.Errorf("questions asked again made %d embedding requests, want 0", got)
	}
}

// TestExtractRankedNeedsNoRetrieval checks that Answer.Ranked comes from
// the hits the answer was built from: the cited paragraphs first, then the
// whole question's ranking, as if retrieved for it.
func TestExtractRankedNeedsNoRetrieval(t *testing.T) {
	ix := buildTestIndex(t, smallReport())
	for _, q := range []string{"今年GDP目标是多少？", "今年GDP目标是多少？失业率呢？", "今年新能源汽车保有量目标多少"} {
		t.Run(q, func(t *testing.T) {
			a, err := Extract(context.Background(), ix, q)
			if err != nil {
				t.Fatal(err)
			}
			whole, err := ix.Rank(context.Background(), q, 10)
			if err != nil {
				t.Fatal(err)
			}
			var want []int
			seen := map[int]bool{}
			for _, c := range a.Citations {
				if !seen[c.Paragraph] {
					seen[c.Paragraph] = true
					want = append(want, c.Paragraph)
				}
			}
			for _, p := range whole {
				if !seen[p] {
					seen[p] = true
					want = append(want, p)
				}
			}
			if got := fmt.Sprint(a.Ranked); got != fmt.Sprint(want) {
				t.Errorf("Ranked = %s, want %s", got, fmt.Sprint(want))
			}
			if len(a.Ranked) == 0 {
				t.Errorf("empty ranking")
			}
		})
	}
}

// TestExtractRetrievesEachTextOnce counts, for one question each, the
// embeddings (with an embedder that caches nothing), vector searches and
// BM25 searches answering makes (through countingStores): one of each per
// distinct text among the whole question and its parts, whichever
// retriever ranks.
func TestExtractRetrievesEachTextOnce(t *testing.T) {
	tests := []struct {
		q     string
		texts int // distinct texts: the whole question and its parts
	}{
		{"今年GDP目标是多少", 1},
		{"今年GDP目标是多少？", 1},
		{"今年GDP目标是多少？失业率呢？", 3},
		{"GDP和CPI目标分别是多少", 3},
		{"今年GDP和CPI目标分别是多少？城镇新增就业呢？", 4},
	}
	emb := &countingEmbedder{Embedder: fixedEmbedder{NewHashEmbedder(64), "model-a"}}
	st := &countingStores{}
	base, err := BuildIndexIn(context.Background(), discard, st, smallReport(), emb, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range Retrievers {
		ix := base.WithRetriever(r)
		for _, tt := range tests {
			t.Run(r.String()+"/"+tt.q, func(t *testing.T) {
				emb.calls.Store(0)
				st.nearest.Store(0)
				st.searched.Store(0)
				if _, err := Extract(context.Background(), ix, tt.q); err != nil {
					t.Fatal(err)
				}
				wantVec, wantLex := int64(tt.texts), int64(tt.texts)
				switch r {
				case Vector:
					wantLex = 0
				case Lexical:
					wantVec = 0
				case Grep:
					wantVec, wantLex = 0, 0
				}
				if got := emb.calls.Load(); got != wantVec {
					t.Errorf("embeddings = %d, want %d", got, wantVec)
				}
				if got := st.nearest.Load(); got != wantVec {
					t.Errorf("vector searches = %d, want %d", got, wantVec)
				}
				// A part leaning on the one before it is searched with that
				// one's words too, so it may need its own BM25 search.
				if got := st.searched.Load(); got > wantLex {
					t.Errorf("lexical searches = %d, want at most %d", got, wantLex)
				}
			})
		}
	}
}
