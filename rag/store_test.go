package rag

import (
	"context"
	"sync/atomic"
	"testing"
)

// countingStores wraps the memory stores the way a server-backed backend
// would stand in for them, and counts what passes through the interfaces.
type countingStores struct {
	opened, added, searched, nearest atomic.Int64
}

type countingVectors struct {
	VectorStore
	s *countingStores
}

type countingLexical struct {
	LexicalStore
	s *countingStores
}

func (c *countingStores) Open(ctx context.Context, id, model string) (VectorStore, LexicalStore, error) {
	c.opened.Add(1)
	v, l, err := MemoryStores{}.Open(ctx, id, model)
	return countingVectors{v, c}, countingLexical{l, c}, err
}

func (v countingVectors) Add(ctx context.Context, cs []StoredChunk) error {
	for _, c := range cs {
		if c.Vector == nil || c.ID == "" || c.Metadata["paragraph"] == "" {
			v.s.added.Add(-1000) // a backend needs all three
		}
	}
	v.s.added.Add(int64(len(cs)))
	return v.VectorStore.Add(ctx, cs)
}

func (v countingVectors) Nearest(ctx context.Context, vec []float32, k int) ([]ChunkHit, error) {
	v.s.nearest.Add(1)
	return v.VectorStore.Nearest(ctx, vec, k)
}

func (l countingLexical) Search(ctx context.Context, q LexicalQuery, k int) ([]ChunkHit, error) {
	l.s.searched.Add(1)
	return l.LexicalStore.Search(ctx, q, k)
}

// TestLibraryUsesStores checks that retrieval goes only through the store
// interfaces, so a backend there answers exactly as the memory stores do.
func TestLibraryUsesStores(t *testing.T) {
	ctx := context.Background()
	st := &countingStores{}
	lib := NewLibrary(discard, "", nil)
	lib.SetStores(st)
	r := loadTestReport(t, "zhenhai2023")
	if _, err := lib.Load(ctx, r); err != nil {
		t.Fatal(err)
	}
	plain := buildTestIndex(t, r)
	eng := New(discard, lib, nil)
	for _, q := range []string{"今年GDP增速目标定的多少？", "去年城镇新增就业多少人", "今年要培育哪些未来产业？"} {
		got, err := eng.Answer(ctx, Question{Text: q})
		if err != nil {
			t.Fatal(err)
		}
		want, err := Extract(ctx, plain, q)
		if err != nil {
			t.Fatal(err)
		}
		if got.Text != want.Text {
			t.Errorf("%s: through the stores %q, in memory %q", q, got.Text, want.Text)
		}
	}
	if got, want := st.opened.Load(), int64(1); got != want {
		t.Errorf("stores opened %d times, want %d", got, want)
	}
	if got, want := st.added.Load(), int64(len(plain.chunks)); got != want {
		t.Errorf("vector store got %d chunks (negative: some lacked vector, ID or paragraph), want %d", got, want)
	}
	if st.searched.Load() == 0 || st.nearest.Load() == 0 {
		t.Errorf("lexical searches %d, vector searches %d: retrieval bypassed the stores", st.searched.Load(), st.nearest.Load())
	}
}
