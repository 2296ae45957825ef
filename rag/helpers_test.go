package rag

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/reportbot/reportbot/knowledge"
)

// para is a paragraph of a hand-made report: its top section and text.
type para struct{ section, text string }

func makeReport(title string, year int, ps ...para) *knowledge.Report {
	r := &knowledge.Report{Title: title, Year: year}
	for i, p := range ps {
		var sec []string
		if p.section != "" {
			sec = []string{p.section}
		}
		r.Paragraphs = append(r.Paragraphs, knowledge.Paragraph{N: i + 1, Section: sec, Text: p.text, Sentences: sentences(p.text)})
	}
	knowledge.Annotate(r) // header facts and place names, as Parse sets them
	return r
}

// smallReport is a miniature report with a review part and a plan part.
func smallReport() *knowledge.Report {
	return makeReport("2024年示例市政府工作报告", 2024,
		para{"", "示例市市长 张三"},
		para{"一、2023年工作回顾", "过去一年，全市地区生产总值8000亿元、增长5.2%，一般公共预算收入增长4.1%，城镇调查失业率4.8%。"},
		para{"一、2023年工作回顾", "新增城市轨道交通运营里程20公里，总里程达300公里。设立产业引导基金。首期规模50亿元。"},
		para{"一、2023年工作回顾", "在肯定成绩的同时，我们也清醒看到，科技创新能力还不够强，民生保障还有短板。"},
		para{"二、2024年工作安排", "今年经济社会发展主要预期目标是：地区生产总值增长5%左右，居民消费价格涨幅3%左右，城镇新增就业12万人以上，城镇调查失业率5.5%以内。"},
		para{"二、2024年工作安排", "重点做好三个方面工作：一是扩大有效需求，二是发展新质生产力，三是保障和改善民生。"},
		para{"二、2024年工作安排", "建设高标准农田5万亩，粮食产量稳定在200万吨以上。"},
	)
}

// countingEmbedder wraps an Embedder and counts the texts it embeds.
type countingEmbedder struct {
	Embedder
	texts, calls atomic.Int64
}

func (c *countingEmbedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	c.calls.Add(1)
	c.texts.Add(int64(len(texts)))
	return c.Embedder.Embed(ctx, texts)
}

// fixedEmbedder is a deterministic unfitted embedder with a given model name.
type fixedEmbedder struct {
	*HashEmbedder
	model string
}

func (f fixedEmbedder) Model() string { return f.model }

// assertAnswer asserts an answer's found flag, the texts it must hold
// (compared after Fold) and the texts it must not offer.
func assertAnswer(t *testing.T, a Answer, found bool, contains, absent []string) {
	t.Helper()
	if a.Found != found {
		t.Errorf("found = %v, want %v; answer %q", a.Found, found, a.Text)
	}
	for _, s := range contains {
		if !strings.Contains(Fold(a.Text), Fold(s)) {
			t.Errorf("answer %q lacks %q", a.Text, s)
		}
	}
	for _, s := range absent {
		if strings.Contains(a.Text, s) {
			t.Errorf("answer %q offers %q", a.Text, s)
		}
	}
}

// answerCase is one question and what its answer must say.
type answerCase struct {
	q     string
	found bool
	want  []string
}

// checkAnswers answers each case from ix as a subtest; no answer may offer
// the absent texts.
func checkAnswers(t *testing.T, ix *Index, cases []answerCase, absent ...string) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.q, func(t *testing.T) {
			a, err := Extract(context.Background(), ix, tc.q)
			if err != nil {
				t.Fatal(err)
			}
			assertAnswer(t, a, tc.found, tc.want, absent)
		})
	}
}

// sentences splits text into sentences and list items (after ；), as the
// index reads a paragraph (items) when it has no sentences of its own.
func sentences(s string) []string { return knowledge.SplitKeep(s, sentenceEnd) }

// sentenceEnd reports whether r ends a sentence.
func sentenceEnd(r rune) bool {
	switch r {
	case '。', '！', '？', '!', '?', '；', ';':
		return true
	}
	return false
}

// leadCase is a question whose answer must start with lead and hold
// contains; an empty lead means the report does not say.
type leadCase struct {
	q, lead  string
	contains []string
}

// checkLeads answers each case from ix as a subtest. No answer may offer
// the absent texts; a not-found reply must hold the missing texts.
func checkLeads(t *testing.T, ix *Index, cases []leadCase, absent, missing []string) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.q, func(t *testing.T) {
			a, err := Extract(context.Background(), ix, tc.q)
			if err != nil {
				t.Fatal(err)
			}
			if tc.lead == "" {
				assertAnswer(t, a, false, missing, absent)
				return
			}
			assertAnswer(t, a, true, tc.contains, absent)
			if !strings.HasPrefix(a.Text, tc.lead) {
				t.Errorf("answer %q does not lead with %q", a.Text, tc.lead)
			}
		})
	}
}
