package rag

import (
	"bytes"
	"context"
	"crypto/sha256"
	"debug/elf"
	"encoding/binary"
	"encoding/gob"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/reportbot/reportbot/knowledge"
	"github.com/reportbot/reportbot/rag/lexicon"
)

// indexFormat is the version of the persisted index (indexFile). Bump it
// when what an Index prepares changes shape or meaning without the binary
// changing (the binary's identity is part of the key too, buildID).
const indexFormat = 3 // 3: the approximate index (sketch, ann.go)

// indexFile is one report's prepared index as the data directory keeps it
// (indexes/<report id>.gob, sealed by writeSealed): everything BuildIndex
// computes, so a restart or a one-shot command loads it instead of
// fitting, embedding, indexing and preparing again. It is valid only for
// the same format, binary, vocabulary, report and embedding model.
type indexFile struct {
	Format  int
	Build   string // buildID of the binary that wrote it
	Lexicon string // lexiconDigest of the vocabulary it was built with
	Report  string // reportDigest of the report
	Model   string // the library's embedding model, before fitting
	Fitted  string // the index's embedding model
	Dims    int
	IDF     fileWeights // the fitted hashed embedder's weights; none for others
	Fit     bool        // the embedder was fitted (IDF holds its weights)

	Chunks     []fileChunk
	ParaChunks int
	// Vectors holds each chunk's vector, little-endian float32s, Dims a
	// chunk; HasVector says which chunks have one.
	Vectors   []byte
	HasVector []bool
	// ANN is the approximate index over the vectors; nil below annMin.
	ANN *fileANN

	Paras   []filePara
	SentDF  fileCounts
	NSent   int
	GroupDF fileCounts
	Region  []string
	Targets []int

	Grams  filePostings
	Group  filePostings
	Length []int32
}

// The maps of an index are stored flat — keys packed in one string,
// values in parallel slices — because gob decodes a map entry by entry
// through reflection, which made decoding most of a start-up.

// fileStrings is a list of strings stored as one: string i ends at Ends[i].
type fileStrings struct {
	Text string
	Ends []uint32
}

func packStrings(keys []string) fileStrings {
	var b strings.Builder
	s := fileStrings{Ends: make([]uint32, len(keys))}
	for i, k := range keys {
		b.WriteString(k)
		s.Ends[i] = uint32(b.Len())
	}
	s.Text = b.String()
	return s
}

// at returns string i, a slice of Text (not a copy).
func (s fileStrings) at(i int) string {
	start := uint32(0)
	if i > 0 {
		start = s.Ends[i-1]
	}
	return s.Text[start:s.Ends[i]]
}

// sortedKeys returns m's keys in order, so a file's bytes do not depend
// on map order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// fileCounts is a map of counts.
type fileCounts struct {
	Keys fileStrings
	N    []int32
}

func countsOf(m map[string]int) fileCounts {
	keys := sortedKeys(m)
	c := fileCounts{Keys: packStrings(keys), N: make([]int32, len(keys))}
	for i, k := range keys {
		c.N[i] = int32(m[k])
	}
	return c
}

func (c fileCounts) restore() (map[string]int, error) {
	if len(c.N) != len(c.Keys.Ends) {
		return nil, errors.New("index file: counts do not match their keys")
	}
	m := make(map[string]int, len(c.N))
	for i, n := range c.N {
		m[c.Keys.at(i)] = int(n)
	}
	return m, nil
}

// fileWeights is a map of weights.
type fileWeights struct {
	Keys fileStrings
	W    []float32
}

func weightsOf(m map[string]float32) fileWeights {
	keys := sortedKeys(m)
	w := fileWeights{Keys: packStrings(keys), W: make([]float32, len(keys))}
	for i, k := range keys {
		w.W[i] = m[k]
	}
	return w
}

func (w fileWeights) restore() (map[string]float32, error) {
	if len(w.W) != len(w.Keys.Ends) {
		return nil, errors.New("index file: weights do not match their keys")
	}
	m := make(map[string]float32, len(w.W))
	for i, x := range w.W {
		m[w.Keys.at(i)] = x
	}
	return m, nil
}

// filePostings is a map of postings lists: term i's list is
// Chunk[Starts[i]:Starts[i+1]], with the frequencies TF alongside.
type filePostings struct {
	Terms  fileStrings
	Starts []uint32
	Chunk  []uint32
	TF     []uint16
}

func postingsOf(m map[string]*postings) filePostings {
	keys := sortedKeys(m)
	f := filePostings{Terms: packStrings(keys), Starts: make([]uint32, 0, len(keys)+1)}
	for _, k := range keys {
		f.Starts = append(f.Starts, uint32(len(f.Chunk)))
		f.Chunk = append(f.Chunk, m[k].chunk...)
		f.TF = append(f.TF, m[k].tf...)
	}
	f.Starts = append(f.Starts, uint32(len(f.Chunk)))
	return f
}

// restore returns the lists, slices of f's (not copies), checking that
// they name only chunks below n.
func (f filePostings) restore(n int) (map[string]*postings, error) {
	terms := len(f.Terms.Ends)
	if len(f.Starts) != terms+1 || len(f.TF) != len(f.Chunk) || int(f.Starts[terms]) != len(f.Chunk) {
		return nil, errors.New("index file: postings do not match their terms")
	}
	for _, c := range f.Chunk {
		if int(c) >= n {
			return nil, errors.New("index file: postings name a chunk it does not hold")
		}
	}
	lists := make([]postings, terms)
	m := make(map[string]*postings, terms)
	for i := range terms {
		a, b := f.Starts[i], f.Starts[i+1]
		if a > b {
			return nil, errors.New("index file: postings out of order")
		}
		if a < b {
			lists[i] = postings{chunk: f.Chunk[a:b:b], tf: f.TF[a:b:b]}
		}
		m[f.Terms.at(i)] = &lists[i]
	}
	return m, nil
}

// fileANN is a sketch as persisted.
type fileANN struct {
	Dims, N int
	Cols    []byte
	Step    []float32
}

func annOf(a *sketch) *fileANN {
	if a == nil {
		return nil
	}
	return &fileANN{Dims: a.dims, N: a.n, Cols: a.cols, Step: a.step}
}

// restore returns the sketch f holds, checked against the vectors it
// indexes.
func (f *fileANN) restore(vecs [][]float32) (*sketch, error) {
	a := &sketch{dims: f.Dims, n: f.N, cols: f.Cols, step: f.Step}
	if err := a.check(vecs); err != nil {
		return nil, fmt.Errorf("index file: %w", err)
	}
	return a, nil
}

type fileChunk struct {
	ID   string
	Para int
	Text string
}

type filePara struct {
	Scope     int
	Sentences []string
	Sents     []fileSent
	Section   string
	FSection  string
	Lead      string
}

type fileSent struct {
	Folded  string
	Scope   int
	Clauses []string
	FCl     []string
	CScope  []int
	Figs    [][]fileFigure
}

type fileFigure struct{ Text, After string }

// buildID identifies the running binary: a rebuilt binary may prepare
// reports differently, so it never trusts another one's files. It is the
// Go build ID the linker writes into an ELF binary (a digest of the
// binary's inputs and content, the same for every `go run` or `go test`
// of unchanged code); elsewhere the executable's size and modification
// time. "" when the binary cannot be read; then no index is persisted.
var buildID = sync.OnceValue(func() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	if f, err := elf.Open(exe); err == nil {
		defer f.Close()
		if s := f.Section(".note.go.buildid"); s != nil {
			if note, err := s.Data(); err == nil {
				sum := sha256.Sum256(note)
				return "go-" + hex.EncodeToString(sum[:12])
			}
		}
	}
	fi, err := os.Stat(exe)
	if err != nil {
		return ""
	}
	return fmt.Sprintf("exe-%d-%d", fi.Size(), fi.ModTime().UnixNano())
})

// lexiconDigest identifies the synonym groups an index counts.
func lexiconDigest(lx *lexicon.Lexicon) string {
	h := sha256.New()
	for _, g := range lx.Synonyms {
		h.Write([]byte(strings.Join(g, "\x1f")))
		h.Write([]byte{0x1e})
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// reportDigest identifies a report by all it holds, not only its text.
func reportDigest(raw []byte) string {
	s := sha256.Sum256(raw)
	return hex.EncodeToString(s[:16])
}

func (l *Library) indexPath(id string) string {
	return filepath.Join(l.dir, "indexes", id+".gob")
}

// indexKey is what a persisted index must match to be used.
type indexKey struct {
	build, lexicon, report, model string
}

// persistable reports whether indexes built with st and emb can be
// persisted and restored: memory stores (a server-backed store keeps its
// own data) and an embedder whose fit can be restored.
func persistable(st Stores, emb Embedder) bool {
	if _, ok := st.(MemoryStores); !ok {
		return false
	}
	if _, ok := emb.(Fitter); ok {
		_, hash := emb.(*HashEmbedder)
		return hash
	}
	return true
}

// snapshot returns ix as persisted under key.
func snapshot(ix *Index, key indexKey) (*indexFile, error) {
	vs, ok1 := ix.vec.(*chromemStore)
	ls, ok2 := ix.lex.(*lexical)
	if !ok1 || !ok2 {
		return nil, errors.New("index not in memory stores")
	}
	f := &indexFile{Format: indexFormat, Build: key.build, Lexicon: key.lexicon, Report: key.report,
		Model: key.model, Fitted: ix.emb.Model(), ParaChunks: ix.paraChunks,
		SentDF: countsOf(ix.sentDF), NSent: ix.nSent, GroupDF: countsOf(ix.groupDF), Region: ix.region, Length: ls.length}
	if h, ok := ix.emb.(*HashEmbedder); ok {
		f.Dims, f.Fit, f.IDF = h.dims, h.idf != nil, weightsOf(h.idf)
	}
	for _, c := range ix.chunks {
		f.Chunks = append(f.Chunks, fileChunk{ID: c.id, Para: c.para, Text: c.text})
	}
	for _, v := range vs.vecs {
		f.HasVector = append(f.HasVector, v != nil)
		if v == nil {
			continue
		}
		if f.Dims == 0 {
			f.Dims = len(v)
		}
		if len(v) != f.Dims {
			return nil, fmt.Errorf("vectors of %d and %d dimensions", f.Dims, len(v))
		}
		for _, x := range v {
			f.Vectors = binary.LittleEndian.AppendUint32(f.Vectors, math.Float32bits(x))
		}
	}
	f.ANN = annOf(vs.ann)
	for _, p := range ix.paras {
		fp := filePara{Scope: int(p.scope), Sentences: p.sentences, Section: p.section, FSection: p.fsection, Lead: p.lead}
		for _, s := range p.sents {
			fs := fileSent{Folded: s.folded, Scope: int(s.scope), Clauses: s.clauses, FCl: s.fcl}
			for _, c := range s.cscope {
				fs.CScope = append(fs.CScope, int(c))
			}
			for _, figs := range s.figs {
				var ff []fileFigure
				for _, g := range figs {
					ff = append(ff, fileFigure{Text: g.text, After: g.after})
				}
				fs.Figs = append(fs.Figs, ff)
			}
			fp.Sents = append(fp.Sents, fs)
		}
		f.Paras = append(f.Paras, fp)
	}
	for p := range ix.targetParas {
		f.Targets = append(f.Targets, p)
	}
	slices.Sort(f.Targets)
	f.Grams = postingsOf(ls.grams)
	f.Group = postingsOf(ls.group)
	return f, nil
}

// restore rebuilds the Index f holds for report r, with the library's
// embedder emb and vocabulary lx, without fitting, embedding or preparing.
func (f *indexFile) restore(ctx context.Context, r *knowledge.Report, emb Embedder, lx *lexicon.Lexicon) (*Index, error) {
	if len(r.Paragraphs) == 0 || len(f.Paras) != len(r.Paragraphs) || len(f.HasVector) != len(f.Chunks) ||
		len(f.Length) != len(f.Chunks) {
		return nil, errors.New("index file does not fit its report")
	}
	if f.Fit {
		idf, err := f.IDF.restore()
		if err != nil {
			return nil, err
		}
		emb = &HashEmbedder{dims: f.Dims, idf: idf, id: f.Fitted}
	}
	if emb.Model() != f.Fitted {
		return nil, fmt.Errorf("index file built with %s, not %s", f.Fitted, emb.Model())
	}
	ix := &Index{report: r, id: r.ID(), emb: emb, lx: lx, w: DefaultWeights(), builtAt: time.Now(),
		paraChunks: f.ParaChunks, nSent: f.NSent, region: f.Region}
	var err error
	if ix.sentDF, err = f.SentDF.restore(); err != nil {
		return nil, err
	}
	if ix.groupDF, err = f.GroupDF.restore(); err != nil {
		return nil, err
	}
	vs, err := newChromemStore(ix.id, f.Fitted)
	if err != nil {
		return nil, err
	}
	stored := make([]StoredChunk, len(f.Chunks))
	off := 0
	for i, c := range f.Chunks {
		if c.Para < 1 || c.Para > len(r.Paragraphs) {
			return nil, fmt.Errorf("index file: chunk %d of paragraph %d", i, c.Para)
		}
		ix.chunks = append(ix.chunks, chunk{id: c.ID, para: c.Para, text: c.Text})
		stored[i] = StoredChunk{ID: c.ID, Text: c.Text, Metadata: paragraphMeta(ix.id, c.Para, r.Paragraphs[c.Para-1].SectionPath())}
		if !f.HasVector[i] {
			continue
		}
		if off+4*f.Dims > len(f.Vectors) {
			return nil, errors.New("index file: vectors cut short")
		}
		v := make([]float32, f.Dims)
		for j := range v {
			v[j] = math.Float32frombits(binary.LittleEndian.Uint32(f.Vectors[off+4*j:]))
		}
		off += 4 * f.Dims
		stored[i].Vector = v
	}
	if err := vs.add(ctx, stored); err != nil {
		return nil, err
	}
	switch {
	case f.ANN != nil:
		if vs.ann, err = f.ANN.restore(vs.vecs); err != nil {
			return nil, err
		}
	case vs.Count() >= annMin: // written below a threshold since lowered
		if vs.ann, err = buildSketch(ctx, vs.vecs); err != nil {
			return nil, err
		}
	}
	ls := newLexical(lx.Synonyms)
	ls.n, ls.length = len(f.Chunks), f.Length
	for i, c := range f.Chunks {
		ls.text = append(ls.text, c.Text)
		ls.total += int(f.Length[i])
	}
	ls.avgdl = float64(ls.total) / float64(ls.n)
	ls.norm = make([]float64, ls.n)
	for i, length := range ls.length {
		ls.norm[i] = bm25K1 * (1 - bm25B + bm25B*float64(length)/ls.avgdl)
	}
	if ls.grams, err = f.Grams.restore(ls.n); err != nil {
		return nil, err
	}
	if ls.group, err = f.Group.restore(ls.n); err != nil {
		return nil, err
	}
	ix.vec, ix.lex = vs, ls
	ix.paras = make([]paraInfo, len(f.Paras))
	for i, fp := range f.Paras {
		p := paraInfo{scope: scope(fp.Scope), sentences: fp.Sentences, section: fp.Section, fsection: fp.FSection, lead: fp.Lead}
		for _, fs := range fp.Sents {
			s := sentInfo{folded: fs.Folded, scope: scope(fs.Scope), clauses: fs.Clauses, fcl: fs.FCl}
			for _, c := range fs.CScope {
				s.cscope = append(s.cscope, scope(c))
			}
			for _, ff := range fs.Figs {
				var figs []figure
				for _, g := range ff {
					figs = append(figs, figure{text: g.Text, after: g.After})
				}
				s.figs = append(s.figs, figs)
			}
			p.sents = append(p.sents, s)
			ix.sentText = append(ix.sentText, s.folded)
		}
		ix.paras[i] = p
	}
	ix.targetParas = make(map[int]bool, len(f.Targets))
	for _, p := range f.Targets {
		ix.targetParas[p] = true
	}
	return ix, nil
}

// loadIndex returns the persisted index of r when one matches key; nil
// when there is none or it is stale, damaged or does not fit (logged).
func (l *Library) loadIndex(ctx context.Context, r *knowledge.Report, key indexKey, lx *lexicon.Lexicon) *Index {
	id := r.ID()
	data, err := readSealed(l.indexPath(id))
	if err != nil {
		if !errors.Is(err, os.ErrNotExist) {
			l.lg.Warn("stored index unreadable, rebuilding", "report", id, "err", err)
		}
		return nil
	}
	var f indexFile
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&f); err != nil {
		l.lg.Warn("stored index undecodable, rebuilding", "report", id, "err", err)
		return nil
	}
	if f.Format != indexFormat || f.Build != key.build || f.Lexicon != key.lexicon || f.Report != key.report || f.Model != key.model {
		l.lg.Info("stored index stale, rebuilding", "report", id,
			"format", f.Format == indexFormat, "binary", f.Build == key.build, "lexicon", f.Lexicon == key.lexicon,
			"report_changed", f.Report != key.report, "model", f.Model == key.model)
		return nil
	}
	ix, err := f.restore(ctx, r, l.emb, lx)
	if err != nil {
		l.lg.Warn("stored index unusable, rebuilding", "report", id, "err", err)
		return nil
	}
	return ix
}

// saveIndex persists ix under key.
func (l *Library) saveIndex(ix *Index, key indexKey) error {
	f, err := snapshot(ix, key)
	if err != nil {
		return fmt.Errorf("store index %s: %w", ix.id, err)
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(f); err != nil {
		return fmt.Errorf("store index %s: %w", ix.id, err)
	}
	if err := writeSealed(l.indexPath(ix.id), buf.Bytes()); err != nil {
		return fmt.Errorf("store index %s: %w", ix.id, err)
	}
	return nil
}

// writeIfChanged writes payload sealed to path unless the file there
// already holds exactly it, so that commands which change nothing write
// nothing. It reports whether it wrote.
func writeIfChanged(path string, payload []byte) (bool, error) {
	if old, err := readSealed(path); err == nil && bytes.Equal(old, payload) {
		return false, nil
	}
	return true, writeSealed(path, payload)
}

// marshalReport is the report as the data directory keeps it.
func marshalReport(r *knowledge.Report) ([]byte, error) {
	raw, err := json.Marshal(r)
	if err != nil {
		return nil, fmt.Errorf("encode report: %w", err)
	}
	return raw, nil
}
