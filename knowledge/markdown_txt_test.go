package knowledge_test

import (
	"strings"
	"testing"

	"github.com/reportbot/reportbot/knowledge"
)

// TestMarkdownSavedAsText: Markdown saved as .txt is read as Markdown, so
// its headings are headings and its front matter no text.
func TestMarkdownSavedAsText(t *testing.T) {
	body := "**2019年1月27日在示例省第十三届人民代表大会第二次会议上**\n\n**示例省人民政府省长 张三**\n\n各位代表：\n\n现在，我代表省人民政府，向大会报告工作。\n\n" +
		"## 一、2018年工作回顾\n\n过去一年，全省生产总值增长6%。\n\n## 二、2019年工作安排\n\n今年主要预期目标是：生产总值增长6%左右。\n"
	for name, data := range map[string]string{
		"headings":     body,
		"front matter": "---\nsource: https://example.gov.cn/a.html\ntitle: 2019年政府工作报告\n---\n\n" + strings.ReplaceAll(body, "## ", "**"),
	} {
		t.Run(name, func(t *testing.T) {
			r, err := knowledge.Parse("report.txt", []byte(data))
			if err != nil {
				t.Fatal(err)
			}
			var plan *knowledge.Paragraph
			for i, p := range r.Paragraphs {
				if strings.Contains(p.Text, "---") || strings.Contains(p.Text, "source:") || strings.Contains(p.Text, "##") {
					t.Errorf("markup left in §%d: %q", p.N, p.Text)
				}
				if strings.Contains(p.Text, "6%左右") {
					plan = &r.Paragraphs[i]
				}
			}
			if plan == nil || !strings.Contains(plan.SectionPath(), "2019年工作安排") {
				t.Errorf("plan paragraph %+v lacks its heading", plan)
			}
		})
	}
	r, err := knowledge.Parse("plain.txt", []byte("示例市政府工作报告\n各位代表：\n现在，我代表市人民政府，向大会报告工作，请予审议。\n#1号文件去年印发，全市生产总值增长6%，一般公共预算收入增长4%。\n今年主要预期目标是：生产总值增长5%左右，城镇新增就业5万人以上。\n"))
	if err != nil {
		t.Fatal(err)
	}
	kept := false
	for _, p := range r.Paragraphs {
		kept = kept || strings.Contains(p.Text, "#1号文件")
	}
	if !kept {
		t.Errorf("plain text with one # line lost it: %+v", r.Paragraphs)
	}
}

// TestSpeakerLines: the speaker line is kept however the page sets it —
// after YAML front matter, with no place before the title, with an
// ideographic space.
func TestSpeakerLines(t *testing.T) {
	for name, tc := range map[string]struct{ data, speaker string }{
		"front matter, title alone":  {"---\nsource:\n- https://example.gov.cn/a\ntitle: 示例市政府工作报告\n---\n\n——2022年12月29日在示例市第八届人民代表大会第二次会议上\n\n市长 周振宇\n\n各位代表：\n\n现在，我代表市人民政府向大会报告工作。\n\n一、2022年工作回顾\n\n过去一年，全市生产总值增长5%，一般公共预算收入增长3%。\n", "市长 周振宇"},
		"glued to title and caption": {"\n        新华社北京3月22日电\n政府工作报告——2018年3月5日在第十三届全国人民代表大会第一次会议上国务院总理 李克强\n\n3月5日，第十三届全国人民代表大会第一次会议在北京人民大会堂开幕。国务院总理李克强作政府工作报告。新华社记者 姚大伟 摄\n各位代表：\n现在，我代表国务院，向大会报告过去五年政府工作。\n一、过去五年工作回顾\n五年来，国内生产总值年均增长7.1%。\n", "国务院总理 李克强"},
		"ideographic space":          {"政府工作报告\n——2019年3月5日在第十三届全国人民代表大会第二次会议上\n国务院总理\u3000李克强\n各位代表：\n现在，我代表国务院，向大会报告政府工作。\n一、2018年工作回顾\n过去一年，国内生产总值增长6.6%，总量突破90万亿元。\n", "国务院总理\u3000李克强"},
	} {
		t.Run(name, func(t *testing.T) {
			r, err := knowledge.Parse("report.txt", []byte(tc.data))
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, p := range r.Paragraphs {
				found = found || strings.Contains(p.Text, tc.speaker)
				if strings.Contains(p.Text, "source:") || strings.Contains(p.Text, "title:") {
					t.Errorf("front matter in §%d: %q", p.N, p.Text)
				}
			}
			if !found {
				t.Errorf("speaker line %q lost: %+v", tc.speaker, r.Paragraphs)
			}
		})
	}
}

// TestYearFromReviewHeading: 2018年政府工作回顾 reviews 2018, so the
// report plans 2019, whatever else its headings say.
func TestYearFromReviewHeading(t *testing.T) {
	data := "示例市政府工作报告\n各位代表：\n现在，我代表市人民政府，向大会报告工作。\n一、2018年政府工作回顾\n过去一年，全市生产总值增长6%，一般公共预算收入增长4%。\n二、今年工作安排\n今年主要预期目标是：生产总值增长6%左右。\n"
	r, err := knowledge.Parse("report.txt", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	if r.Year != 2019 {
		t.Errorf("year = %d, want 2019", r.Year)
	}
}

// TestNotesKept: an empty 附注： label at the end opens the report's own
// notes, which stay text.
func TestNotesKept(t *testing.T) {
	data := "示例市政府工作报告\n各位代表：\n现在，我代表市人民政府，向大会报告工作。\n一、2017年工作回顾\n过去一年，全市生产总值增长6%，推行“721工作法”，一般公共预算收入增长4%，城乡居民收入稳步增长，民生保障持续加强。\n二、2018年工作安排\n今年主要预期目标是：生产总值增长7.5%左右，城镇新增就业3万人以上，居民消费价格涨幅3%左右。\n附注：\n1“721工作法”：即70%的问题用服务手段解决、20%的问题用管理手段解决、10%的问题用执法手段解决。\n"
	r, err := knowledge.Parse("report.txt", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	last := r.Paragraphs[len(r.Paragraphs)-1].Text
	if !strings.Contains(last, "70%的问题用服务手段解决") {
		t.Errorf("notes dropped; last paragraph %q", last)
	}
}
