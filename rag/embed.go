package rag

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash/fnv"
	"math"
	"sort"
)

// Embedder turns texts into vectors, many at a time.
type Embedder interface {
	// Embed returns one vector per text, in order.
	Embed(ctx context.Context, texts []string) ([][]float32, error)
	// Model names the model and everything that shapes its vectors; vectors
	// are cached under it, so two embedders with the same Model must return
	// the same vector for the same text.
	Model() string
}

// Fitter is an Embedder that must first learn from the report it will
// embed (the offline embedder weights features by the report's IDF).
type Fitter interface {
	Embedder
	// Fit returns an embedder fitted to texts; the receiver is unchanged.
	Fit(texts []string) Embedder
}

// HashEmbedder is the offline default: character unigrams and bigrams hashed
// into a fixed number of dimensions, weighted by their inverse document
// frequency over the report, L2-normalized. It needs no files or network and
// is deterministic. Unfitted, every feature weighs the same.
type HashEmbedder struct {
	dims int
	idf  map[string]float32
	id   string
}

// DefaultHashDims is the dimension of the offline embedder's vectors.
const DefaultHashDims = 512

// NewHashEmbedder returns an unfitted hashed n-gram embedder of the given
// dimension (DefaultHashDims when dims <= 0).
func NewHashEmbedder(dims int) *HashEmbedder {
	if dims <= 0 {
		dims = DefaultHashDims
	}
	return &HashEmbedder{dims: dims, id: fmt.Sprintf("hash-ngram-v1-d%d", dims)}
}

// Fit returns a copy weighted by IDF over texts. Its Model includes a
// digest of the IDF table, so vectors from different fits never mix.
func (h *HashEmbedder) Fit(texts []string) Embedder {
	df := map[string]int{}
	for _, t := range texts {
		seen := map[string]bool{}
		for _, g := range grams(t) {
			if !seen[g] {
				seen[g] = true
				df[g]++
			}
		}
	}
	n := float64(len(texts))
	idf := make(map[string]float32, len(df))
	keys := make([]string, 0, len(df))
	for g, d := range df {
		idf[g] = float32(math.Log(1 + n/float64(d)))
		keys = append(keys, g)
	}
	sort.Strings(keys)
	sum := sha256.New()
	var buf [4]byte
	for _, k := range keys {
		sum.Write([]byte(k))
		binary.LittleEndian.PutUint32(buf[:], uint32(df[k]))
		sum.Write(buf[:])
	}
	return &HashEmbedder{
		dims: h.dims,
		idf:  idf,
		id:   fmt.Sprintf("hash-ngram-v1-d%d-idf%s", h.dims, hex.EncodeToString(sum.Sum(nil))[:12]),
	}
}

// Model implements Embedder.
func (h *HashEmbedder) Model() string { return h.id }

// Embed implements Embedder.
func (h *HashEmbedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	out := make([][]float32, len(texts))
	for i, t := range texts {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		out[i] = h.vector(t)
	}
	return out, nil
}

// unseenIDF weighs grams the fit never saw: rare, so informative.
const unseenIDF = 4

func (h *HashEmbedder) vector(t string) []float32 {
	v := make([]float32, h.dims)
	for _, g := range grams(t) {
		w := float32(1)
		if h.idf != nil {
			var ok bool
			if w, ok = h.idf[g]; !ok {
				w = unseenIDF
			}
		}
		if len([]rune(g)) == 1 {
			w *= 0.5
		}
		f := fnv.New64a()
		f.Write([]byte(g))
		x := f.Sum64()
		sign := float32(1)
		if x>>63 == 1 {
			sign = -1
		}
		v[x%uint64(h.dims)] += sign * w
	}
	normalize(v)
	return v
}

// normalize scales v to unit length in place (a zero vector stays zero).
func normalize(v []float32) {
	var s float64
	for _, x := range v {
		s += float64(x) * float64(x)
	}
	if s == 0 {
		return
	}
	n := float32(1 / math.Sqrt(s))
	for i := range v {
		v[i] *= n
	}
}
