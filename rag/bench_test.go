package rag

import (
	"context"
	"testing"
)

var benchAnswer Answer

func BenchmarkExtract(b *testing.B) {
	for _, name := range []string{"zhenhai2023", "guangdong2026"} {
		ix := buildTestIndex(b, loadTestReport(b, name))
		for _, q := range []string{"今年GDP增速目标定的多少？", "去年城镇新增就业多少人", "今年要培育哪些未来产业？"} {
			b.Run(name+"/"+q, func(b *testing.B) {
				ctx := context.Background()
				b.ReportAllocs()
				for b.Loop() {
					a, err := ix.Extract(ctx, q)
					if err != nil {
						b.Fatal(err)
					}
					benchAnswer = a
				}
			})
		}
	}
}

var benchIndex *Index

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
