package rag

import (
	"context"
	"reflect"
	"strconv"
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

// TestChromemDocMetadata: chromem's documents keep the report and section
// in a map shared by a section's chunks; the paragraph stays in the ID.
// Metadata of another shape is kept as given.
func TestChromemDocMetadata(t *testing.T) {
	ctx := context.Background()
	r := loadTestReport(t, "beijing2026")
	ix := buildTestIndex(t, r)
	coll := ix.vec.(*chromemStore).coll
	for _, c := range ix.chunks {
		doc, err := coll.GetByID(ctx, c.id)
		if err != nil {
			t.Fatal(err)
		}
		sec := r.Paragraphs[c.para-1].SectionPath()
		if doc.Metadata["report"] != ix.id || doc.Metadata["section"] != sec || !idNames(doc.ID, strconv.Itoa(c.para)) {
			t.Fatalf("chunk %s of paragraph %d: metadata %v", c.id, c.para, doc.Metadata)
		}
	}
	// chromem's GetByID returns copies, so sharing is checked on docMeta.
	shared := map[string]map[string]string{}
	a := docMeta(shared, StoredChunk{ID: "p1", Metadata: paragraphMeta("x", 1, "s")})
	b := docMeta(shared, StoredChunk{ID: "p2.1", Metadata: paragraphMeta("x", 2, "s")})
	if reflect.ValueOf(a).Pointer() != reflect.ValueOf(b).Pointer() || len(a) != 2 {
		t.Errorf("one section's chunks keep %v and %v, not one shared map", a, b)
	}
	vs, err := newChromemStore("x", "m")
	if err != nil {
		t.Fatal(err)
	}
	odd := []StoredChunk{
		{ID: "a", Text: "甲", Vector: []float32{1, 0}, Metadata: paragraphMeta("x", 3, "s")},
		{ID: "p4", Text: "乙", Vector: []float32{0, 1}, Metadata: map[string]string{"report": "x", "paragraph": "4", "section": "s", "extra": "1"}},
	}
	if err := vs.Add(ctx, odd); err != nil {
		t.Fatal(err)
	}
	for _, c := range odd {
		doc, err := vs.coll.GetByID(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(doc.Metadata, c.Metadata) {
			t.Errorf("%s: metadata %v, given %v", c.ID, doc.Metadata, c.Metadata)
		}
	}
}
