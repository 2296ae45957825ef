package rag

import (
	"context"
	"strings"
	"testing"
)

// TestYesNoKind: a yes/no question is answered with the clause that says
// so, led by the question's own yes; a clause that negates it or gives
// another figure is quoted without the yes; and a report that says nothing
// about it is not found, never a no — however the question is typed.
func TestYesNoKind(t *testing.T) {
	r := makeReport("2024年示例市政府工作报告", 2024,
		para{"一、2023年工作回顾", "过去一年，学前一年免费教育政策落地实施，新建幼儿园12所。"},
		para{"二、2024年工作安排", "继续发放消费券，举办促消费活动1000场。"},
		para{"二、2024年工作安排", "城镇新增就业12万人以上。"},
		para{"二、2024年工作安排", "扩大专项债券自审自发试点，试点项目经省级政府审核后不再报国家部委审核。"},
	)
	ix := buildTestIndex(t, r)
	for _, tc := range []struct {
		q     string
		found bool
		lead  string // the answer's first words
	}{
		{"今年有没有提出发放消费券", true, "有：继续发放消费券"},
		{"请问今年是否继续发放消费券？", true, "是：继续发放消费券"},
		{"今年會不會繼續發放消費券", true, "会：继续发放消费券"},
		{"去年学前一年免费教育落地了吗", true, "是：过去一年"},
		{"今年能不能新增就业12万人", true, "能：城镇新增就业12万人以上"},
		// Another figure, a negation: the report's words, without a yes.
		{"今年能不能新增就业15万人", true, "城镇新增就业12万人以上"},
		{"试点项目要不要报国家部委审核", true, "扩大专项债券自审自发试点，试点项目经省级政府审核后不再报"},
		// Nothing said, or said only of another time: not found.
		{"今年有没有提出发放住房补贴", false, ""},
		{"今年还实施学前一年免费教育吗", false, ""},
	} {
		t.Run(tc.q, func(t *testing.T) {
			a, err := Extract(context.Background(), ix, tc.q)
			if err != nil {
				t.Fatal(err)
			}
			if !tc.found {
				assertAnswer(t, a, false, []string{"报告中没有提到"}, []string{"否", "没有："})
				return
			}
			assertAnswer(t, a, true, nil, nil)
			if !strings.HasPrefix(a.Text, tc.lead) {
				t.Errorf("answer %q does not lead with %q", a.Text, tc.lead)
			}
		})
	}
}

func TestYesWord(t *testing.T) {
	ix := &answerer{buildTestIndex(t, smallReport())}
	for q, want := range map[string]string{
		"今年有没有提出发放消费券": "有",
		"是否继续发放消费券":    "是",
		"学前教育是不是免费的":   "是",
		"会不会提高养老金":     "会",
		"能否建成投用":       "能",
		"可不可以申请补贴":     "可以",
		"还有消费券吗":       "有",
		"今年还继续实施民生工程吗": "是",
	} {
		if got := ix.yesWord(&query{raw: q}); got != want {
			t.Errorf("yesWord(%s) = %q, want %q", q, got, want)
		}
	}
}
