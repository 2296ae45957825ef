package rag

import (
	"github.com/reportbot/reportbot/rag/lexicon"

	"context"
	"testing"
)

func TestResolveFollowUp(t *testing.T) {
	region := []string{"北京市", "北京", "全市"}
	tests := []struct {
		name, prev, q, want string
		follow              bool
	}{
		{"new indicator", "今年GDP目标是多少", "那CPI呢？", "今年CPI目标是多少", true},
		{"new time", "今年GDP目标是多少", "去年呢", "去年GDP是多少", true},
		{"own region adds nothing", "今年GDP目标是多少", "北京呢", "今年GDP目标是多少", true},
		{"ask only", "今年GDP和CPI目标", "分别是多少", "今年GDP和CPI目标分别是多少", true},
		{"unit of the old indicator dropped", "去年城镇新增就业多少人", "那失业率呢", "去年失业率多少", true},
		{"narrowed to a topic", "报告里说了哪些短板", "产业这块呢", "产业方面报告里说了哪些短板", true},
		{"self-contained", "今年GDP目标是多少", "去年城镇新增就业多少人", "去年城镇新增就业多少人", false},
		{"self-contained, no 呢", "今年GDP目标是多少", "今年失业率目标是多少", "今年失业率目标是多少", false},
		{"no context", "", "那CPI呢", "那CPI呢", false},
		{"English is left alone", "今年GDP目标是多少", "what about CPI?", "what about CPI?", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, follow := resolveFollowUp(lexicon.Default(), tt.prev, tt.q, region, 2026)
			if got != tt.want || follow != tt.follow {
				t.Errorf("resolveFollowUp(%q, %q) = %q, %v; want %q, %v", tt.prev, tt.q, got, follow, tt.want, tt.follow)
			}
		})
	}
}

func TestAnswerFollowUp(t *testing.T) {
	ix := buildTestIndex(t, smallReport())
	eng := New(discard, fixedIndexes{ix}, nil)
	tests := []struct {
		name     string
		context  []string
		q        string
		found    bool
		contains []string
		absent   []string
	}{
		{"indicator carried over", []string{"今年GDP目标是多少"}, "那CPI呢？", true, []string{"3%左右"}, []string{"5%左右"}},
		{"time changed", []string{"今年GDP目标是多少"}, "去年呢", true, []string{"5.2%"}, []string{"5%左右"}},
		{"chain of follow-ups", []string{"今年GDP目标是多少", "那失业率呢"}, "去年呢", true, []string{"4.8%"}, []string{"5.5%"}},
		{"self-contained ignores context", []string{"今年GDP目标是多少"}, "今年高标准农田建多少亩", true, []string{"5万亩"}, []string{"5%左右"}},
		{"follow-up the report does not answer", []string{"今年GDP目标是多少"}, "那一般公共预算收入呢", false, nil, []string{"4.1%"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := eng.Answer(context.Background(), Question{Text: tt.q, Context: tt.context})
			if err != nil {
				t.Fatal(err)
			}
			assertAnswer(t, a, tt.found, tt.contains, tt.absent)
		})
	}
}

// fixedIndexes serves one index.
type fixedIndexes struct{ ix *Index }

func (f fixedIndexes) Index(string) (*Index, error) { return f.ix, nil }
