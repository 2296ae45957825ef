package rag

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/reportbot/reportbot/knowledge"
)

// scaleSizes are the chunk counts the scale benchmark indexes; 20k and 30k
// bracket where answers pass 100 ms on two cores. The largest takes about
// a minute and 1.6 GB to build; -short skips it.
var scaleSizes = []int{1_000, 10_000, 20_000, 30_000, 100_000}

// scaleIndex is one synthetic index with what building it cost.
type scaleIndex struct {
	ix      *Index
	heapMB  float64
	buildS  float64
	queries []*query
	raw     []string
	// With an approximate index (n >= annMin): the build time and bytes
	// per chunk of that index alone, its recall@10 against the exact
	// scan, and how much of the hybrid top 10 it leaves unchanged.
	annS, annKB, recall, fused float64
}

var scaleIndexes = map[int]*scaleIndex{}

// syntheticReport builds a report of n paragraphs, each two to four
// sentences drawn (deterministically) from the four development reports,
// kept under maxChunkRunes so every paragraph is one chunk.
func syntheticReport(tb testing.TB, n int) *knowledge.Report {
	var sents, secs []string
	for _, name := range []string{"zhenhai2023", "beijing2026", "guangdong2026", "sichuan2026"} {
		r := loadTestReport(tb, name)
		for _, p := range r.Paragraphs {
			for _, s := range sentences(p.Text) {
				// Whole sentences only, so joined they split back the same.
				if l := len([]rune(s)); l >= 10 && l <= 150 && strings.ContainsAny(s[len(s)-3:], "。！？；") {
					sents = append(sents, s)
					secs = append(secs, p.SectionPath())
				}
			}
		}
	}
	rng := rand.New(rand.NewPCG(1, uint64(n)))
	r := &knowledge.Report{Title: fmt.Sprintf("2026年合成市政府工作报告（%d段）", n), Government: "合成市人民政府", Year: 2026}
	for i := range n {
		var b strings.Builder
		first := rng.IntN(len(sents))
		for k := 0; k < 2+rng.IntN(3); k++ {
			s := sents[(first+k*rng.IntN(len(sents)))%len(sents)]
			if len([]rune(b.String()))+len([]rune(s)) > maxChunkRunes {
				break
			}
			b.WriteString(s)
		}
		text := b.String()
		r.Paragraphs = append(r.Paragraphs, knowledge.Paragraph{N: i + 1, Section: strings.Split(secs[first], " / "),
			Text: text, Sentences: sentences(text)})
	}
	knowledge.Annotate(r)
	return r
}

// scaleQuestions are asked of every synthetic index, in turn.
var scaleQuestions = []string{
	"今年GDP增速目标定的多少？", "去年城镇新增就业多少人", "今年要培育哪些未来产业？",
	"居民消费价格涨幅目标是多少", "粮食产量目标", "城镇调查失业率控制在多少",
	"研发投入强度", "新能源汽车产量增长多少", "保障性住房建设", "一般公共预算收入增长多少",
}

func buildScaleIndex(b *testing.B, n int) *scaleIndex {
	if si, ok := scaleIndexes[n]; ok {
		return si
	}
	r := syntheticReport(b, n)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	ix, err := BuildIndex(context.Background(), discard, r, NewHashEmbedder(0), nil)
	if err != nil {
		b.Fatal(err)
	}
	build := time.Since(start)
	runtime.GC()
	runtime.ReadMemStats(&after)
	si := &scaleIndex{ix: ix, buildS: build.Seconds(), raw: scaleQuestions,
		heapMB: float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)) / (1 << 20)}
	for _, q := range scaleQuestions {
		si.queries = append(si.queries, (&answerer{ix}).analyze(q, q))
	}
	if got := len(ix.chunks); got != n {
		b.Fatalf("%d chunks, want %d", got, n)
	}
	if vs := ix.vec.(*chromemStore); vs.ann != nil {
		start := time.Now()
		sk, err := buildSketch(context.Background(), vs.vecs)
		if err != nil {
			b.Fatal(err)
		}
		si.annS = time.Since(start).Seconds()
		si.annKB = float64(len(sk.cols)+4*len(sk.step)) / 1024 / float64(n)
		si.recall = annRecall(b, ix, annQueries(b, ix, 200), 10)
		si.fused = fusedAgreement(b, ix, si.raw, si.queries, 10)
	}
	scaleIndexes[n] = si
	return si
}

// BenchmarkScale times one question's retrieval (vector, lexical, hybrid)
// and its whole offline answer over synthetic indexes of 1k, 10k and 100k
// chunks; index-MB is the index's heap (report text included) after GC,
// index-KB/chunk the same per chunk (goal at 100k: 8 or less), and
// x-1k an answer's cost against the answer at 1k chunks of the same run
// (goal at 100k: 8 or less). From annMin chunks on, answer goes through
// the approximate vector index (ann.go) and answer-exact gives the same
// answers with the exhaustive scan; answer also reports the approximate
// index's build time (ann-build-s) and size (ann-KB/chunk), its recall@10
// against the exact scan over the scale questions and 200 pieces of
// chunks, and the share of the hybrid top 10 it leaves unchanged
// (fused@10).
//
//	go test ./rag -run '^$' -bench Scale -benchmem -benchtime 20x -timeout 30m
func BenchmarkScale(b *testing.B) {
	ctx := context.Background()
	var answer1k float64 // ns per answer at 1k chunks
	for _, n := range scaleSizes {
		name := fmt.Sprintf("chunks=%03dk", n/1000)
		b.Run(name, func(b *testing.B) {
			if testing.Short() && n > 10_000 {
				b.Skip("100k chunks take about a minute to build; run without -short")
			}
			si := buildScaleIndex(b, n)
			for _, r := range []Retriever{Vector, Lexical, Hybrid} {
				rix := si.ix.WithRetriever(r)
				b.Run(r.String(), func(b *testing.B) {
					b.ReportAllocs()
					i := 0
					for b.Loop() {
						k := i % len(si.raw)
						h, err := rix.retrieve(ctx, nil, si.queries[k], si.raw[k], 10)
						if err != nil {
							b.Fatal(err)
						}
						benchHits = h
						i++
					}
					b.ReportMetric(si.heapMB, "index-MB")
				})
			}
			b.Run("answer", func(b *testing.B) {
				b.ReportAllocs()
				i := 0
				for b.Loop() {
					a, err := Extract(ctx, si.ix, si.raw[i%len(si.raw)])
					if err != nil {
						b.Fatal(err)
					}
					benchAnswer = a
					i++
				}
				b.ReportMetric(si.heapMB, "index-MB")
				b.ReportMetric(si.heapMB*1024/float64(n), "index-KB/chunk")
				b.ReportMetric(si.buildS, "build-s")
				if si.ix.vec.(*chromemStore).ann != nil {
					b.ReportMetric(si.annS, "ann-build-s")
					b.ReportMetric(si.annKB, "ann-KB/chunk")
					b.ReportMetric(si.recall, "recall@10")
					b.ReportMetric(si.fused, "fused@10")
				}
				ns := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
				if n == 1_000 {
					answer1k = ns
				} else if answer1k > 0 {
					b.ReportMetric(ns/answer1k, "x-1k")
				}
			})
			if si.ix.vec.(*chromemStore).ann == nil {
				return
			}
			// The same answers with the exhaustive scan: the before of
			// the approximate index, in the same run.
			exact := exactIndex(si.ix)
			b.Run("answer-exact", func(b *testing.B) {
				b.ReportAllocs()
				i := 0
				for b.Loop() {
					a, err := Extract(ctx, exact, si.raw[i%len(si.raw)])
					if err != nil {
						b.Fatal(err)
					}
					benchAnswer = a
					i++
				}
				if answer1k > 0 {
					b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/answer1k, "x-1k")
				}
			})
		})
	}
}

// TestSyntheticReport keeps the scale benchmark's input honest: the
// requested number of one-chunk paragraphs, made of real reports' sentences.
func TestSyntheticReport(t *testing.T) {
	var all strings.Builder
	for _, name := range []string{"zhenhai2023", "beijing2026", "guangdong2026", "sichuan2026"} {
		for _, p := range loadTestReport(t, name).Paragraphs {
			all.WriteString(p.Text)
		}
	}
	r := syntheticReport(t, 200)
	if got := len(chunkReport(r)); got != 200 {
		t.Errorf("%d chunks, want 200", got)
	}
	for _, p := range r.Paragraphs {
		if len(p.Sentences) == 0 {
			t.Fatalf("paragraph %d is empty", p.N)
		}
		for _, s := range p.Sentences {
			if !strings.Contains(all.String(), s) {
				t.Fatalf("paragraph %d: %q is in no report", p.N, s)
			}
		}
	}
}
