package rag

import (
	"github.com/reportbot/reportbot/rag/lexicon"

	"context"
	"strings"
	"testing"
)

func TestExtract(t *testing.T) {
	ix := buildTestIndex(t, smallReport())
	tests := []struct {
		q         string
		found     bool
		contains  []string
		absent    []string
		paragraph int // first cited paragraph, 0 to skip
	}{
		{q: "今年GDP目标多少", found: true, contains: []string{"5%左右"}, paragraph: 5},
		{q: "去年GDP增长了多少", found: true, contains: []string{"5.2%"}, absent: []string{"5%左右"}, paragraph: 2},
		{q: "今年CPI定的多少？", found: true, contains: []string{"3%左右"}},
		{q: "今年城镇新增就业目标多少人", found: true, contains: []string{"12万人"}},
		{q: "今年失业率和GDP目标分别是多少", found: true, contains: []string{"5.5%以内", "5%左右"}},
		{q: "去年地铁总里程多少公里", found: true, contains: []string{"300公里"}},
		{q: "产业引导基金首期多大规模", found: true, contains: []string{"50亿元"}},
		{q: "今年高标准农田建多少亩", found: true, contains: []string{"5万亩"}},
		{q: "今年重点做好哪几个方面工作？", found: true, contains: []string{"扩大有效需求", "发展新质生产力", "保障和改善民生"}},
		{q: "市政府工作报告是谁作的", found: true, contains: []string{"张三"}},
		// Near misses: the topic is there, the asked figure is not.
		{q: "今年一般公共预算收入目标是多少", found: false, absent: []string{"4.1%"}},
		{q: "去年CPI涨了多少", found: false, absent: []string{"3%"}},
		{q: "今年研发投入强度目标多少", found: false},
		{q: "今年新能源汽车保有量目标多少", found: false},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			a, err := Extract(context.Background(), ix, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			assertAnswer(t, a, tt.found, tt.contains, tt.absent)
			if !tt.found && !strings.Contains(a.Text, "报告中没有提到") {
				t.Errorf("refusal %q does not say so plainly", a.Text)
			}
			if tt.paragraph != 0 && (len(a.Citations) == 0 || a.Citations[0].Paragraph != tt.paragraph) {
				t.Errorf("citations %+v, want paragraph %d first", a.Citations, tt.paragraph)
			}
			if tt.found && len(a.Citations) == 0 {
				t.Errorf("found answer without citations")
			}
		})
	}
}

func TestSplitQuestion(t *testing.T) {
	tests := []struct {
		q    string
		want int
	}{
		{"GDP和CPI目标分别是多少？", 2},
		{"北京去年PM2.5浓度降到多少了？比上年降了多少？", 2},
		{"公交和轨道50米内换乘比例今年要提到多少？", 1},
		{"今年失业率目标是多少", 1},
	}
	for _, tt := range tests {
		if got := splitQuestion(lexicon.Default(), tt.q); len(got) != tt.want {
			t.Errorf("splitQuestion(%q) = %q, want %d parts", tt.q, got, tt.want)
		}
	}
}
