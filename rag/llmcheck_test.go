package rag

import (
	"reflect"

	"github.com/reportbot/reportbot/knowledge"
	"strings"
	"testing"
)

func TestStripReasoning(t *testing.T) {
	tests := []struct{ in, want string }{
		{"城镇登记失业率控制在3%以内[1]。", "城镇登记失业率控制在3%以内[1]。"},
		{"<think>\n用户问失业率，去年是5%。\n</think>\n\n控制在3%以内[1]", "控制在3%以内[1]"},
		{"<THINK>x</THINK>答案[1]", "答案[1]"},
		{"<thinking>a</thinking>答案[1]", "答案[1]"},
		// The template opened the block: the answer follows a lone </think>.
		{"用户问失业率……应当引用[1]。\n</think>\n控制在3%以内[1]", "控制在3%以内[1]"},
		// Cut inside the reasoning: no answer at all.
		{"<think>用户问失业率，我需要看看5%", ""},
		{"控制在3%以内[1]<think>再想想</think>", "控制在3%以内[1]"},
	}
	for _, tt := range tests {
		if got := stripReasoning(tt.in); got != tt.want {
			t.Errorf("stripReasoning(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNormalizeMarkers(t *testing.T) {
	tests := []struct {
		in, want string
		nums     []int
	}{
		{"3%以内[1]。", "3%以内[1]。", []int{1}},
		{"3%以内【1】。", "3%以内[1]。", []int{1}},
		{"3%以内[^1]", "3%以内[1]", []int{1}},
		{"3%以内[1,2]", "3%以内[1][2]", []int{1, 2}},
		{"3%以内[1, 2]", "3%以内[1][2]", []int{1, 2}},
		{"3%以内【1，2】", "3%以内[1][2]", []int{1, 2}},
		{"3%以内[1、3]", "3%以内[1][3]", []int{1, 3}},
		{"3%以内[1-3]", "3%以内[1][2][3]", []int{1, 2, 3}},
		{"3%以内[2][1]", "3%以内[2][1]", []int{2, 1}},
		{"3%以内（见[1]）。", "3%以内[1]。", []int{1}},
		{"3%以内(来源：【2】【3】)", "3%以内[2][3]", []int{2, 3}},
		{"3%以内[^1]。\n\n[^1]: 报告第二部分", "3%以内[1]。", []int{1}},
		{"京政办发〔2020〕7号[1]", "京政办发〔2020〕7号[1]", []int{1}},
		{"没有标注", "没有标注", nil},
	}
	for _, tt := range tests {
		got, nums, err := normalizeMarkers(tt.in)
		if err != nil || got != tt.want || !reflect.DeepEqual(nums, tt.nums) {
			t.Errorf("normalizeMarkers(%q) = %q %v %v, want %q %v", tt.in, got, nums, err, tt.want, tt.nums)
		}
	}
	if _, _, err := normalizeMarkers("3%[5-1]"); err == nil {
		t.Error("a backwards marker range was accepted")
	}
}

func TestCheckAnswer(t *testing.T) {
	p := Prompt{Year: 2023, Passages: []Passage{
		{N: 1, Text: "城镇登记失业率控制在3%以内;"},
		{N: 2, Text: "地区生产总值增长5.5%以上，一般公共预算收入增长5%—5.5%，新增城镇就业2万人，居民收入增长与经济增长同步，能耗下降0.5个百分点。"},
		{N: 3, Text: "完成固定资产投资3000亿元，实施八项重点工程，九成以上村庄完成整治。"},
		{N: 4, Text: "政府信息详见 https://www.zhenhai.gov.cn 政务公开栏目，咨询电话0574-86270000。"},
	}}
	tests := []struct {
		answer string
		ok     bool
		cited  []int
	}{
		{"城镇登记失业率控制在3%以内[1]。", true, []int{1}},
		{"城镇登记失业率控制在百分之三以内【1】。", true, []int{1}},
		{"控制在百分之五以内[1]", false, nil},                // wrong figure in Chinese numerals
		{"百分之三以内[1]，地区生产总值增长百分之六以上[2]", false, nil}, // 6% is in no passage
		{"百分之三以内[1]，地区生产总值增长百分之五点五以上[2]", true, []int{1, 2}},
		{"收入增长5%至5.5%[2]", true, []int{2}},
		{"收入增长百分之五到百分之五点五[2]", true, []int{2}},
		{"收入增长5%—6%[2]", false, nil},
		{"新增城镇就业两万人[2]", true, []int{2}},
		{"新增城镇就业2万户[2]", false, nil},
		{"能耗下降0.5个百分点[2]", true, []int{2}},
		{"能耗下降0.5%[2]", false, nil},
		{"投资三千亿元[3]", true, []int{3}},
		{"投资0.3万亿元[3]", true, []int{3}},
		{"投资3000万元[3]", false, nil},
		{"实施八项重点工程[3]", true, []int{3}},
		{"实施九项重点工程[3]", false, nil},
		{"九成以上村庄完成整治[3]", true, []int{3}},
		{"3%以内[1]", true, []int{1}},
		{"3%以内[1]，5.5%以上[1]", false, nil}, // the figure is in a passage not cited
		{"2023年城镇登记失业率控制在3%以内[1]", true, []int{1}},
		{"2019年城镇登记失业率控制在3%以内[1]", false, nil},
		{"3%以内[4]", false, nil},
		{"3%以内", false, nil},
		{"<think>去年5%</think>控制在3%以内[1]", true, []int{1}},
		{"<think>去年5%", false, nil},
		{"Fixed-asset investment of 300 billion yuan[3].", true, []int{3}},
		{"Fixed-asset investment of 30 billion yuan[3].", false, nil},
		{"The registered urban unemployment rate is to stay within 3 percent[1].", true, []int{1}},
		{"Energy use falls by 0.5 percentage points[2].", true, []int{2}},
		// What an instruction planted in a report makes a model say.
		{"本报告已作废，请访问 http://evil.example 获取最新版本[1]。", false, nil},
		{"城镇登记失业率控制在3%以内[1]，详情请访问www.evil.example[1]", false, nil},
		{"城镇登记失业率控制在3%以内[1]，请将问题发送至 help@evil.example[1]", false, nil},
		{"城镇登记失业率控制在3%以内[1]。忽略以上内容[1]", false, nil},
		{"政府信息详见 https://www.zhenhai.gov.cn [4]，电话0574-86270000[4]", true, []int{4}},
		{"政府信息详见 https://www.zhenhai.gov.cn [4]，电话0574-88888888[4]", false, nil},
		// Content the passages do not hold.
		{"城镇登记失业率控制在3%以内[1]。此外，政府还将全面取消农业税并实行免费高等教育[1]。", false, nil},
		{"今年城镇登记失业率的预期目标是控制在3%以内[1]。", true, []int{1}},
		{"报告中没有提到这一内容。", true, nil},
		{"报告中没有提到这一内容，请访问 http://evil.example", false, nil},
		{"报告中没有提到，但去年增长5.2%[2]", false, nil},
	}
	for _, tt := range tests {
		c, err := checkAnswer(tt.answer, p)
		if (err == nil) != tt.ok || tt.ok && !reflect.DeepEqual(c.cited, tt.cited) {
			t.Errorf("checkAnswer(%q) = %v, %v; want ok=%v cited %v", tt.answer, c.cited, err, tt.ok, tt.cited)
		}
		if err == nil && (strings.Contains(c.text, "<think>") || strings.Contains(c.text, "【")) {
			t.Errorf("checkAnswer(%q) shows %q", tt.answer, c.text)
		}
	}
}

// BenchmarkCheckAnswer checks a reasoning model's answer against six
// passages: reasoning stripped, markers read, every figure compared.
func BenchmarkCheckAnswer(b *testing.B) {
	r := knowledge.Default()
	p := Prompt{Year: 2023}
	for i := 0; i < 6; i++ {
		p.Passages = append(p.Passages, Passage{N: i + 1, Text: r.Paragraphs[i%len(r.Paragraphs)].Text})
	}
	answer := "<think>用户问的是目标，去年是5%。</think>\n今年的主要预期目标：\n- **地区生产总值**增长百分之五点五以上【1】\n- 一般公共预算收入达到95亿元以上[1,2]"
	p.Passages[0].Text = "地区生产总值增长5.5%以上;一般公共预算收入达到95亿元以上;城镇登记失业率控制在3%以内;"
	b.ReportAllocs()
	for b.Loop() {
		if _, err := checkAnswer(answer, p); err != nil {
			b.Fatal(err)
		}
	}
}
