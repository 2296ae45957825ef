package knowledge

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestTargetsParseMeasure(t *testing.T) {
	tests := []struct {
		in        string
		value     string
		qualifier string
		unit      string
	}{
		// Qualifiers.
		{"地区生产总值增长5.5%以上", "5.5%", "以上", "%"},
		{"城镇登记失业率3%以内", "3%", "以内", "%"},
		{"居民消费价格涨幅2%左右", "2%", "左右", "%"},
		{"研发投入增长不低于10%", "10%", "不低于", "%"},
		{"城镇新增就业不少于28万人", "28万人", "不少于", "万人"},
		{"单位能耗不超过0.5吨", "0.5吨", "不超过", "吨"},
		{"细颗粒物年均浓度控制在29微克/立方米", "29微克/立方米", "控制在", "微克/立方米"},
		{"城镇调查失业率控制在5.5%以内", "5.5%", "控制在…以内", "%"},
		{"粮食播种面积稳定在100万亩以上", "100万亩", "稳定在…以上", "万亩"},
		{"一般公共预算收入达到95亿元", "95亿元", "", "亿元"},
		{"一般公共预算收入达到95亿元以上", "95亿元", "以上", "亿元"},
		{"赤字率拟按4%左右安排", "4%", "左右", "%"},
		{"粮食产量1.3万亿斤上下", "1.3万亿斤", "上下", "万亿斤"},
		// Ranges, every dash.
		{"地区生产总值增长5%—5.5%", "5%—5.5%", "区间", "%"},
		{"地区生产总值增长5%——5.5%", "5%——5.5%", "区间", "%"},
		{"地区生产总值增长5%－5.5%", "5%－5.5%", "区间", "%"},
		{"地区生产总值增长5%-5.5%", "5%-5.5%", "区间", "%"},
		{"地区生产总值增长4.5-5%", "4.5-5%", "区间", "%"},
		{"地区生产总值增长5%至5.5%", "5%至5.5%", "区间", "%"},
		{"地区生产总值增长5%～5.5%", "5%～5.5%", "区间", "%"},
		{"地区生产总值增长5%~5.5%", "5%~5.5%", "区间", "%"},
		{"地区生产总值增长5–5.5%", "5–5.5%", "区间", "%"},
		{"地区生产总值增长5%到5.5%左右", "5%到5.5%", "左右", "%"},
		// Full width digits, point and percent sign, kept as written.
		{"地区生产总值增长５．５％以上", "５．５％", "以上", "%"},
		{"地区生产总值增长５％－５．５％", "５％－５．５％", "区间", "%"},
		// Units.
		{"专项债券3.9万亿元", "3.9万亿元", "", "万亿元"},
		{"城镇新增就业1200万人以上", "1200万人", "以上", "万人"},
		{"蔬菜产量稳定在200万吨左右", "200万吨", "稳定在…左右", "万吨"},
		{"建设高标准农田12万亩", "12万亩", "", "万亩"},
		{"新增轨道交通运营里程40公里以上", "40公里", "以上", "公里"},
		{"新建5个以上紧密型城市医疗集团", "5个", "以上", "个"},
		{"推进20个重点区域环境整治", "20个", "", "个"},
		{"单位GDP能耗降低2个百分点", "2个百分点", "", "个百分点"},
		{"外调绿电规模达450亿千瓦时", "450亿千瓦时", "", "亿千瓦时"},
		{"人均地区生产总值突破1万美元", "1万美元", "", "万美元"},
		// What comes first is not always the value.
		{"PM2.5年均浓度35微克／立方米", "35微克／立方米", "", "微克/立方米"},
		{"2026年地区生产总值增长5%", "5%", "", "%"},
		{"重点把握好3个方面", "", "", ""},
		{"城乡居民收入增长与经济增长基本同步", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			m, ok := parseTargetMeasure(tt.in)
			if got, want := ok, tt.value != ""; got != want {
				t.Fatalf("parseTargetMeasure(%q) ok = %v, want %v (got %+v)", tt.in, got, want, m)
			}
			if m.Value != tt.value || m.Qualifier != tt.qualifier || m.Unit != tt.unit {
				t.Errorf("parseTargetMeasure(%q) = %q %q %q, want %q %q %q", tt.in, m.Value, m.Qualifier, m.Unit, tt.value, tt.qualifier, tt.unit)
			}
			if ok && !strings.Contains(tt.in, m.Value) {
				t.Errorf("value %q is not verbatim from %q", m.Value, tt.in)
			}
		})
	}
}

func TestTargetsParseClause(t *testing.T) {
	tests := []struct {
		in                          string
		indicator, value, qualifier string
	}{
		{"地区生产总值增长5.5%以上", "地区生产总值增长", "5.5%", "以上"},
		{"一般公共预算收入达到95亿元以上", "一般公共预算收入", "95亿元", "以上"},
		{"城镇登记失业率控制在3%以内", "城镇登记失业率", "3%", "控制在…以内"},
		{"全省地区生产总值增长6%左右", "地区生产总值增长", "6%", "左右"},
		{"一是地区生产总值增长6%左右", "地区生产总值增长", "6%", "左右"},
		{"——城镇新增就业1200万人以上", "城镇新增就业", "1200万人", "以上"},
		{"（1）单位GDP能耗降低2.5%左右", "单位GDP能耗降低", "2.5%", "左右"},
		{"赤字率拟按4%左右安排", "赤字率", "4%", "左右"},
		{"地区生产总值按增长5%安排", "地区生产总值增长", "5%", ""},
		{"全市生产总值按照增长6%左右安排", "生产总值增长", "6%", "左右"},
		{"拟安排地方政府专项债券4.4万亿元", "地方政府专项债券", "4.4万亿元", ""},
		{"“城镇调查失业率”5.5%左右", "城镇调查失业率", "5.5%", "左右"},
		{"城乡居民收入增长与经济增长基本同步", "城乡居民收入增长", "", "与经济增长基本同步"},
		{"居民收入增长和经济增长同步", "居民收入增长", "", "和经济增长同步"},
		{"节能减排降碳和大气质量、水环境质量完成省市明确的既定目标", "节能减排降碳和大气质量、水环境质量", "", "完成省市明确的既定目标"},
		{"能源、水资源、碳排放等指标达到国家要求", "能源、水资源、碳排放等指标", "", "达到国家要求"},
		{"按照国家要求完成节能减排降碳任务", "节能减排降碳", "", "按照国家要求完成节能减排降碳任务"},
		{"国际收支保持基本平衡", "国际收支", "", "保持基本平衡"},
		{"生态环境质量持续改善", "生态环境质量", "", "持续改善"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := parseTarget(tt.in)
			if !ok {
				t.Fatalf("parseTarget(%q) not ok", tt.in)
			}
			if got.Indicator != tt.indicator || got.Value != tt.value || got.Qualifier != tt.qualifier || got.Text != tt.in {
				t.Errorf("parseTarget(%q) = %q %q %q %q, want %q %q %q", tt.in, got.Indicator, got.Value, got.Qualifier, got.Text, tt.indicator, tt.value, tt.qualifier)
			}
		})
	}
	for _, in := range []string{"", "在实际工作中全力争取更好结果", "5%左右"} {
		if got, ok := parseTarget(in); ok {
			t.Errorf("parseTarget(%q) = %+v, want not ok", in, got)
		}
	}
}

func TestTargetsIndicatorKey(t *testing.T) {
	tests := []struct {
		in   string
		name string
		dir  int
	}{
		{"地区生产总值增长", "生产总值", 1},
		{"GDP增速", "生产总值", 1},
		{"全市地区生产总值", "生产总值", 0},
		{"地方一般公共预算收入增长", "一般公共预算收入", 1},
		{"居民消费价格涨幅", "居民消费价格", 1},
		{"居民消费价格上涨", "居民消费价格", 1},
		{"单位ＧＤＰ能耗降低", "单位生产总值能耗", -1},
		{"单位地区生产总值能耗下降", "单位生产总值能耗", -1},
		{"城镇调查失业率平均值", "城镇调查失业率", 0},
		{"居民人均可支配收入实际增长", "居民人均可支配收入", 1},
		{"人均地区生产总值", "人均生产总值", 0},
	}
	for _, tt := range tests {
		if name, dir := indicatorKey(tt.in); name != tt.name || dir != tt.dir {
			t.Errorf("indicatorKey(%q) = %q, %d; want %q, %d", tt.in, name, dir, tt.name, tt.dir)
		}
	}
}

// paras builds a report from paragraph texts, numbered from 1.
func paras(year int, texts ...string) *Report {
	r := &Report{Year: year}
	for _, s := range texts {
		r.Paragraphs = append(r.Paragraphs, Paragraph{N: len(r.Paragraphs) + 1, Text: s})
	}
	return r
}

// row is a target flattened for comparison.
type row struct {
	Ind, Value, Qual, Text string
	N                      int
	Sec                    bool
	Prev                   string // "value@N" or ""
}

func rows(ts []Target) []row {
	out := []row{}
	for _, t := range ts {
		r := row{t.Indicator, t.Value, t.Qualifier, t.Text, t.Paragraph, t.Secondary, ""}
		if t.Previous != nil {
			r.Prev = fmt.Sprintf("%s@%d", t.Previous.Value, t.Previous.Paragraph)
		}
		out = append(out, r)
	}
	return out
}

const zhenhaiTargets = "建议2023年经济社会发展的主要预期目标为:地区生产总值增长5.5%以上;一般公共预算收入达到95亿元以上;城乡居民收入增长与经济增长基本同步,城乡居民收入比持续缩小;城镇登记失业率控制在3%以内;节能减排降碳和大气质量、水环境质量完成省市明确的既定目标。"

var zhenhaiRows = []row{
	{"地区生产总值增长", "5.5%", "以上", "地区生产总值增长5.5%以上", 3, false, ""},
	{"一般公共预算收入", "95亿元", "以上", "一般公共预算收入达到95亿元以上", 3, false, ""},
	{"城乡居民收入增长", "", "与经济增长基本同步", "城乡居民收入增长与经济增长基本同步,城乡居民收入比持续缩小", 3, false, ""},
	{"城镇登记失业率", "3%", "控制在…以内", "城镇登记失业率控制在3%以内", 3, false, ""},
	{"节能减排降碳和大气质量、水环境质量", "", "完成省市明确的既定目标", "节能减排降碳和大气质量、水环境质量完成省市明确的既定目标", 3, false, ""},
}

func TestTargetsZhenhaiFive(t *testing.T) {
	r := paras(2023,
		"二、2023年工作安排",
		"今年政府工作的指导思想是:以习近平新时代中国特色社会主义思想为指导,推动经济实现质的有效提升和量的合理增长。",
		zhenhaiTargets,
		"我们要深刻认识到,实现上述目标的压力依然较大。做好今年工作,重点把握好三个方面。")
	if diff := cmp.Diff(zhenhaiRows, rows(Targets(r))); diff != "" {
		t.Errorf("Targets mismatch (-want +got):\n%s", diff)
	}
	// The same paragraph in full-width punctuation and digits gives the same
	// targets, with values still as written.
	fw := strings.NewReplacer(":", "：", ";", "；", ",", "，", "5.5%", "５．５％", "95", "９５").Replace(zhenhaiTargets)
	got := Targets(paras(2023, fw))
	if len(got) != 5 {
		t.Fatalf("full-width: got %d targets, want 5: %+v", len(got), rows(got))
	}
	if got[0].Value != "５．５％" || got[0].Qualifier != "以上" || got[1].Value != "９５亿元" {
		t.Errorf("full-width values = %q %q %q, want ５．５％ 以上 ９５亿元", got[0].Value, got[0].Qualifier, got[1].Value)
	}
	if got[2].Text != "城乡居民收入增长与经济增长基本同步，城乡居民收入比持续缩小" {
		t.Errorf("full-width gloss not kept with its target: %q", got[2].Text)
	}
}

func TestTargetsNone(t *testing.T) {
	tests := map[string]*Report{
		"nil":   nil,
		"empty": {},
		"no targets": paras(2026,
			"过去一年，地区生产总值增长5.4%。",
			"今年要扎实推进各项工作，新增就业岗位10万个。"),
		// A five-year plan's goals are not the year's targets.
		"plan period only": paras(2026,
			"“十五五”时期经济社会发展的主要目标是：地区生产总值年均增长5%左右，科技自立自强水平大幅提高。"),
		"plan period heading": paras(2026,
			"“十五五”时期经济社会发展的",
			"主要目标",
			"是：地区生产总值年均增长5%左右，高质量发展取得显著成效。"),
		"last year's targets": paras(2026,
			"2025年主要预期目标是：地区生产总值增长5%左右。"),
		"a lead-in with nothing to parse": paras(2026, "今年主要预期目标是：坚持稳中求进。"),
		"目标为 inside a phrase":             paras(2026, "坚持以实现预期目标为导向，全年投资增长5%。"),
	}
	for name, r := range tests {
		t.Run(name, func(t *testing.T) {
			got := Targets(r)
			if got == nil || len(got) != 0 {
				t.Errorf("Targets = %#v, want an empty non-nil slice", got)
			}
		})
	}
}

func TestTargetsLayouts(t *testing.T) {
	want := []row{
		{"地区生产总值增长", "4.5%—5%", "区间", "地区生产总值增长4.5%—5%，在实际工作中全力争取更好结果", 3, false, ""},
		{"地方一般公共预算收入增长", "3%", "左右", "地方一般公共预算收入增长3%左右", 3, false, ""},
		{"居民收入增长", "", "与经济增长同步", "居民收入增长与经济增长同步", 3, false, ""},
	}
	items := "是：地区生产总值增长4.5%—5%，在实际工作中全力争取更好结果；地方一般公共预算收入增长3%左右；居民收入增长与经济增长同步。这样的目标，是立足发展所需提出来的。"
	t.Run("lead-in broken over lines", func(t *testing.T) {
		r := paras(2026, "2026年是“十五五”第一年，开好局起好步十分重要。今年经济社会发展的", "主要预期目标", items)
		if diff := cmp.Diff(want, rows(Targets(r))); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})
	t.Run("lead-in as heading", func(t *testing.T) {
		r := paras(2026, "开好局起好步十分重要。今年经济社会发展的", "重点工作如下。", items)
		r.Paragraphs[1].Text = "今年经济社会发展的"
		for i := range r.Paragraphs {
			r.Paragraphs[i].Section = []string{"三、2026年工作安排"}
		}
		r.Paragraphs[2].Section = []string{"三、2026年工作安排", "主要预期目标"}
		if diff := cmp.Diff(want, rows(Targets(r))); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})
	t.Run("one item per paragraph", func(t *testing.T) {
		r := paras(2026,
			"今年发展的主要预期目标是：",
			"——地区生产总值增长5%左右；",
			"——城镇新增就业1200万人以上，城镇调查失业率5.5%左右；",
			"——居民收入增长和经济增长同步。",
			"实现上述目标，需要付出艰苦努力。城镇新增就业1200万人以上。")
		want := []row{
			{"地区生产总值增长", "5%", "左右", "地区生产总值增长5%左右", 2, false, ""},
			{"城镇新增就业", "1200万人", "以上", "城镇新增就业1200万人以上", 3, false, ""},
			{"城镇调查失业率", "5.5%", "左右", "城镇调查失业率5.5%左右", 3, false, ""},
			{"居民收入增长", "", "和经济增长同步", "居民收入增长和经济增长同步", 4, false, ""},
		}
		if diff := cmp.Diff(want, rows(Targets(r))); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})
	t.Run("numbered items in one paragraph", func(t *testing.T) {
		r := paras(2026, "今年主要预期目标是：1.地区生产总值增长6%左右；2.城镇新增就业1200万人以上。")
		want := []row{
			{"地区生产总值增长", "6%", "左右", "地区生产总值增长6%左右", 1, false, ""},
			{"城镇新增就业", "1200万人", "以上", "城镇新增就业1200万人以上", 1, false, ""},
		}
		if diff := cmp.Diff(want, rows(Targets(r))); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
		if got := listMarkerLen("2.5%左右"); got != 0 {
			t.Errorf("listMarkerLen(2.5%%左右) = %d, want 0", got)
		}
	})
	t.Run("the year's statement wins over a plan period's", func(t *testing.T) {
		r := paras(2026,
			"《纲要草案》提出的主要目标是：地区生产总值年均增长5%左右。",
			"今年主要预期目标是：国内生产总值增长5%左右；国际收支保持基本平衡；单位国内生产总值能耗降低2.5%左右，生态环境质量持续改善。")
		want := []row{
			{"国内生产总值增长", "5%", "左右", "国内生产总值增长5%左右", 2, false, ""},
			{"国际收支", "", "保持基本平衡", "国际收支保持基本平衡", 2, false, ""},
			{"单位国内生产总值能耗降低", "2.5%", "左右", "单位国内生产总值能耗降低2.5%左右", 2, false, ""},
			{"生态环境质量", "", "持续改善", "生态环境质量持续改善", 2, false, ""},
		}
		if diff := cmp.Diff(want, rows(Targets(r))); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})
}

func TestTargetsMoreLayouts(t *testing.T) {
	t.Run("heading is the lead-in", func(t *testing.T) {
		r := paras(2024,
			"坚持稳中求进工作总基调。",
			"1.地区生产总值增长6%左右；",
			"2.一般公共预算收入增长5%以上。",
			"（二）重点工作",
			"全力扩大有效投资。")
		for i := range r.Paragraphs {
			r.Paragraphs[i].Section = []string{"二、2024年工作安排"}
		}
		r.Paragraphs[1].Section = []string{"二、2024年工作安排", "（一）主要预期目标"}
		r.Paragraphs[2].Section = r.Paragraphs[1].Section
		want := []row{
			{"地区生产总值增长", "6%", "左右", "地区生产总值增长6%左右", 2, false, ""},
			{"一般公共预算收入增长", "5%", "以上", "一般公共预算收入增长5%以上", 3, false, ""},
		}
		if diff := cmp.Diff(want, rows(Targets(r))); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
		// The same layout under a plan-period heading is not the year's.
		for i := range r.Paragraphs {
			r.Paragraphs[i].Section[0] = "二、“十五五”时期主要目标"
		}
		if got := Targets(r); len(got) != 0 {
			t.Errorf("plan-period heading gave %v", rows(got))
		}
	})
	t.Run("目标任务 lead-in and a gloss that cannot stand alone", func(t *testing.T) {
		r := paras(2024,
			"过去一年，居民消费价格指数上涨0.3%，全区生产总值增长4.1%。",
			"今年全区经济社会发展的目标任务是：GDP增长5.5%以上，确保完成市下达目标；居民消费价格涨幅3%左右。",
			"去年城镇新增就业2.1万人。今年城镇新增就业2万人以上。")
		want := []row{
			{"GDP增长", "5.5%", "以上", "GDP增长5.5%以上，确保完成市下达目标", 2, false, "4.1%@1"},
			{"居民消费价格涨幅", "3%", "左右", "居民消费价格涨幅3%左右", 2, false, "0.3%@1"},
			{"城镇新增就业", "2万人", "以上", "今年城镇新增就业2万人以上", 3, true, ""},
		}
		if diff := cmp.Diff(want, rows(Targets(r))); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})
}

// TestTargetsNationalStyle runs a State Council style report: 国内生产总值,
// a review stating 超过…、增长…, and fiscal targets in the plan.
func TestTargetsNationalStyle(t *testing.T) {
	r := paras(2024,
		"一、2023年工作回顾",
		"过去一年，国内生产总值超过126万亿元，增长5.2%，增速居世界主要经济体前列。城镇新增就业1244万人，年末城镇调查失业率5.1%。居民消费价格上涨0.2%。粮食产量1.39万亿斤。",
		"今年发展主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人以上，城镇调查失业率5.5%左右；居民消费价格涨幅3%左右；居民收入增长和经济增长同步；国际收支保持基本平衡；粮食产量1.3万亿斤以上；单位国内生产总值能耗降低2.5%左右，生态环境质量持续改善。",
		"赤字率拟按3%安排，赤字规模4.06万亿元，比上年年初预算增加1800亿元。拟安排地方政府专项债券3.9万亿元，比上年增加1000亿元。",
	)
	want := []row{
		{"国内生产总值增长", "5%", "左右", "国内生产总值增长5%左右", 3, false, "5.2%@2"},
		{"城镇新增就业", "1200万人", "以上", "城镇新增就业1200万人以上", 3, false, "1244万人@2"},
		{"城镇调查失业率", "5.5%", "左右", "城镇调查失业率5.5%左右", 3, false, "5.1%@2"},
		{"居民消费价格涨幅", "3%", "左右", "居民消费价格涨幅3%左右", 3, false, "0.2%@2"},
		{"居民收入增长", "", "和经济增长同步", "居民收入增长和经济增长同步", 3, false, ""},
		{"国际收支", "", "保持基本平衡", "国际收支保持基本平衡", 3, false, ""},
		{"粮食产量", "1.3万亿斤", "以上", "粮食产量1.3万亿斤以上", 3, false, "1.39万亿斤@2"},
		{"单位国内生产总值能耗降低", "2.5%", "左右", "单位国内生产总值能耗降低2.5%左右", 3, false, ""},
		{"生态环境质量", "", "持续改善", "生态环境质量持续改善", 3, false, ""},
		{"赤字率", "3%", "", "赤字率拟按3%安排", 4, true, ""},
		{"赤字规模", "4.06万亿元", "", "赤字规模4.06万亿元", 4, true, ""},
		{"地方政府专项债券", "3.9万亿元", "", "拟安排地方政府专项债券3.9万亿元", 4, true, ""},
	}
	if diff := cmp.Diff(want, rows(Targets(r))); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestTargetsPreviousAndSecondary(t *testing.T) {
	r := paras(2026,
		"过去一年，全市地区生产总值5.2万亿元、增长5.4%，人均地区生产总值增长6%；一般公共预算收入增长4.8%，城镇调查失业率4.1%，居民消费价格下降0.3%。实现粮食产量732.5亿斤，城乡居民人均可支配收入分别增长4.4%、5.6%。",
		"过去五年，城镇新增就业522万人，森林覆盖率达到45%。",
		"今年主要预期目标是：地区生产总值增长5%—5.5%；一般公共预算收入增长4%左右；城镇调查失业率控制在5%以内；居民消费价格涨幅2%左右；城乡居民人均可支配收入增长5%；粮食产量730亿斤以上。",
		"促进高质量充分就业。城镇新增就业不少于28万人。赤字率拟按3%左右安排，拟安排地方政府专项债券3.9万亿元。确保粮食产量稳定在730亿斤以上。新建学校20所。到2030年，研发投入强度达到4%。",
	)
	want := []row{
		{"地区生产总值增长", "5%—5.5%", "区间", "地区生产总值增长5%—5.5%", 3, false, "5.4%@1"},
		{"一般公共预算收入增长", "4%", "左右", "一般公共预算收入增长4%左右", 3, false, "4.8%@1"},
		{"城镇调查失业率", "5%", "控制在…以内", "城镇调查失业率控制在5%以内", 3, false, "4.1%@1"},
		// Last year's CPI fell: a fall is never paired with a rise.
		{"居民消费价格涨幅", "2%", "左右", "居民消费价格涨幅2%左右", 3, false, ""},
		// 分别 gives two figures for two groups: no pairing.
		{"城乡居民人均可支配收入增长", "5%", "", "城乡居民人均可支配收入增长5%", 3, false, ""},
		{"粮食产量", "730亿斤", "以上", "粮食产量730亿斤以上", 3, false, "732.5亿斤@1"},
		// Secondary: the five-year figure is no previous; the plan-period
		// sentence is no target; the repeat of 粮食产量 is dropped.
		{"城镇新增就业", "28万人", "不少于", "城镇新增就业不少于28万人", 4, true, ""},
		{"赤字率", "3%", "左右", "赤字率拟按3%左右安排", 4, true, ""},
		{"地方政府专项债券", "3.9万亿元", "", "拟安排地方政府专项债券3.9万亿元", 4, true, ""},
	}
	got := Targets(r)
	if diff := cmp.Diff(want, rows(got)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if len(got) > 0 && got[0].Previous != nil {
		if got, want := got[0].Previous.Text, "全市地区生产总值5.2万亿元、增长5.4%"; got != want {
			t.Errorf("previous text = %q, want %q", got, want)
		}
	}
}

func ExampleTargets() {
	r := &Report{Year: 2026, Paragraphs: []Paragraph{
		{N: 1, Text: "过去一年，地区生产总值增长5.4%。"},
		{N: 2, Text: "今年经济社会发展主要预期目标是：地区生产总值增长5%左右，城镇调查失业率控制在5%以内，居民收入增长和经济增长同步。"},
	}}
	for _, t := range Targets(r) {
		fmt.Printf("%s | %s | %s | §%d", t.Indicator, t.Value, t.Qualifier, t.Paragraph)
		if t.Previous != nil {
			fmt.Printf(" | last year %s §%d", t.Previous.Value, t.Previous.Paragraph)
		}
		fmt.Println()
	}
	// Output:
	// 地区生产总值增长 | 5% | 左右 | §2 | last year 5.4% §1
	// 城镇调查失业率 | 5% | 控制在…以内 | §2
	// 居民收入增长 |  | 和经济增长同步 | §2
}

func TestTargetGoal(t *testing.T) {
	tests := []struct {
		value, qualifier, want string
	}{
		{"5.5%", "以上", "5.5%以上"},
		{"3%", "控制在…以内", "控制在3%以内"},
		{"28万人", "不少于", "不少于28万人"},
		{"4.5%—5%", "区间", "4.5%—5%"},
		{"85万人", "", "85万人"},
		{"29微克/立方米", "控制在", "控制在29微克/立方米"},
		{"", "与经济增长基本同步", "与经济增长基本同步"},
	}
	for _, tt := range tests {
		if got := (Target{Value: tt.value, Qualifier: tt.qualifier}).Goal(); got != tt.want {
			t.Errorf("Goal(%q, %q) = %q, want %q", tt.value, tt.qualifier, got, tt.want)
		}
	}
}

// TestTargetsRun covers the shapes a targets statement takes beyond one
// sentence: several sentences of items, a lead-in sentence with the items
// after it, items one per paragraph with more than one sentence each, and
// where the run ends.
func TestTargetsRun(t *testing.T) {
	tests := []struct {
		name  string
		paras []string
		want  []row
	}{
		{
			name:  "several sentences each with items, then a back-reference",
			paras: []string{"今年全县发展主要预期目标是：县域生产总值增长6%左右，争取更好。农业增加值增长3.5%，工业增加值增长7%以上。一般公共预算收入增长4%左右，城镇登记失业率3.5%以内。实现上述目标，需要付出更大努力。"},
			want: []row{
				{"县域生产总值增长", "6%", "左右", "县域生产总值增长6%左右，争取更好", 1, false, ""},
				{"农业增加值增长", "3.5%", "", "农业增加值增长3.5%", 1, false, ""},
				{"工业增加值增长", "7%", "以上", "工业增加值增长7%以上", 1, false, ""},
				{"一般公共预算收入增长", "4%", "左右", "一般公共预算收入增长4%左右", 1, false, ""},
				{"城镇登记失业率", "3.5%", "以内", "城镇登记失业率3.5%以内", 1, false, ""},
			},
		},
		{
			name:  "lead-in sentence, items in the sentences after it, a qualitative last item",
			paras: []string{"综合各方面情况，今年主要预期目标为：生产总值增长5%以上。外贸进出口总额增长2%，实际使用外资8亿美元。污染减排、耕地保护等指标全面完成上级下达任务。做好今年工作，要把握好三点。"},
			want: []row{
				{"生产总值增长", "5%", "以上", "生产总值增长5%以上", 1, false, ""},
				{"外贸进出口总额增长", "2%", "", "外贸进出口总额增长2%", 1, false, ""},
				{"实际使用外资", "8亿美元", "", "实际使用外资8亿美元", 1, false, ""},
				{"污染减排、耕地保护等指标", "", "全面完成上级下达任务", "污染减排、耕地保护等指标全面完成上级下达任务", 1, false, ""},
			},
		},
		{
			name:  "the run stops at a sentence about doing, not measuring",
			paras: []string{"今年主要预期目标是：地区生产总值增长5.5%左右。我们要持续优化营商环境，城镇新增就业3万人。"},
			want: []row{
				{"地区生产总值增长", "5.5%", "左右", "地区生产总值增长5.5%左右", 1, false, ""},
			},
		},
		{
			name:  "the run stops at a plan period's sentence",
			paras: []string{"今年主要预期目标是：地区生产总值增长5%左右。到2030年，研发投入强度达到3%。"},
			want: []row{
				{"地区生产总值增长", "5%", "左右", "地区生产总值增长5%左右", 1, false, ""},
			},
		},
		{
			name: "items one per paragraph, each of two sentences",
			paras: []string{
				"今年经济社会发展的主要预期目标是：",
				"——经济增长：地区生产总值增长5.5%。规模以上工业增加值增长6%左右。",
				"——就业和物价：城镇调查失业率5.5%以内。居民消费价格涨幅2%左右。",
				"确定这些目标，统筹了需要和可能。",
			},
			want: []row{
				{"地区生产总值增长", "5.5%", "", "地区生产总值增长5.5%", 2, false, ""},
				{"规模以上工业增加值增长", "6%", "左右", "规模以上工业增加值增长6%左右", 2, false, ""},
				{"城镇调查失业率", "5.5%", "以内", "城镇调查失业率5.5%以内", 3, false, ""},
				{"居民消费价格涨幅", "2%", "左右", "居民消费价格涨幅2%左右", 3, false, ""},
			},
		},
		{
			name:  "分别: one target per name, a shared tail written once",
			paras: []string{"今年主要预期目标是：第一、第二、第三产业增加值分别增长4%、6%以上、5.5%左右；城镇和农村居民收入分别增长5%、6%；城乡居民人均可支配收入分别增长4.5%。"},
			want: []row{
				{"第一产业增加值增长", "4%", "", "第一、第二、第三产业增加值分别增长4%、6%以上、5.5%左右", 1, false, ""},
				{"第二产业增加值增长", "6%", "以上", "第一、第二、第三产业增加值分别增长4%、6%以上、5.5%左右", 1, false, ""},
				{"第三产业增加值增长", "5.5%", "左右", "第一、第二、第三产业增加值分别增长4%、6%以上、5.5%左右", 1, false, ""},
				{"城镇居民收入增长", "5%", "", "城镇和农村居民收入分别增长5%、6%", 1, false, ""},
				{"农村居民收入增长", "6%", "", "城镇和农村居民收入分别增长5%、6%", 1, false, ""},
				// One name, one figure: nothing to pair up, so no value.
				{"城乡居民人均可支配收入", "", "分别增长4.5%", "城乡居民人均可支配收入分别增长4.5%", 1, false, ""},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := paras(2026, tt.paras...)
			if diff := cmp.Diff(tt.want, rows(Targets(r))); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestTargetsReviewScope pins how last year's results are told from a
// period's: by each sentence's own time markers, carried on, with the
// heading only as a fallback.
func TestTargetsReviewScope(t *testing.T) {
	const targets = "今年主要预期目标是：地区生产总值增长5%左右；一般公共预算收入增长3%左右；固定资产投资增长4%；城镇新增就业8万人；工业增加值增长6%。"
	t.Run("last year's sentence under a plan-period heading", func(t *testing.T) {
		r := paras(2026,
			"五年来，全市生产总值年均增长6.1%，一般公共预算收入增长40%。",
			"刚刚过去的2025年，我们顶住压力、稳中求进。全市生产总值增长5.2%，一般公共预算收入增长2.5%。累计新增就业40万人。固定资产投资增长3%。",
			"这五年，城镇新增就业45万人，工业增加值增长35%。",
			targets)
		for i := 0; i < 3; i++ {
			r.Paragraphs[i].Section = []string{"一、“十四五”时期发展回顾"}
		}
		r.Paragraphs[3].Section = []string{"二、2026年工作安排"}
		want := []string{"5.2%@2", "2.5%@2", "3%@2", "", ""}
		var got []string
		for _, x := range rows(Targets(r)) {
			got = append(got, x.Prev)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("previous (-want +got):\n%s", diff)
		}
	})
	t.Run("unmarked paragraphs: the voice of their outline level", func(t *testing.T) {
		r := paras(2026,
			"过去一年，经济回升向好。",
			"全市生产总值增长5.1%。",
			"一般公共预算收入增长9%，城镇新增就业30万人。",
			"固定资产投资增长7%。",
			targets)
		sec := [][]string{
			{"一、2025年和“十四五”工作回顾"},
			{"一、2025年和“十四五”工作回顾", "（一）稳增长"},    // no scope of its own: §1's voice
			{"一、2025年和“十四五”工作回顾", "这是民生改善的五年"}, // the heading decides
			{"一、2025年和“十四五”工作回顾", "（三）投资"},     // a sibling: §1's voice again
			{"二、2026年工作安排"},
		}
		for i := range r.Paragraphs {
			r.Paragraphs[i].Section = sec[i]
		}
		want := []string{"5.1%@2", "", "7%@4", "", ""}
		var got []string
		for _, x := range rows(Targets(r)) {
			got = append(got, x.Prev)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("previous (-want +got):\n%s", diff)
		}
	})
	t.Run("分别 and 、 pair figure by figure", func(t *testing.T) {
		r := paras(2026,
			"过去一年，第一、第二产业增加值分别增长3%、7.5%，粮食播种面积120万亩、总产量9.8亿斤。",
			"今年主要预期目标是：第一产业增加值增长3.5%，第二产业增加值增长7%左右。",
			"稳定粮食生产，确保粮食播种面积118万亩、总产量9.5亿斤以上。")
		want := []row{
			{"第一产业增加值增长", "3.5%", "", "第一产业增加值增长3.5%", 2, false, "3%@1"},
			{"第二产业增加值增长", "7%", "左右", "第二产业增加值增长7%左右", 2, false, "7.5%@1"},
			{"粮食播种面积", "118万亩", "", "确保粮食播种面积118万亩", 3, true, "120万亩@1"},
			{"粮食总产量", "9.5亿斤", "以上", "确保粮食播种面积118万亩、总产量9.5亿斤以上", 3, true, "9.8亿斤@1"},
		}
		if diff := cmp.Diff(want, rows(Targets(r))); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})
}
