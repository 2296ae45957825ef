package rag

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"strings"
	"time"

	"github.com/reportbot/reportbot/knowledge"
	"github.com/reportbot/reportbot/rag/lexicon"
)

// Index is everything needed to answer questions about one report: its
// chunks in a chromem-go collection (vectors) and in a lexical index, plus
// per-paragraph facts (time scope, sentences). It is immutable once built
// and safe for concurrent use.
type Index struct {
	report *knowledge.Report
	id     string
	emb    Embedder
	vec    VectorStore
	lex    LexicalStore
	// lx is the vocabulary questions are read with.
	lx     *lexicon.Lexicon
	chunks []chunk
	// paraChunks is the most chunks one paragraph was cut into.
	paraChunks int
	// retriever selects the ranking; the zero value is the product's
	// hybrid, the others are baselines for evaluation (baseline.go).
	retriever Retriever
	grepText  []string // folded paragraphs, for the Grep baseline only
	paras     []paraInfo
	sentDF    map[string]int // grams: number of sentences containing them
	nSent     int
	sentText  []string       // folded sentences, for group document frequency
	groupDF   map[string]int // synonym group key → sentences containing a member
	region    []string       // the report's Places, folded
	// targetParas are the paragraphs stating the year's main targets
	// (knowledge.Targets, not the secondary ones).
	targetParas map[int]bool
	builtAt     time.Time
	w           Weights // the answerer's tuning (weights.go)
}

type chunk struct {
	id   string
	para int // paragraph number (1-based)
	text string
}

type paraInfo struct {
	scope     scope
	sentences []string
	sents     []sentInfo // per sentence, folded once at build time
	section   string
	fsection  string // folded section path
	lead      string // folded first sentence: a short one names the topic
}

// sentInfo is one sentence with everything answering needs from it that
// does not depend on the question, computed once when the index is built.
type sentInfo struct {
	folded  string
	scope   scope      // the sentence's own time, refining the paragraph's
	clauses []string   // verbatim clauses
	fcl     []string   // folded clauses
	cscope  []scope    // per clause
	figs    [][]figure // figures per clause
}

// maxChunkRunes bounds a chunk (knowledge.MaxChunk); longer paragraphs are
// cut at sentences.
const maxChunkRunes = knowledge.MaxChunk

// embedBatch is how many texts go to the embedder per call. The OpenAI
// embedder cuts a call into requests of 64 and sends 4 at once, so a call
// of 256 keeps four requests in flight (BenchmarkIngestOpenAI).
const embedBatch = 256

// Report returns the indexed report.
func (ix *Index) Report() *knowledge.Report { return ix.report }

// ID returns the report's ID.
func (ix *Index) ID() string { return ix.id }

// Model returns the embedding model the index was built with.
func (ix *Index) Model() string { return ix.emb.Model() }

// BuiltAt returns when the index was built.
func (ix *Index) BuiltAt() time.Time { return ix.builtAt }

// BuildIndex embeds the report's chunks (reusing vectors in cache, which
// may be nil) and builds the vector and lexical indexes in memory. An
// Embedder that is a Fitter is first fitted to the report.
func BuildIndex(ctx context.Context, lg *slog.Logger, r *knowledge.Report, emb Embedder, cache *VectorCache) (*Index, error) {
	return BuildIndexIn(ctx, lg, MemoryStores{}, r, emb, cache)
}

// BuildIndexIn is BuildIndex with the vector and lexical indexes kept in
// stores opened from st.
func BuildIndexIn(ctx context.Context, lg *slog.Logger, st Stores, r *knowledge.Report, emb Embedder, cache *VectorCache) (*Index, error) {
	if r == nil || len(r.Paragraphs) == 0 {
		return nil, errors.New("build index: report has no paragraphs")
	}
	if f, ok := emb.(Fitter); ok {
		texts := make([]string, len(r.Paragraphs))
		for i, p := range r.Paragraphs {
			texts[i] = p.Text
		}
		emb = f.Fit(texts)
	}
	ix := &Index{report: r, id: r.ID(), emb: emb, lx: lexiconOf(st), w: DefaultWeights(), builtAt: time.Now()}
	ix.chunks = chunkReport(r)
	ix.paraChunks = maxChunksPerParagraph(ix.chunks)
	texts := make([]string, len(ix.chunks))
	for i, c := range ix.chunks {
		texts[i] = c.text
	}
	vecs, embedded, err := embedCached(ctx, emb, cache, texts)
	if err != nil {
		return nil, fmt.Errorf("build index %s: %w", ix.id, err)
	}
	vs, ls, err := st.Open(ctx, ix.id, emb.Model())
	if err != nil {
		return nil, fmt.Errorf("build index %s: %w", ix.id, err)
	}
	stored := make([]StoredChunk, len(ix.chunks))
	for i, c := range ix.chunks {
		stored[i] = StoredChunk{ID: c.id, Text: c.text,
			Metadata: paragraphMeta(ix.id, c.para, r.Paragraphs[c.para-1].SectionPath())}
		if !isZero(vecs[i]) { // chromem would divide by zero normalizing it
			stored[i].Vector = vecs[i]
		}
	}
	if err := vs.Add(ctx, stored); err != nil {
		return nil, fmt.Errorf("build index %s: %w", ix.id, err)
	}
	for i := range stored {
		stored[i].Vector = nil
	}
	if err := ls.Add(ctx, stored); err != nil {
		return nil, fmt.Errorf("build index %s: %w", ix.id, err)
	}
	ix.vec, ix.lex = vs, ls
	ix.prepare()
	lg.Info("index built", "report", ix.id, "title", r.Title, "paragraphs", len(r.Paragraphs),
		"chunks", len(ix.chunks), "embedded", embedded, "model", emb.Model())
	return ix, nil
}

// prepare computes the per-paragraph facts and sentence statistics.
func (ix *Index) prepare() {
	r := ix.report
	scopes := knowledge.Scopes(r)
	ix.paras = make([]paraInfo, len(r.Paragraphs))
	ix.sentDF = map[string]int{}
	for i, p := range r.Paragraphs {
		// knowledge's sentences, each cut further at ； into the items of
		// a list, so quotes stay short; knowledge dates each item and
		// clause (knowledge.Scopes) over the same cut.
		ss := knowledge.Items(p)
		info := paraInfo{scope: scopes[i].Scope, sentences: ss, section: p.SectionPath()}
		info.fsection = fold(info.section)
		for k, s := range ss {
			si := newSentInfo(s, scopes[i].Items[k])
			if info.lead == "" {
				info.lead = si.folded
			}
			info.sents = append(info.sents, si)
			ix.nSent++
			ix.sentText = append(ix.sentText, si.folded)
			seen := map[string]bool{}
			for _, g := range grams(s) {
				if !seen[g] {
					seen[g] = true
					ix.sentDF[g]++
				}
			}
		}
		ix.paras[i] = info
	}
	for _, p := range r.Places {
		ix.region = append(ix.region, fold(p))
	}
	ix.targetParas = map[int]bool{}
	for _, t := range knowledge.Targets(r) {
		if !t.Secondary {
			ix.targetParas[t.Paragraph] = true
		}
	}
	ix.groupDF = map[string]int{}
	for _, g := range ix.lx.Synonyms {
		key := groupKey(g)
		if _, ok := ix.groupDF[key]; !ok {
			ix.groupDF[key] = ix.countGroup(g)
		}
	}
}

// newSentInfo folds a sentence and its clauses and reads their figures;
// sc is the sentence's time scope and its clauses', as knowledge dates them
// over the whole paragraph.
func newSentInfo(s string, sc knowledge.ItemScope) sentInfo {
	si := sentInfo{folded: fold(s), clauses: knowledge.Clauses(s), scope: sc.Scope, cscope: sc.Clauses}
	for _, cl := range si.clauses {
		si.fcl = append(si.fcl, fold(cl))
		si.figs = append(si.figs, figures(cl))
	}
	return si
}

func groupKey(g []string) string { return strings.Join(g, "|") }

// gramWeight is the IDF of a gram over the report's sentences; grams the
// report never uses weigh the most.
func (ix *Index) gramWeight(g string) float64 {
	return math.Log(1 + float64(ix.nSent+1)/float64(ix.sentDF[g]+1))
}

// termWeight returns how much gram g of a question counts toward whether
// the report answers it, and whether it is weak (ranks but never decides).
// A gram that neither this report nor any report of the lexicon's corpus
// uses is no content a report could hold — a colloquial word, question
// framing, a typo (理了 in 办理了多少) — so it is weak. Otherwise its
// weight blends its IDF over the report's sentences with its IDF over the
// corpus, which says how informative it is across reports
// (Weights.CorpusIDFShare).
//
// A place name is never weak (places lists those the question names):
// another place's figure is a near miss however rare the name.
func (ix *Index) termWeight(g string, places []string) (float64, bool) {
	rep := ix.gramWeight(g)
	cdf := ix.lx.CorpusDF(g)
	switch {
	case cdf == 0 && ix.sentDF[g] == 0 && !containsAny(strings.Join(places, "|"), g):
		return rep, true
	case cdf == 0:
		return rep, false
	}
	corp := math.Log(1 + float64(ix.lx.CorpusSentences+1)/float64(cdf+1))
	b := ix.w.CorpusIDFShare
	return (1-b)*rep + b*corp, false
}

// groupWeight is the IDF of a synonym group over the report's sentences.
func (ix *Index) groupWeight(grp []string) float64 {
	df, ok := ix.groupDF[groupKey(grp)]
	if !ok {
		df = ix.countGroup(grp)
	}
	return math.Log(1 + float64(ix.nSent+1)/float64(df+1))
}

// countGroup counts the sentences that contain a member of the group.
func (ix *Index) countGroup(grp []string) int {
	df := 0
	for _, s := range ix.sentText {
		for _, m := range grp {
			if strings.Contains(s, m) {
				df++
				break
			}
		}
	}
	return df
}

// chunkReport returns the report's retrieval chunks as knowledge cuts them
// (Report.Chunks): whole paragraphs, or runs of their sentences.
func chunkReport(r *knowledge.Report) []chunk {
	kc := r.Chunks()
	out := make([]chunk, len(kc))
	for i, c := range kc {
		out[i] = chunk{id: c.ID, para: c.Paragraph, text: c.Text}
	}
	return out
}

// maxChunksPerParagraph returns the most chunks of one paragraph.
func maxChunksPerParagraph(cs []chunk) int {
	most, run := 0, 0
	for i, c := range cs {
		if i > 0 && cs[i-1].para == c.para {
			run++
		} else {
			run = 1
		}
		most = max(most, run)
	}
	return most
}

func isZero(v []float32) bool {
	for _, x := range v {
		if x != 0 {
			return false
		}
	}
	return true
}

// embedCached returns vectors for texts, embedding in batches only those
// the cache does not hold for this model. It reports how many it embedded.
func embedCached(ctx context.Context, emb Embedder, cache *VectorCache, texts []string) ([][]float32, int, error) {
	model := emb.Model()
	out := make([][]float32, len(texts))
	var missing []int
	for i, t := range texts {
		if v, ok := cache.Get(model, t); ok {
			out[i] = v
			continue
		}
		missing = append(missing, i)
	}
	for start := 0; start < len(missing); start += embedBatch {
		end := min(start+embedBatch, len(missing))
		batch := make([]string, 0, end-start)
		for _, i := range missing[start:end] {
			batch = append(batch, texts[i])
		}
		vs, err := emb.Embed(ctx, batch)
		if err != nil {
			return nil, 0, fmt.Errorf("embed: %w", err)
		}
		if len(vs) != len(batch) {
			return nil, 0, fmt.Errorf("embed: got %d vectors for %d texts", len(vs), len(batch))
		}
		for j, i := range missing[start:end] {
			out[i] = vs[j]
			cache.Put(model, texts[i], vs[j])
		}
	}
	// One space for the whole report: a vector of another length (the
	// endpoint's model or dimensions changed, or cached vectors are from
	// before) would break every later question.
	for i, v := range out {
		if len(v) == 0 {
			return nil, 0, fmt.Errorf("embed: %w: %q got an empty vector", ErrDimensions, truncate(texts[i], 20))
		}
		if len(v) != len(out[0]) {
			return nil, 0, fmt.Errorf("embed with %s: %w: %d for chunk %d, %d for chunk 1 (did the model or REPORTBOT_EMBED_DIMENSIONS change? clear the data dir's vectors)", model, ErrDimensions, len(v), i+1, len(out[0]))
		}
	}
	return out, len(missing), nil
}

func truncate(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
