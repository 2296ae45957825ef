package rag

import (
	"github.com/reportbot/reportbot/rag/lexicon"

	"context"
	"strings"
	"testing"

	"github.com/reportbot/reportbot/knowledge"
)

// kindsReport is a hand-made autonomous region's 2026 report with the layouts
// unseen reports use: last year's results under a 十四五 heading, a target
// list, a lead-in whose items are the next paragraphs, and one whose items
// are the headings under it.
func kindsReport() *knowledge.Report {
	r := makeReport("2026年示例自治区政府工作报告", 2026,
		para{"", "示例自治区主席 李四"},
		para{"一、“十四五”时期经济社会发展回顾", "刚刚过去的2025年，全区生产总值增长4.8%。规上工业增加值增长6.2%，固定资产投资增长3.9%。五年来，全区生产总值年均增长5.1%。"},
		para{"一、“十四五”时期经济社会发展回顾", "新增风电光伏装机300万千瓦，风光发电量占比达到30%。"},
		para{"二、2026年工作安排", "今年主要预期目标是：地区生产总值增长5%左右，城镇调查失业率5.5%左右，规模以上工业增加值增长6%左右，社会消费品零售总额增长4%左右，民间投资占比不低于60%。"},
		para{"二、2026年工作安排", "“十五五”时期的主要目标是：创新能力显著增强，城乡差距持续缩小，生态环境明显改善。"},
		para{"二、2026年工作安排", "坚定实施“三大工程”。"},
		para{"二、2026年工作安排", "一是实施产业升级工程，培育特色产业集群。"},
		para{"二、2026年工作安排", "二是实施城乡融合工程，推进县域经济发展。"},
		para{"二、2026年工作安排", "三是实施生态治理工程，加强黄河流域保护。"},
		para{"二、2026年工作安排", "继续办好五方面惠民实事。"},
		para{"二、2026年工作安排", "新建幼儿园10所。"},
		para{"二、2026年工作安排", "改造老旧小区200个。"},
		para{"二、2026年工作安排", "新增养老床位3000张。"},
		para{"二、2026年工作安排", "新开公交线路20条。"},
		para{"二、2026年工作安排", "建设应急避难场所50处。"},
		para{"二、2026年工作安排", "加快发展清洁能源，储能装机规模占比达到25%。"},
		para{"附件 名词解释", "1.“三新”工程：指新能源、新材料、新装备产业培育工程。"},
		para{"附件 名词解释", "2.“双碳”：指碳达峰、碳中和。"},
	)
	r.Government = "示例回族自治区人民政府"
	top := &knowledge.Section{Title: "二、2026年工作安排", Level: 1, First: 4}
	for i, t := range []string{"1.教育方面", "2.住房方面", "3.养老方面", "4.交通方面", "5.安全方面"} {
		top.Children = append(top.Children, &knowledge.Section{Title: t, Level: 2, First: 11 + i})
	}
	r.Sections = []*knowledge.Section{{Title: "一、“十四五”时期经济社会发展回顾", Level: 1, First: 2}, top}
	knowledge.Annotate(r)
	return r
}

// TestExtractKinds checks each kind of question unseen reports ask, on a
// hand-made report.
func TestExtractKinds(t *testing.T) {
	ix := buildTestIndex(t, kindsReport())
	for _, tt := range []struct {
		kind     string
		q        string
		found    bool
		contains []string
		absent   []string
	}{
		// Place names: the region is named without 回族自治区.
		{"place", "示例今年GDP目标多少", true, []string{"5%左右"}, nil},
		{"place", "示例自治区今年失业率目标", true, []string{"5.5%左右"}, nil},
		// Scope: last year's results in a section headed by the plan period.
		{"scope", "去年GDP增长多少", true, []string{"4.8%"}, []string{"5.1%"}},
		{"scope", "去年规上工业增加值增长了多少", true, []string{"6.2%"}, nil},
		{"scope", "五年来GDP年均增长多少", true, []string{"5.1%"}, nil},
		// Abbreviations, counted once.
		{"abbrev", "去年固投涨了几个点", true, []string{"3.9%"}, nil},
		{"abbrev", "今年社零目标", true, []string{"4%左右"}, nil},
		// Lists whose items follow the lead-in.
		{"list", "十五五主要目标是啥", true, []string{"创新能力显著增强", "生态环境明显改善"}, nil},
		{"list", "三大工程是哪三个", true, []string{"产业升级工程", "城乡融合工程", "生态治理工程"}, nil},
		{"list", "今年五方面惠民实事是哪几个方面", true, []string{"教育", "住房", "养老", "交通", "安全"}, nil},
		// A term defined in a glossary: the definition follows its ：.
		{"list", "“三新”工程是哪三新", true, []string{"新能源、新材料、新装备"}, []string{"双碳"}},
		// Near figures: the full indicator and the unit must agree.
		{"near", "今年固定资产投资增长目标多少", false, nil, []string{"60%"}},
		{"near", "今年储能装机要达到多少千瓦", false, nil, []string{"25%"}},
		{"near", "风电光伏装机新增多少千瓦", true, []string{"300万千瓦"}, nil},
		// Multi-part without 分别.
		{"multi", "今年经济增长目标和失业率目标", true, []string{"5%左右", "5.5%左右"}, nil},
		{"multi", "今年规上工业增加值和固投目标是多少", true, []string{"6%左右", "报告中没有提到"}, nil},
	} {
		t.Run(tt.kind+"/"+tt.q, func(t *testing.T) {
			a, err := Extract(context.Background(), ix, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := a.Found, tt.found; got != want {
				t.Errorf("found = %v, want %v; answer %q", got, want, a.Text)
			}
			for _, w := range tt.contains {
				if !strings.Contains(a.Text, w) {
					t.Errorf("answer %q lacks %q", a.Text, w)
				}
			}
			for _, w := range tt.absent {
				if strings.Contains(a.Text, w) {
					t.Errorf("answer %q has %q", a.Text, w)
				}
			}
		})
	}
}

func TestLeadIn(t *testing.T) {
	for _, tt := range []struct {
		clause string
		n      int
		ok     bool
	}{
		{"主要目标是：", 0, true},
		{"重点做好六个方面工作：", 6, true},
		{"继续办好十方面民生实事，", 10, true},
		{"坚定实施“五大战略”", 5, true},
		{"干好四件大事", 4, true},
		{"重点抓好以下几个方面", 0, true},
		{"生产总值增长5%左右，", 0, false},
	} {
		n, ok := leadIn(tt.clause)
		if n != tt.n || ok != tt.ok {
			t.Errorf("leadIn(%q) = %d, %v, want %d, %v", tt.clause, n, ok, tt.n, tt.ok)
		}
	}
	for s, want := range map[string]int{"十": 10, "十二": 12, "二十": 20, "两": 2, "7": 7, "百": 0} {
		if got := chineseNumber(s); got != want {
			t.Errorf("chineseNumber(%q) = %d, want %d", s, got, want)
		}
	}
}

func TestSplitIndicators(t *testing.T) {
	for _, tt := range []struct {
		q    string
		want []string
	}{
		{"今年经济增长目标和失业率目标", []string{"今年经济增长目标", "失业率目标"}},
		{"GDP和CPI目标是多少", []string{"GDP目标是多少", "CPI目标是多少"}},
		{"去年粮食产量与财政收入是多少", []string{"去年粮食产量是多少", "财政收入是多少"}},
		// Not two indicators: one question.
		{"科技和人才投入多少", []string{"科技和人才投入多少"}},
		{"就业和社保方面有哪些措施", []string{"就业和社保方面有哪些措施"}},
		{"城乡居民收入和经济增长同步吗", []string{"城乡居民收入和经济增长同步吗"}},
	} {
		got := splitQuestion(lexicon.Default(), tt.q)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("splitQuestion(%q) = %q, want %q", tt.q, got, tt.want)
		}
	}
}

// TestKindsOnDevReports checks the kinds on the development reports.
func TestKindsOnDevReports(t *testing.T) {
	for _, tt := range []struct {
		report, q string
		found     bool
		contains  []string
	}{
		// Parent area named alone is another area: a district's report.
		{"zhenhai2023", "宁波今年GDP增速目标是多少", false, nil},
		{"zhenhai2023", "宁波镇海今年GDP增速目标是多少", true, []string{"%"}},
		{"beijing2026", "北京今年GDP和CPI目标是多少", true, []string{"5%左右", "2%左右"}},
	} {
		t.Run(tt.report+"/"+tt.q, func(t *testing.T) {
			ix := buildTestIndex(t, loadTestReport(t, tt.report))
			a, err := Extract(context.Background(), ix, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			assertAnswer(t, a, tt.found, tt.contains, nil)
		})
	}
}

// TestEarlierYearNearMiss: a figure asked for a year before last year is
// answered only from a clause about that year, however it is asked.
func TestEarlierYearNearMiss(t *testing.T) {
	r := makeReport("2024年示例市政府工作报告", 2024,
		para{"一、2023年工作回顾", "过去一年，全市地区生产总值8000亿元、增长5.2%，一般公共预算收入增长4.1%。"},
		para{"一、2023年工作回顾", "五年来，2021年全市粮食产量达到210万吨，增长3.1%。"},
		para{"二、2024年工作安排", "今年主要预期目标是：地区生产总值增长5%左右。"},
	)
	ix := buildTestIndex(t, r)
	checkAnswers(t, ix, []answerCase{
		{"2023年地区生产总值增长了多少", true, []string{"5.2%"}},
		{"2021年地区生产总值增长了多少", false, nil},
		{"请问2020年GDP增长了多少？", false, nil},
		{"2021年粮食产量是多少", true, []string{"210万吨"}},
		{"2021年糧食產量是多少", true, []string{"210万吨"}},
	}, "5%左右")
}

// TestTypedMemberWins: when a paragraph states two members of one
// paraphrase group, a figure question gets the one it named.
func TestTypedMemberWins(t *testing.T) {
	r := makeReport("2019年示例县政府工作报告", 2019,
		para{"一、2018年工作回顾", "过去一年，全部财政收入完成11.5亿元，一般公共预算收入完成6.6亿元，城乡居民人均可支配收入分别达到2.78万元和1.84万元。"},
		para{"二、2019年工作安排", "今年主要预期目标是：地区生产总值增长8%。"},
	)
	ix := buildTestIndex(t, r)
	for _, tc := range []struct {
		q            string
		want, absent string
	}{
		{"去年一般公共预算收入完成了多少", "6.6亿元", "11.5亿元"},
		{"请问去年一般公共預算收入完成了多少？", "6.6亿元", "11.5亿元"},
		{"去年全部财政收入完成了多少", "11.5亿元", "6.6亿元"},
	} {
		t.Run(tc.q, func(t *testing.T) {
			a, err := Extract(context.Background(), ix, tc.q)
			if err != nil {
				t.Fatal(err)
			}
			assertAnswer(t, a, true, []string{tc.want}, []string{tc.absent})
		})
	}
}

// TestFigureLeads: a figure answer starts with the figure as the report
// writes it, then the clause it stands in, then the citation.
func TestFigureLeads(t *testing.T) {
	ix := buildTestIndex(t, smallReport())
	for _, tc := range []struct{ q, lead string }{
		{"今年失业率目标是多少", "5.5%以内："},
		{"請問今年城镇新增就业目标是多少人？", "12万人以上："},
		{"今年CPI涨幅控制在多少", "3%左右："},
		{"首期基金规模多少亿", "50亿元："},
	} {
		t.Run(tc.q, func(t *testing.T) {
			a, err := Extract(context.Background(), ix, tc.q)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(a.Text, tc.lead) || !strings.Contains(a.Text, "[1]") {
				t.Errorf("answer %q does not lead with %q", a.Text, tc.lead)
			}
		})
	}
}

// TestNoReportWordIsNoContent: a question's framing that no report of the
// corpus uses (弄成) is not content the report lacks, and a unit
// character that starts a word (人 in 人大代表) is no unit.
func TestNoReportWordIsNoContent(t *testing.T) {
	r := makeReport("2024年示例市政府工作报告", 2024,
		para{"一、2023年工作回顾", "过去一年，共办理人大代表建议356件、政协提案512件，办复率100%。"},
		para{"二、2024年工作安排", "今年主要预期目标是：地区生产总值增长5%左右。"},
	)
	ix := buildTestIndex(t, r)
	checkAnswers(t, ix, []answerCase{
		{"去年办理了多少件人大代表建议", true, []string{"356件"}},
		{"请问去年一共办理了多少人大代表建议？", true, []string{"356件"}},
		{"去年办理了多少件群众来信", false, nil},
		{"今年地区生产总值增长目标弄成多少了", true, []string{"5%左右"}},
	})
}

// TestNearMissesOfKind: another place, a sibling indicator (登记 vs
// 调查失业率) and another indicator's figure in the same sentence (人均
// GDP against 人均可支配收入) are near misses, however they are asked.
func TestNearMissesOfKind(t *testing.T) {
	r := makeReport("2024年示例市政府工作报告", 2024,
		para{"一、2023年工作回顾", "过去一年，全市地区生产总值增长5.2%，居民人均可支配收入增长6.8%。"},
		para{"一、2023年工作回顾", "深化交通治理，开通3条地铁新线，总里程达909公里。"},
		para{"二、2024年工作安排", "今年主要预期目标是：地区生产总值增长6%左右，城镇调查失业率控制在5.5%以内。"},
	)
	ix := buildTestIndex(t, r)
	checkAnswers(t, ix, []answerCase{
		{"岳阳市今年GDP目标是多少", false, nil},
		{"请问贵州今年GDP目标是多少？", false, nil},
		{"今年GDP目标是多少", true, []string{"6%左右"}},
		{"今年城镇登记失业率目标是多少", false, nil},
		{"今年调查失业率控制在多少", true, []string{"5.5%以内"}},
		{"今年失業率控制在多少", true, []string{"5.5%以内"}},
		{"去年人均GDP是多少", false, nil},
		{"去年居民人均可支配收入增长多少", true, []string{"6.8%"}},
		{"地铁总里程现在多少公里", true, []string{"909公里"}},
	})
}

// TestGenericMeasureWord: 多少个 counts things whatever their own measure
// word (9580张), but a share does not answer it.
func TestGenericMeasureWord(t *testing.T) {
	r := makeReport("2024年示例市政府工作报告", 2024,
		para{"二、2024年工作安排", "新增医疗床位600张以上；新增养老床位9580张以上。普惠托位占比提高到68%。"},
	)
	ix := buildTestIndex(t, r)
	checkAnswers(t, ix, []answerCase{
		{"今年要新增多少个养老床位", true, []string{"9580张以上"}},
		{"麻烦问下今年要新增多少个养老床位，谢谢", true, []string{"9580张以上"}},
		{"今年要新增多少个普惠托位", false, nil},
	})
}

// TestContrastedSiblings: a figure of a sibling indicator (登记 for 调查
// 失业率, 农村 for 城镇居民收入) does not answer.
func TestContrastedSiblings(t *testing.T) {
	r := makeReport("2019年示例区政府工作报告", 2019,
		para{"一、2018年工作回顾", "过去一年，城镇登记失业率控制在3.5%的较低水平，农村居民人均可支配收入增长8%。"},
	)
	ix := buildTestIndex(t, r)
	checkAnswers(t, ix, []answerCase{
		{"去年城镇调查失业率是多少", false, nil},
		{"去年城镇登记失业率是多少", true, []string{"3.5%"}},
		{"去年城镇居民人均可支配收入增长多少", false, nil},
		{"去年農村居民人均可支配收入增长多少", true, []string{"8%"}},
	})
}

// TestAbbreviationSpelledOut: a numbered abbreviation (“三大工程”) is
// answered with the quoted members that follow it in its paragraph.
func TestAbbreviationSpelledOut(t *testing.T) {
	r := makeReport("2019年示例区政府工作报告", 2019,
		para{"二、2019年工作安排", "办人民满意的教育。坚持教育优先发展战略，重点推进“三大工程”建设。实施“基础设施建设工程”，加快学校建设。开展“师德师风建设工程”，深化教师队伍建设。推进“智慧校园建设工程”，实施教育信息化行动。"},
		para{"二、2019年工作安排", "突出抓好“三件大事”，坚定不移推进重点工作。"},
	)
	ix := buildTestIndex(t, r)
	checkAnswers(t, ix, []answerCase{
		{"教育方面要推进哪“三大工程”？", true, []string{"基础设施建设工程、师德师风建设工程、智慧校园建设工程"}},
		{"请问“三大工程”是指哪三个", true, []string{"师德师风建设工程"}},
	}, "“三大工程”、")
}

// TestMainTargetsFirst: this year's figure comes from the report's list of
// its main targets, not from a plan that names the indicator for a part
// of the area (各类园区地区生产总值).
func TestMainTargetsFirst(t *testing.T) {
	r := makeReport("2024年示例市政府工作报告", 2024,
		para{"一、2023年工作回顾", "过去一年，全市地区生产总值增长5.8%。"},
		para{"二、2024年工作安排", "今年经济社会发展主要预期目标是：地区生产总值增长6%以上，一般公共预算收入增长5%，城镇新增就业5万人以上。"},
		para{"二、2024年工作安排", "推动园区提档升级，力争全市各类园区地区生产总值、工业开票销售分别突破3500亿元、7000亿元。"},
	)
	ix := buildTestIndex(t, r)
	checkAnswers(t, ix, []answerCase{
		{"今年GDP目标定的多少？", true, []string{"6%以上"}},
		{"请问示例市今年GDP目标是多少", true, []string{"6%以上"}},
	}, "3500亿元")
}
