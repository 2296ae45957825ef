package rag

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/reportbot/reportbot/knowledge"
)

var (
	builtinOnce sync.Once
	builtinIx   *Index
)

// builtinIndex is the built-in report's index, built once for the tests
// that only read it.
func builtinIndex(t testing.TB) *Index {
	builtinOnce.Do(func() { builtinIx = buildTestIndex(t, knowledge.Default()) })
	return builtinIx
}

func TestQuestionBounds(t *testing.T) {
	ix := builtinIndex(t)
	e := New(discard, fixedIndexes{ix}, nil)
	if _, err := e.Answer(context.Background(), Question{Text: strings.Repeat("经济", MaxQuestionRunes)}); !errors.Is(err, ErrQuestionTooLong) {
		t.Errorf("a %d-character question: err %v, want ErrQuestionTooLong", 2*MaxQuestionRunes, err)
	}
	if _, err := Extract(context.Background(), ix, strings.Repeat("经", MaxQuestionRunes+1)); !errors.Is(err, ErrQuestionTooLong) {
		t.Errorf("Extract of an over-long question: %v", err)
	}
	// A thread of huge earlier questions is cut, not refused.
	a, err := e.Answer(context.Background(), Question{Text: "那失业率呢", Context: []string{strings.Repeat("今年GDP目标是多少，", 400)}})
	if err != nil || !strings.Contains(a.Text, "3%以内") {
		t.Errorf("follow-up after a huge thread question: %v %q", err, a.Text)
	}
	// Many parts: the first maxParts are answered, and the answer says so.
	q := strings.Repeat("今年失业率目标是多少？", maxParts+3)
	a, err = e.Answer(context.Background(), Question{Text: q})
	if err != nil || !strings.Contains(a.Text, "3%以内") || !strings.Contains(a.Text, "只回答了前8个") {
		t.Errorf("a %d-part question: %v %q", maxParts+3, err, a.Text)
	}
	// A question given up mid-way stops being read.
	ctx, cancel := context.WithTimeout(context.Background(), time.Nanosecond)
	defer cancel()
	<-ctx.Done()
	if _, err := e.Answer(ctx, Question{Text: q}); err == nil {
		t.Error("an expired question was answered")
	}
}

// FuzzQuestion feeds any text through the question path (normalise,
// thread, intent, parts, analysis, retrieval, kinds, rendering): it must
// answer or fail with an error, never panic, and never cite a paragraph
// the report lacks. The seed corpus runs with every `go test`.
func FuzzQuestion(f *testing.F) {
	for _, s := range []string{
		"今年失业率目标是多少", "請問今年失業率目標是多少？", "　今年ＧＤＰ增长目标　", "What is the GDP target?",
		"那CPI呢", "去年呢？", "十四五时期新增就业多少万人", "？？？", "", "\x00\x01", "<@U123> 你好",
		"今年GDP目标是多少？失业率呢？CPI呢？", strings.Repeat("经济", 300), "5%—5.5%", "百分之三以内[1]",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		ix := builtinIndex(t)
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		a, err := New(discard, fixedIndexes{ix}, nil).Answer(ctx, Question{Text: q, Context: []string{"今年GDP目标是多少"}})
		if err != nil {
			return
		}
		for _, c := range a.Citations {
			if c.Paragraph < 1 || c.Paragraph > len(ix.report.Paragraphs) {
				t.Fatalf("%q cites paragraph %d of %d", q, c.Paragraph, len(ix.report.Paragraphs))
			}
		}
	})
}

// BenchmarkLongQuestion answers the longest question read (MaxQuestionRunes),
// written as many parts and as one run of characters.
func BenchmarkLongQuestion(b *testing.B) {
	ix := builtinIndex(b)
	for _, q := range []struct{ name, text string }{
		{"parts", strings.Repeat("今年GDP增长目标是多少，", MaxQuestionRunes/13)},
		{"run", strings.Repeat("经济", MaxQuestionRunes/2)},
	} {
		b.Run(q.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Extract(context.Background(), ix, q.text); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
