package rag

import (
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
	// The lead is the answer's first words; "" means not found.
	checkLeads(t, ix, []leadCase{
		{"今年有没有提出发放消费券", "有：继续发放消费券", nil},
		{"请问今年是否继续发放消费券？", "是：继续发放消费券", nil},
		{"今年會不會繼續發放消費券", "会：继续发放消费券", nil},
		{"去年学前一年免费教育落地了吗", "是：过去一年", nil},
		{"今年能不能新增就业12万人", "能：城镇新增就业12万人以上", nil},
		// Another figure, a negation: the report's words, without a yes.
		{"今年能不能新增就业15万人", "城镇新增就业12万人以上", nil},
		{"试点项目要不要报国家部委审核", "扩大专项债券自审自发试点，试点项目经省级政府审核后不再报", nil},
		// Nothing said, or said only of another time: not found.
		{"今年有没有提出发放住房补贴", "", nil},
		{"今年还实施学前一年免费教育吗", "", nil},
	}, []string{"否", "没有："}, []string{"报告中没有提到"})
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
