package rag

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"

	chromem "github.com/philippgille/chromem-go"

	"github.com/reportbot/reportbot/rag/lexicon"
)

// StoredChunk is one retrieval unit of a report as a store keeps it. Its
// position in the slice given to Add is its number in results.
type StoredChunk struct {
	ID     string
	Text   string
	Vector []float32 // unit length, never zero; nil for lexical stores
	// Metadata names the report, paragraph and section.
	Metadata map[string]string
}

// ChunkHit is a chunk a store found, by number, with its score (higher is
// better; scores of different stores do not compare).
type ChunkHit struct {
	Chunk int
	Score float64
}

// VectorStore holds one report's chunk vectors and finds the nearest. The
// default keeps them in a chromem-go collection in memory; a server-backed
// one (Qdrant, PostgreSQL with pgvector, OpenSearch k-NN) implements these
// three methods in one file. See docs/SCALING.md.
type VectorStore interface {
	// Add stores chunks in order, numbering them on from the chunks
	// added before (the first ever is 0). A chunk without a vector is
	// numbered but never found.
	Add(ctx context.Context, chunks []StoredChunk) error
	// Nearest returns up to k chunks by cosine similarity to vec, best first.
	Nearest(ctx context.Context, vec []float32, k int) ([]ChunkHit, error)
	// Count returns the number of chunks stored.
	Count() int
}

// LexicalTerm is one weighted term of a lexical query: a character gram, or
// a synonym group whose alternatives count as one term.
type LexicalTerm struct {
	Alts   []string // folded text; one gram unless Group
	Weight float64  // multiplies the term's BM25 IDF
	// Group marks alternatives matched as substrings of the folded chunk
	// (phrases) rather than as indexed grams.
	Group bool
}

// LexicalQuery is what lexical retrieval asks a store: BM25 over weighted
// terms, summed.
type LexicalQuery struct {
	Terms []LexicalTerm
	// Cover lists chunks whose ranks the caller needs (fusion needs the
	// lexical rank of every paragraph the vector search found): a search
	// with k > 0 returns, beyond its first k, every chunk ranked at or
	// above the lowest-ranked of them that scores above zero.
	Cover []int
}

// LexicalStore ranks one report's chunks by BM25. The default is in memory
// (bm25.go); OpenSearch's bool query of boosted match_phrase clauses over a
// CJK-bigram field implements it in one file.
type LexicalStore interface {
	// Add stores chunks in order, numbering them on from the chunks
	// added before (the first ever is 0).
	Add(ctx context.Context, chunks []StoredChunk) error
	// Search returns the chunks scoring above zero, best first (equal
	// scores in chunk order), at most k of them (k <= 0: all) unless
	// q.Cover asks for more. The result is always a prefix of the full
	// ranking.
	Search(ctx context.Context, q LexicalQuery, k int) ([]ChunkHit, error)
}

// Stores opens the stores of one report's index. An index is built into
// fresh stores and never changed afterwards, so a reload builds new stores
// aside and swaps the index (see Library).
type Stores interface {
	Open(ctx context.Context, reportID, model string) (VectorStore, LexicalStore, error)
}

// MemoryStores keeps vectors in a chromem-go collection and BM25 postings
// in memory, per index. It is the default.
type MemoryStores struct {
	// Lexicon is the vocabulary; nil means lexicon.Default().
	Lexicon *lexicon.Lexicon
}

// Open implements Stores.
func (m MemoryStores) Open(_ context.Context, reportID, model string) (VectorStore, LexicalStore, error) {
	v, err := newChromemStore(reportID, model)
	if err != nil {
		return nil, nil, err
	}
	return v, newLexical(lexiconOf(m).Synonyms), nil
}

// lexiconOf returns the vocabulary stores were opened with: the Lexicon of
// MemoryStores, or the default one.
func lexiconOf(st Stores) *lexicon.Lexicon {
	if m, ok := st.(MemoryStores); ok && m.Lexicon != nil {
		return m.Lexicon
	}
	return lexicon.Default()
}

// chromemStore is the in-memory VectorStore: one chromem-go collection
// holds the documents (text, metadata, vector); the store keeps, by chunk
// number, the very vectors the collection holds (shared, not copied) and
// scans them itself (nearest.go) or, from annMin vectors on, through an
// approximate index over them (ann.go).
type chromemStore struct {
	coll *chromem.Collection
	vecs [][]float32 // by chunk number; nil for a chunk without a vector
	ann  *sketch     // nil below annMin vectors
}

// errNoEmbed guards the collection: vectors are always computed by us in
// batches, so chromem must never call an embedding function (its default
// would read OPENAI_API_KEY from the environment).
var errNoEmbed = errors.New("rag: chromem embedding function called; vectors must be precomputed")

func noEmbed(context.Context, string) ([]float32, error) { return nil, errNoEmbed }

func newChromemStore(reportID, model string) (*chromemStore, error) {
	coll, err := chromem.NewDB().CreateCollection("report-"+reportID, map[string]string{"report": reportID, "model": model}, noEmbed)
	if err != nil {
		return nil, fmt.Errorf("vector store: %w", err)
	}
	return &chromemStore{coll: coll}, nil
}

// addWorkers bounds the goroutines adding documents to a collection.
// chromem's AddDocuments starts one goroutine per document (its
// concurrency argument only bounds how many run at once); with vectors
// precomputed, adding is a check and a map insert, so a few workers over
// the slice do it.
func addWorkers() int { return min(runtime.GOMAXPROCS(0), 4) }

// Add implements VectorStore. Once the store holds annMin vectors or
// more, it (re)builds the approximate index over all of them.
func (s *chromemStore) Add(ctx context.Context, chunks []StoredChunk) error {
	if err := s.add(ctx, chunks); err != nil {
		return err
	}
	s.ann = nil
	if s.coll.Count() < annMin {
		return nil
	}
	ann, err := buildSketch(ctx, s.vecs)
	if err != nil {
		return fmt.Errorf("vector store: %w", err)
	}
	s.ann = ann
	return nil
}

// add stores chunks in the collection, without the approximate index.
func (s *chromemStore) add(ctx context.Context, chunks []StoredChunk) error {
	docs := make([]chromem.Document, 0, len(chunks))
	// Chunks' metadata differ only by paragraph, which their ID names
	// (knowledge.Chunk IDs are "p12", "p12.1"), so documents of one
	// section share one map of the rest: at 100k chunks that saves 0.3 KB
	// a chunk, more than the sketch costs (ann.go).
	shared := map[string]map[string]string{}
	for _, c := range chunks {
		var v []float32
		if c.Vector != nil {
			v = unitVector(c.Vector)
			docs = append(docs, chromem.Document{ID: c.ID, Content: c.Text, Embedding: v, Metadata: docMeta(shared, c)})
		}
		s.vecs = append(s.vecs, v)
	}
	workers := min(addWorkers(), len(docs))
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(docs); i += workers {
				if err := ctx.Err(); err != nil {
					errs[w] = err
					return
				}
				if err := s.coll.AddDocument(ctx, docs[i]); err != nil {
					errs[w] = err
					return
				}
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("vector store: %w", err)
	}
	return nil
}

// Nearest implements VectorStore.
func (s *chromemStore) Nearest(ctx context.Context, vec []float32, k int) ([]ChunkHit, error) {
	if s.coll.Count() == 0 || k <= 0 {
		return nil, nil
	}
	if len(s.vecs) > 0 && len(vec) != len(s.vecs[0]) {
		return nil, fmt.Errorf("%w: the question's vector has %d, the report's %d", ErrDimensions, len(vec), len(s.vecs[0]))
	}
	var res []ChunkHit
	var err error
	if s.ann != nil {
		res, err = s.ann.nearest(ctx, s.vecs, unitVector(vec), k)
	} else {
		res, err = scanNearest(ctx, s.vecs, unitVector(vec), k)
	}
	if err != nil {
		return nil, fmt.Errorf("vector search: %w", err)
	}
	return res, nil
}

// Count implements VectorStore.
func (s *chromemStore) Count() int { return s.coll.Count() }

// docMeta returns the metadata chromem keeps for c: a map shared by the
// chunks of one section, without the paragraph, when c's metadata is the
// usual report, paragraph and section and its ID names the paragraph;
// else c's own.
func docMeta(shared map[string]map[string]string, c StoredChunk) map[string]string {
	m := c.Metadata
	report, ok1 := m["report"]
	para, ok2 := m["paragraph"]
	section, ok3 := m["section"]
	if len(m) != 3 || !ok1 || !ok2 || !ok3 || !idNames(c.ID, para) {
		return m
	}
	key := report + "\x1f" + section
	if s, ok := shared[key]; ok {
		return s
	}
	s := map[string]string{"report": report, "section": section}
	shared[key] = s
	return s
}

// idNames reports whether a chunk ID names paragraph para ("p12" or
// "p12.1" for "12").
func idNames(id, para string) bool {
	rest, ok := strings.CutPrefix(id, "p"+para)
	return ok && (rest == "" || rest[0] == '.')
}

// paragraphMeta is the metadata stored with a chunk.
func paragraphMeta(report string, para int, section string) map[string]string {
	return map[string]string{"report": report, "paragraph": strconv.Itoa(para), "section": section}
}

// ErrDimensions reports vectors whose length differs from the others': an
// embedding endpoint that changed model or dimensions under the same name.
var ErrDimensions = errors.New("embedding dimensions differ")

// ErrCorrupt reports a store file that is truncated or does not match its
// checksum. Such a file is never served; it is rebuilt.
var ErrCorrupt = errors.New("corrupt store file")

// sealMagic opens every store file; the SHA-256 of the payload follows.
const sealMagic = "reportbot-store-v1\n"

// writeSealed writes payload to path crash-safely: to a temporary file in
// the same directory, synced, then renamed over path. A checksum header
// lets readSealed detect truncation.
func writeSealed(path string, payload []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	sum := sha256.Sum256(payload)
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-"+filepath.Base(path)+"-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer os.Remove(tmp) // no-op after a successful rename
	var hdr bytes.Buffer
	hdr.WriteString(sealMagic)
	hdr.WriteString(hex.EncodeToString(sum[:]))
	hdr.WriteByte('\n')
	if _, err := f.Write(hdr.Bytes()); err != nil {
		f.Close()
		return err
	}
	if _, err := f.Write(payload); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// readSealed reads a file written by writeSealed. A missing file returns an
// error satisfying errors.Is(err, fs.ErrNotExist); a damaged one ErrCorrupt.
func readSealed(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	hdrLen := len(sealMagic) + 64 + 1
	if len(data) < hdrLen || string(data[:len(sealMagic)]) != sealMagic || data[hdrLen-1] != '\n' {
		return nil, fmt.Errorf("%s: %w: bad header", path, ErrCorrupt)
	}
	want := string(data[len(sealMagic) : hdrLen-1])
	payload := data[hdrLen:]
	sum := sha256.Sum256(payload)
	if hex.EncodeToString(sum[:]) != want {
		return nil, fmt.Errorf("%s: %w: checksum mismatch", path, ErrCorrupt)
	}
	return payload, nil
}

// VectorCache holds embedding vectors by model and text, so a paragraph
// whose text and embedding model are unchanged is never embedded twice.
// With a directory, each model's vectors persist in one sealed file. A nil
// *VectorCache caches nothing.
type VectorCache struct {
	lg     *slog.Logger
	dir    string
	mu     sync.Mutex
	models map[string]*modelVectors
}

type modelVectors struct {
	Model   string
	Vectors map[string][]float32 // by text digest
	dirty   bool
}

// NewVectorCache returns a cache persisted under dir ("" keeps it in memory).
func NewVectorCache(lg *slog.Logger, dir string) *VectorCache {
	return &VectorCache{lg: lg, dir: dir, models: map[string]*modelVectors{}}
}

func textKey(text string) string {
	s := sha256.Sum256([]byte(text))
	return hex.EncodeToString(s[:16])
}

func (c *VectorCache) path(model string) string {
	s := sha256.Sum256([]byte(model))
	return filepath.Join(c.dir, "vectors", hex.EncodeToString(s[:8])+".gob")
}

// load returns the model's vectors, reading them from disk the first time.
// A corrupt file is reported and replaced by an empty set (re-embedding
// rebuilds it). c.mu is held.
func (c *VectorCache) load(model string) *modelVectors {
	if m, ok := c.models[model]; ok {
		return m
	}
	m := &modelVectors{Model: model, Vectors: map[string][]float32{}}
	c.models[model] = m
	if c.dir == "" {
		return m
	}
	p := c.path(model)
	data, err := readSealed(p)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return m
	case err != nil:
		c.lg.Warn("vector store unreadable, rebuilding", "model", model, "err", err)
		m.dirty = true
		return m
	}
	var got modelVectors
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&got); err != nil || got.Model != model {
		c.lg.Warn("vector store undecodable, rebuilding", "model", model, "err", err)
		m.dirty = true
		return m
	}
	if got.Vectors != nil {
		m.Vectors = got.Vectors
	}
	return m
}

// Get returns the cached vector for text under model.
func (c *VectorCache) Get(model, text string) ([]float32, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.load(model).Vectors[textKey(text)]
	return v, ok
}

// Put caches v for text under model; Flush persists it.
func (c *VectorCache) Put(model, text string, v []float32) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	m := c.load(model)
	m.Vectors[textKey(text)] = v
	m.dirty = true
}

// Flush writes every changed model's vectors to disk.
func (c *VectorCache) Flush() error {
	if c == nil || c.dir == "" {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for model, m := range c.models {
		if !m.dirty {
			continue
		}
		var buf bytes.Buffer
		if err := gob.NewEncoder(&buf).Encode(m); err != nil {
			return fmt.Errorf("encode vectors for %s: %w", model, err)
		}
		if err := writeSealed(c.path(model), buf.Bytes()); err != nil {
			return fmt.Errorf("write vectors for %s: %w", model, err)
		}
		m.dirty = false
	}
	return nil
}
