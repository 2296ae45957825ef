package rag

import (
	"context"
	"testing"

	"github.com/reportbot/reportbot/knowledge"
)

// openReport is a hand-made report whose plan names its framing and its
// topics the ways reports do: a lead-in (总体要求是：), a lead-in whose
// items are the next paragraphs, a heading, a heading-like first
// sentence, an item opener inside a paragraph — beside clauses that only
// share a word with them (总体应急预案, 全民国防教育).
func openReport() *knowledge.Report {
	r := makeReport("2024年示例市政府工作报告", 2024,
		para{"一、2023年工作回顾", "过去一年，低空经济加快起步，新增无人机企业20家。"},
		para{"二、2024年工作安排", "修订总体应急预案，提升应急处置能力。"},
		para{"二、2024年工作安排", "今年政府工作的总体要求是：以新发展理念为引领，坚持稳中求进，推动高质量发展；着力稳就业、稳预期，奋力开创现代化建设新局面。"},
		para{"二、2024年工作安排", "重点做好三个方面工作：一是扩大有效需求，二是发展新质生产力，三是保障和改善民生。"},
		para{"二、2024年工作安排", "深化全民国防教育，加强国防动员建设。"},
		para{"二、2024年工作安排", "办好人民满意的教育。新建中小学10所，新增学位1.2万个。推进职业教育产教融合。"},
		para{"二、2024年工作安排", "推动社会事业发展。一是提升医疗卫生水平。新建社区卫生服务中心5个。二是繁荣文化事业。新建城市书房30个。"},
		para{"二、2024年工作安排", "释放消费潜力，打造夜间消费街区10条，举办促消费活动500场。"},
		para{"二、2024年工作安排", "继续办好十件民生实事。"},
		para{"二、2024年工作安排", "一是新增普惠托位3000个。"},
		para{"二、2024年工作安排", "二是改造老旧小区100个。"},
	)
	plan := &knowledge.Section{Title: "二、2024年工作安排", Level: 1, First: 2}
	plan.Children = []*knowledge.Section{{Title: "促进消费", Level: 2, First: 8}}
	r.Paragraphs[7].Section = []string{plan.Title, "促进消费"}
	r.Sections = []*knowledge.Section{{Title: "一、2023年工作回顾", Level: 1, First: 1}, plan}
	return r
}

// TestOpenKind: an open question is answered from the paragraph that
// names the asked thing — its lead-in's sentence or items, its lead
// sentences — never from a clause that merely shares a word with it, and
// not at all when no paragraph of the asked time is about it.
func TestOpenKind(t *testing.T) {
	ix := buildTestIndex(t, openReport())
	checkLeads(t, ix, []leadCase{ // an empty lead: not found
		{"今年的总体要求是什么", "今年政府工作的总体要求是：以新发展理念为引领", []string{"奋力开创现代化建设新局面"}},
		{"请问今年政府工作的指导思想是什么？", "今年政府工作的总体要求是", []string{"奋力开创现代化建设新局面"}},
		{"今年的總體要求是什麼", "今年政府工作的总体要求是", nil},
		{"今年的重点是什么", "重点做好三个方面工作", []string{"扩大有效需求", "保障和改善民生"}},
		{"今年的民生实事有哪些", "继续办好十件民生实事", []string{"新增普惠托位3000个", "改造老旧小区100个"}},
		{"今年在教育方面有什么举措", "办好人民满意的教育。新建中小学10所", []string{"推进职业教育产教融合"}},
		{"今年在医疗卫生方面有啥举措", "一是提升医疗卫生水平。新建社区卫生服务中心5个", nil},
		{"促消费方面有什么举措", "释放消费潜力", []string{"夜间消费街区10条"}},
		// Named only in the review, or nowhere.
		{"今年在低空经济方面有什么举措", "", nil},
		{"今年在养老方面有什么举措", "", nil},
	}, []string{"应急预案", "国防教育", "城市书房"}, nil)
}

// TestOpenNearMiss: a report whose only 总体要求-like words are a stray
// clause and the plan period's guiding thought does not answer this
// year's 总体要求.
func TestOpenNearMiss(t *testing.T) {
	r := makeReport("2026年示例省政府工作报告", 2026,
		para{"二、“十五五”时期主要目标", "“十五五”时期经济社会发展的指导思想是：坚持稳中求进，推动高质量发展。"},
		para{"三、2026年工作安排", "修订总体应急预案，完善总体规划实施机制。"},
	)
	ix := buildTestIndex(t, r)
	for _, q := range []string{"今年的总体要求是什么", "今年的指导思想是什么"} {
		a, err := Extract(context.Background(), ix, q)
		if err != nil {
			t.Fatal(err)
		}
		assertAnswer(t, a, false, nil, []string{"应急预案", "稳中求进"})
	}
}
