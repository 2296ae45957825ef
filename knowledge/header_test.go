package knowledge_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/reportbot/reportbot/knowledge"
)

// opening makes a report whose first paragraphs are lines, before a
// heading and a paragraph under it.
func opening(lines ...string) *knowledge.Report {
	r := &knowledge.Report{Title: "2026年示例市政府工作报告", Government: "示例市人民政府"}
	for i, l := range append(lines, "过去一年，全市经济稳中有进。") {
		p := knowledge.Paragraph{N: i + 1, Text: l, Sentences: knowledge.Sentences(l)}
		if i == len(lines) {
			p.Section = []string{"一、2025年工作回顾"}
			r.Sections = []*knowledge.Section{{Title: p.Section[0], Level: 1, First: p.N}}
		}
		r.Paragraphs = append(r.Paragraphs, p)
	}
	knowledge.Annotate(r)
	return r
}

func TestAnnotateDelivery(t *testing.T) {
	for _, tc := range []struct {
		name  string
		lines []string
		want  *knowledge.Fact
	}{
		{"with dash", []string{"——2026年1月25日在北京市第十六届人民代表大会第四次会议上", "北京市市长 殷勇"},
			&knowledge.Fact{Paragraph: 1, Text: "——2026年1月25日在北京市第十六届人民代表大会第四次会议上", Date: "2026-01-25", Venue: "北京市第十六届人民代表大会第四次会议"}},
		{"without dash", []string{"四川省人民政府省长 施小琳", "2026年2月3日在四川省第十四届人民代表大会第五次会议上"},
			&knowledge.Fact{Paragraph: 2, Text: "2026年2月3日在四川省第十四届人民代表大会第五次会议上", Date: "2026-02-03", Venue: "四川省第十四届人民代表大会第五次会议"}},
		{"horizontal bar", []string{"――2022年1月23日在保定市第十六届人民代表大会第二次会议上"},
			&knowledge.Fact{Paragraph: 1, Text: "――2022年1月23日在保定市第十六届人民代表大会第二次会议上", Date: "2022-01-23", Venue: "保定市第十六届人民代表大会第二次会议"}},
		{"in brackets", []string{"（2024年1月21日在河北省第十四届人民代表大会第二次会议上）"},
			&knowledge.Fact{Paragraph: 1, Text: "（2024年1月21日在河北省第十四届人民代表大会第二次会议上）", Date: "2024-01-21", Venue: "河北省第十四届人民代表大会第二次会议"}},
		{"meeting not at the end", []string{"2023年1月10日在市十七届人大二次会议上的报告"},
			&knowledge.Fact{Paragraph: 1, Text: "2023年1月10日在市十七届人大二次会议上的报告", Date: "2023-01-10"}},
		{"Chinese numerals", []string{"——二〇二一年一月十四日在宜昌市第六届人民代表大会第六次会议上", "市长 张家胜"},
			&knowledge.Fact{Paragraph: 1, Text: "——二〇二一年一月十四日在宜昌市第六届人民代表大会第六次会议上", Date: "2021-01-14", Venue: "宜昌市第六届人民代表大会第六次会议"}},
		{"Chinese numerals, horizontal bar", []string{"――二〇一九年一月九日在厦门市第十五届人民代表大会第三次会议上"},
			&knowledge.Fact{Paragraph: 1, Text: "――二〇一九年一月九日在厦门市第十五届人民代表大会第三次会议上", Date: "2019-01-09", Venue: "厦门市第十五届人民代表大会第三次会议"}},
		{"Chinese numerals with ○, month ten and more", []string{"（二○一七年十二月三十一日在示例县第十八届人民代表大会第二次会议上）"},
			&knowledge.Fact{Paragraph: 1, Text: "（二○一七年十二月三十一日在示例县第十八届人民代表大会第二次会议上）", Date: "2017-12-31", Venue: "示例县第十八届人民代表大会第二次会议"}},
		{"Chinese numerals, spaced", []string{"—— 二〇二〇年 二月 二十日在示例市第九届人民代表大会第五次会议上"},
			&knowledge.Fact{Paragraph: 1, Text: "—— 二〇二〇年 二月 二十日在示例市第九届人民代表大会第五次会议上", Date: "2020-02-20"}},
		{"full-width digits", []string{"——２０２４年１月２１日在示例市第十六届人民代表大会第三次会议上"},
			&knowledge.Fact{Paragraph: 1, Text: "——２０２４年１月２１日在示例市第十六届人民代表大会第三次会议上", Date: "2024-01-21", Venue: "示例市第十六届人民代表大会第三次会议"}},
		{"no such day", []string{"——二〇二一年十三月十四日在示例市第六届人民代表大会第六次会议上"},
			&knowledge.Fact{Paragraph: 1, Text: "——二〇二一年十三月十四日在示例市第六届人民代表大会第六次会议上", Venue: "示例市第六届人民代表大会第六次会议"}},
		{"a year in Chinese numerals is no date", []string{"二〇三五年远景目标在示例市会议上提出"}, nil},
		{"none", []string{"北京市市长 殷勇"}, nil},
		{"salutation is no delivery line", []string{"各位代表：现在，我代表市人民政府，向大会报告工作，请予审议。"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, opening(tc.lines...).Delivery); diff != "" {
				t.Errorf("Delivery (-want +got):\n%s", diff)
			}
		})
	}
}

func TestAnnotateSpeakers(t *testing.T) {
	for _, tc := range []struct {
		name  string
		lines []string
		want  []knowledge.Fact
	}{
		{"byline with city", []string{"——2026年1月25日在北京市第十六届人民代表大会第四次会议上", "北京市市长 殷勇"},
			[]knowledge.Fact{{Paragraph: 2, Text: "北京市市长 殷勇", Office: "北京市市长", Name: "殷勇"}}},
		{"office alone", []string{"市长 周振宇"},
			[]knowledge.Fact{{Paragraph: 1, Text: "市长 周振宇", Office: "市长", Name: "周振宇"}}},
		{"ideographic space", []string{"国务院总理\u3000李克强"},
			[]knowledge.Fact{{Paragraph: 1, Text: "国务院总理\u3000李克强", Office: "国务院总理", Name: "李克强"}}},
		{"no space", []string{"省人民政府省长阮成发"},
			[]knowledge.Fact{{Paragraph: 1, Text: "省人民政府省长阮成发", Office: "省人民政府省长", Name: "阮成发"}}},
		{"caption", []string{"北京市市长 殷勇", "殷勇同志作政府工作报告。"}, []knowledge.Fact{
			{Paragraph: 1, Text: "北京市市长 殷勇", Office: "北京市市长", Name: "殷勇"},
			{Paragraph: 2, Text: "殷勇同志作政府工作报告。", Name: "殷勇", Caption: true}}},
		{"caption with office", []string{"自治区人民政府主席张雨浦作政府工作报告。"},
			[]knowledge.Fact{{Paragraph: 1, Text: "自治区人民政府主席张雨浦作政府工作报告。", Office: "自治区人民政府主席", Name: "张雨浦", Caption: true}}},
		{"caption on behalf", []string{"王正谱代表省人民政府作政府工作报告"},
			[]knowledge.Fact{{Paragraph: 1, Text: "王正谱代表省人民政府作政府工作报告", Name: "王正谱", Caption: true}}},
		{"salutation is no caption", []string{"各位代表：现在，我代表省人民政府向大会作政府工作报告，请予审议。"}, nil},
		{"a sentence is no caption", []string{"大会听取了李强作的政府工作报告。"}, nil},
		{"too long for a byline", []string{"这是一个很长很长很长很长很长的句子里面提到市长 周振宇"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, opening(tc.lines...).Speakers); diff != "" {
				t.Errorf("Speakers (-want +got):\n%s", diff)
			}
		})
	}
}

// TestAnnotateOpeningOnly checks that header facts come from before the
// first heading: a byline-shaped line in the body is no speaker.
func TestAnnotateOpeningOnly(t *testing.T) {
	r := opening("各位代表：现在，我代表市人民政府，向大会报告工作，请予审议。")
	r.Paragraphs = append(r.Paragraphs, knowledge.Paragraph{N: 3, Section: []string{"一、2025年工作回顾"}, Text: "示例市市长 张三"})
	knowledge.Annotate(r)
	if r.Speakers != nil || r.Delivery != nil {
		t.Errorf("Speakers = %v, Delivery = %v, want none from the body", r.Speakers, r.Delivery)
	}
}

// TestAnnotateIdempotent checks that Annotate on a parsed report (as
// Library does on a stored one) changes nothing.
func TestAnnotateIdempotent(t *testing.T) {
	r := loadTestReport(t, "beijing2026")
	before := *r
	knowledge.Annotate(r)
	if diff := cmp.Diff(before, *r); diff != "" {
		t.Errorf("Annotate changed a parsed report (-before +after):\n%s", diff)
	}
}

// TestHeaderFactsDevReports checks the header facts of every report of
// the development and held-out sets.
func TestHeaderFactsDevReports(t *testing.T) {
	for _, tc := range []struct {
		file     string
		venue    string   // "" when the report has no delivery line
		speakers []string // names, reading order
		places   []string // the first of Places
		within   []string
	}{
		{"reports/beijing2026.txt", "北京市第十六届人民代表大会第四次会议", []string{"殷勇", "殷勇"}, []string{"北京市", "市政府", "北京"}, nil},
		{"reports/guangdong2026.txt", "广东省第十四届人民代表大会第五次会议", []string{"孟凡利"}, []string{"广东省", "省政府", "广东"}, nil},
		{"reports/sichuan2026.txt", "四川省第十四届人民代表大会第五次会议", []string{"施小琳"}, []string{"四川省", "省政府", "四川"}, nil},
		{"reports/zhenhai2023.txt", "", nil, []string{"宁波市镇海区", "宁波镇海区", "宁波市镇海", "宁波镇海", "镇海区"}, []string{"宁波市", "宁波"}},
		{"heldout/hebei2026.txt", "河北省第十四届人民代表大会第四次会议", []string{"王正谱", "王正谱"}, []string{"河北省"}, nil},
		{"heldout/ningxia2026.txt", "宁夏回族自治区第十三届人民代表大会第四次会议", []string{"张雨浦", "张雨浦"}, []string{"宁夏回族自治区", "自治区政府", "自治区"}, nil},
		{"heldout/zhejiang2026.txt", "浙江省第十四届人民代表大会第四次会议", []string{"刘捷"}, []string{"浙江省"}, nil},
		{"heldout2/baoding2022.txt", "保定市第十六届人民代表大会第二次会议", []string{"闫继红"}, []string{"保定市"}, nil},
		{"heldout2/gaoyang2019.txt", "高阳县第十七届人民代表大会第三次会议", []string{"闫向阳"}, []string{"高阳县"}, nil},
		{"heldout2/hebei2024.txt", "河北省第十四届人民代表大会第二次会议", []string{"王正谱", "王正谱"}, []string{"河北省"}, nil},
		{"heldout3/changde2023.txt", "常德市第八届人民代表大会第二次会议", []string{"周振宇"}, []string{"常德市"}, nil},
		{"heldout3/national2019.txt", "第十三届全国人民代表大会第二次会议", []string{"李克强"}, nil, nil},
		{"heldout3/yunnan2019.txt", "云南省第十三届人民代表大会第二次会议", []string{"阮成发"}, []string{"云南省"}, nil},
		{"national2025.txt", "第十四届全国人民代表大会第三次会议", []string{"李强"}, nil, nil},
		{"heldout6/shaanxi2025.md", "陕西省第十四届人民代表大会第三次会议", []string{"赵刚"}, []string{"陕西省"}, nil},
		// Delivery lines dated in Chinese numerals (二〇一九年一月九日).
		{"heldout6/xiamen2019.md", "厦门市第十五届人民代表大会第三次会议", []string{"庄稼汉"}, []string{"厦门市"}, nil},
		{"heldout6/yichang2021.md", "宜昌市第六届人民代表大会第六次会议", []string{"张家胜"}, []string{"宜昌市"}, nil},
	} {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join("..", "testdata", filepath.FromSlash(tc.file))
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			r, err := knowledge.Parse(path, data)
			if err != nil {
				t.Fatal(err)
			}
			switch d := r.Delivery; {
			case tc.venue == "" && d != nil:
				t.Errorf("Delivery = %+v, want none", d)
			case tc.venue != "" && d == nil:
				t.Errorf("Delivery = nil, want venue %q", tc.venue)
			case d != nil:
				if d.Venue != tc.venue || d.Date != r.Date || d.Date == "" {
					t.Errorf("Delivery = %+v, want venue %q, date %q", d, tc.venue, r.Date)
				}
				if p, _ := r.Paragraph(d.Paragraph); p.Text != d.Text {
					t.Errorf("Delivery paragraph %d is %q, fact says %q", d.Paragraph, p.Text, d.Text)
				}
			}
			var names []string
			for _, s := range r.Speakers {
				names = append(names, s.Name)
				if p, _ := r.Paragraph(s.Paragraph); p.Text != s.Text {
					t.Errorf("speaker paragraph %d is %q, fact says %q", s.Paragraph, p.Text, s.Text)
				}
				if !strings.Contains(s.Text, s.Name) || !strings.Contains(s.Text, s.Office) {
					t.Errorf("speaker %+v: name or office not in the line", s)
				}
			}
			if diff := cmp.Diff(tc.speakers, names); diff != "" {
				t.Errorf("speaker names (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.places, r.Places[:min(len(tc.places), len(r.Places))]); diff != "" {
				t.Errorf("Places (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.within, r.Within); diff != "" {
				t.Errorf("Within (-want +got):\n%s", diff)
			}
		})
	}
}
