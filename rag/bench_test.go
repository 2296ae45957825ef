package rag

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/reportbot/reportbot/knowledge"
)

// Results land in package variables so the compiler cannot drop the work.
var (
	benchAnswer Answer
	benchIndex  *Index
	benchHits   []hit
	benchParas  []int
	benchQuery  *query
	benchCands  []candidate
)

func BenchmarkExtract(b *testing.B) {
	for _, name := range []string{"zhenhai2023", "guangdong2026"} {
		ix := buildTestIndex(b, loadTestReport(b, name))
		for _, q := range []string{"今年GDP增速目标定的多少？", "去年城镇新增就业多少人", "今年要培育哪些未来产业？"} {
			b.Run(name+"/"+q, func(b *testing.B) {
				ctx := context.Background()
				b.ReportAllocs()
				for b.Loop() {
					a, err := Extract(ctx, ix, q)
					if err != nil {
						b.Fatal(err)
					}
					benchAnswer = a
				}
			})
		}
	}
}

func BenchmarkBuildIndex(b *testing.B) {
	r := loadTestReport(b, "guangdong2026")
	b.ReportAllocs()
	for b.Loop() {
		ix, err := BuildIndex(context.Background(), discard, r, NewHashEmbedder(0), nil)
		if err != nil {
			b.Fatal(err)
		}
		benchIndex = ix
	}
}

// BenchmarkLoadReport loads the largest development report end to end:
// decode, clean, structure and split it, fit the offline embedder, embed
// every chunk and build both indexes.
func BenchmarkLoadReport(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "reports", "guangdong2026.txt"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		r, err := knowledge.Parse("guangdong2026.txt", data)
		if err != nil {
			b.Fatal(err)
		}
		ix, err := BuildIndex(context.Background(), discard, r, NewHashEmbedder(0), nil)
		if err != nil {
			b.Fatal(err)
		}
		benchIndex = ix
	}
}

// BenchmarkAnswerStages splits offline answering into its stages over all
// 40 questions of the guangdong2026 sets; ns/op is per question. The
// stages are timed alone; answer is the whole Extract, which analyses each
// question part and the whole question once and retrieves once per
// distinct text among them (memo.go).
func BenchmarkAnswerStages(b *testing.B) {
	ctx := context.Background()
	ix := buildTestIndex(b, loadTestReport(b, "guangdong2026"))
	var qs []string
	for _, set := range []string{"guangdong2026.qa.jsonl", "guangdong2026.plus.qa.jsonl"} {
		f, err := os.Open(filepath.Join("..", "testdata", "qa", set))
		if err != nil {
			b.Fatal(err)
		}
		cases, err := ReadEvalCases(f)
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
		for _, c := range cases {
			qs = append(qs, c.Q)
		}
	}
	queries := make([]*query, len(qs))
	lexs := make([][]int, len(qs))
	vecs := make([][]int, len(qs))
	hits := make([][]hit, len(qs))
	for i, q := range qs {
		queries[i] = (&answerer{ix}).analyze(q, q)
		var err error
		if vecs[i], err = ix.vectorRanking(ctx, q, 40); err != nil {
			b.Fatal(err)
		}
		r, err := ix.lexicalRanking(ctx, queries[i], 10, vecs[i])
		if err != nil {
			b.Fatal(err)
		}
		lexs[i] = r.paras
		hits[i] = ix.fuse(10, lexs[i], vecs[i])
	}
	stage := func(name string, f func(i int)) {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				f(i % len(qs))
				i++
			}
		})
	}
	stage("1-analyse", func(i int) { benchQuery = (&answerer{ix}).analyze(qs[i], qs[i]) })
	stage("2-lexical", func(i int) {
		r, err := ix.lexicalRanking(ctx, queries[i], 10, vecs[i])
		if err != nil {
			b.Fatal(err)
		}
		benchParas = r.paras
	})
	stage("3-vector", func(i int) {
		p, err := ix.vectorRanking(ctx, qs[i], 40)
		if err != nil {
			b.Fatal(err)
		}
		benchParas = p
	})
	stage("4-fuse", func(i int) { benchHits = ix.fuse(10, lexs[i], vecs[i]) })
	stage("5-clauses", func(i int) { benchCands = (&answerer{ix}).candidates(queries[i], queries[i], hits[i]) })
	stage("answer", func(i int) {
		a, err := Extract(ctx, ix, qs[i])
		if err != nil {
			b.Fatal(err)
		}
		benchAnswer = a
	})
}
