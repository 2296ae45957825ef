package knowledge_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/reportbot/reportbot/knowledge"
)

// shapePara is a paragraph as a shape test pins it.
type shapePara struct{ Section, Text string }

func shapeParas(r *knowledge.Report) []shapePara {
	var out []shapePara
	for _, p := range r.Paragraphs {
		out = append(out, shapePara{p.SectionPath(), p.Text})
	}
	return out
}

const (
	salute = "各位代表：现在，我代表市人民政府，向大会报告工作，请予审议。"
	review = "过去一年，全市经济持续回升向好，地区生产总值增长5.2%，城镇新增就业5万人，民生事业全面进步。"
	task1  = "（一）推动产业升级。实施制造业重点产业链高质量发展行动，新增规上工业企业200家，数字经济核心产业增加值增长8%。"
	task2  = "（二）增进民生福祉。新建改建中小学20所，新增养老床位2000张，城乡居民医保财政补助标准再提高。"
)

// TestFlattenedText: one long line holds the whole document, its
// paragraphs separated by runs of spaces, or by nothing but numbering.
func TestFlattenedText(t *testing.T) {
	tests := []struct {
		name, page string
		want       []shapePara
	}{
		{
			name: "paragraphs separated by 　　",
			page: "　　" + salute + "　　一、2025年工作回顾　　" + review + "　　二、2026年工作安排　　" + task1 + "　　" + task2,
			want: []shapePara{
				{"", salute},
				{"一、2025年工作回顾", review},
				{"二、2026年工作安排 / （一）推动产业升级", task1},
				{"二、2026年工作安排 / （二）增进民生福祉", task2},
			},
		},
		{
			name: "paragraphs separated by runs of ASCII spaces",
			page: salute + "   一、2025年工作回顾   " + review + "    二、2026年工作安排  " + task1 + "  " + task2,
			want: []shapePara{
				{"", salute},
				{"一、2025年工作回顾", review},
				{"二、2026年工作安排 / （一）推动产业升级", task1},
				{"二、2026年工作安排 / （二）增进民生福祉", task2},
			},
		},
		{
			name: "one space after a full stop separates paragraphs",
			page: salute + " " + strings.Repeat(review, 3) + " " + task1 + " " + task2,
			want: []shapePara{
				{"", salute},
				{"", strings.Repeat(review, 3)},
				{"（一）推动产业升级", task1},
				{"（二）增进民生福祉", task2},
			},
		},
		{
			name: "numbering alone separates paragraphs",
			page: salute + "一、2025年工作回顾 " + strings.Repeat(review, 4) + "二、2026年工作安排 " + task1 + task2 + "1.坚持创新驱动。加快建设创新平台，研发投入增长10%以上，新增高新技术企业300家。",
			want: []shapePara{
				{"", salute},
				{"一、2025年工作回顾", strings.Repeat(review, 4)},
				{"二、2026年工作安排 / （一）推动产业升级", task1},
				{"二、2026年工作安排 / （二）增进民生福祉", task2},
				{"二、2026年工作安排 / （二）增进民生福祉 / 1.坚持创新驱动", "1.坚持创新驱动。加快建设创新平台，研发投入增长10%以上，新增高新技术企业300家。"},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := knowledge.Parse("flat.txt", []byte(tc.page))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, shapeParas(r)); diff != "" {
				t.Errorf("paragraphs (-want +got):\n%s", diff)
			}
		})
	}
}

// TestPolicyDocuments: notices, opinions and measures load with their
// issuer, number, date and kind, and their articles and items as
// paragraphs under a heading path.
func TestPolicyDocuments(t *testing.T) {
	tests := []struct {
		name, file, page string
		meta             docMeta
		want             []shapePara // checked when given
	}{
		{
			name: "a notice kept on one line",
			file: "notice.txt",
			page: "北京市人民政府办公厅关于印发《北京市进一步优化营商环境行动方案》的通知　　京政办发〔2020〕7号　　各区人民政府，市政府各委、办、局：　　现将《北京市进一步优化营商环境行动方案》印发给你们，请结合实际认真贯彻落实。　　北京市人民政府办公厅　　2020年3月2日",
			meta: docMeta{Title: "北京市人民政府办公厅关于印发《北京市进一步优化营商环境行动方案》的通知", Government: "北京市人民政府办公厅", Date: "2020-03-02", Year: 2020,
				Kind: "通知", Issuer: "北京市人民政府办公厅", Number: "京政办发〔2020〕7号"},
			want: []shapePara{
				{"", "各区人民政府，市政府各委、办、局："},
				{"", "现将《北京市进一步优化营商环境行动方案》印发给你们，请结合实际认真贯彻落实。"},
				{"", "北京市人民政府办公厅"},
				{"", "2020年3月2日"},
			},
		},
		{
			name: "measures: articles under chapters",
			file: "measures.txt",
			page: "临江市关于支持中小企业发展的若干措施\n临政发〔2024〕3号\n第一章　总则\n第一条　为支持中小企业健康发展，制定本措施。\n第二条　本措施适用于在本市依法登记的中小企业。\n第二章　财政支持\n第三条　市财政每年安排专项资金2亿元，支持中小企业技术改造。\n①　技术改造补助最高500万元；\n②　贷款贴息最长3年。\n临江市人民政府\n２０２４年１月８日",
			meta: docMeta{Title: "临江市关于支持中小企业发展的若干措施", Government: "临江市人民政府", Date: "2024-01-08", Year: 2024,
				Kind: "若干措施", Issuer: "临江市人民政府", Number: "临政发〔2024〕3号"},
			want: []shapePara{
				{"第一章　总则 / 第一条", "第一条　为支持中小企业健康发展，制定本措施。"},
				{"第一章　总则 / 第二条", "第二条　本措施适用于在本市依法登记的中小企业。"},
				{"第二章　财政支持 / 第三条", "第三条　市财政每年安排专项资金2亿元，支持中小企业技术改造。"},
				{"第二章　财政支持 / ①", "①　技术改造补助最高500万元；"},
				{"第二章　财政支持 / ②", "②　贷款贴息最长3年。"},
				{"", "临江市人民政府"},
				{"", "２０２４年１月８日"},
			},
		},
		{
			name: "an implementation plan with its information table",
			file: "plan.html",
			page: `<table><tr><td>发文机关：</td><td>临江市人民政府办公室</td><td>成文日期：</td><td>2023年05月06日</td></tr><tr><td>发文字号：</td><td>临政办发〔2023〕12号</td></tr></table>` +
				`<div class="content"><p>临江市城市更新实施方案</p><p>为推进城市更新，提升城市品质，结合我市实际，制定本方案。</p><p>一、总体要求</p><p>到2025年，完成老旧小区改造120个，新增城市绿地50公顷，城市功能明显提升。</p></div>`,
			meta: docMeta{Title: "临江市城市更新实施方案", Government: "临江市人民政府办公室", Date: "2023-05-06", Year: 2023,
				Kind: "实施方案", Issuer: "临江市人民政府办公室", Number: "临政办发〔2023〕12号"},
		},
		{
			name: "an announcement",
			file: "notice.txt",
			page: "临江市人民政府关于2024年春节期间烟花爆竹燃放管理的公告\n为保障公共安全，根据有关法律法规，现就春节期间烟花爆竹燃放管理公告如下：\n一、燃放时间为除夕至正月初五。\n二、禁止在医院、学校等场所燃放。\n临江市人民政府\n2024年1月20日",
			meta: docMeta{Title: "临江市人民政府关于2024年春节期间烟花爆竹燃放管理的公告", Government: "临江市人民政府", Date: "2024-01-20", Year: 2024,
				Kind: "公告", Issuer: "临江市人民政府"},
		},
		{
			name: "a press Q&A",
			file: "qa.txt",
			page: "市发展改革委负责同志就《临江市优化营商环境条例》答记者问\n问：《条例》出台的背景是什么？\n答：为持续优化营商环境，激发市场主体活力，市人大常委会制定了《条例》，自2024年3月1日起施行。\n问：《条例》有哪些亮点？\n答：《条例》围绕市场主体全生命周期，提出了30条具体措施，着力破解企业反映的突出问题。",
			meta: docMeta{Title: "市发展改革委负责同志就《临江市优化营商环境条例》答记者问", Government: "市发展改革委", Kind: "答记者问", Issuer: "市发展改革委"},
			want: []shapePara{
				{"问：《条例》出台的背景是什么？", "答：为持续优化营商环境，激发市场主体活力，市人大常委会制定了《条例》，自2024年3月1日起施行。"},
				{"问：《条例》有哪些亮点？", "答：《条例》围绕市场主体全生命周期，提出了30条具体措施，着力破解企业反映的突出问题。"},
			},
		},
		{
			name: "a press Q&A on one line",
			file: "qa.txt",
			page: "市发展改革委负责同志就《临江市优化营商环境条例》答记者问 问：《条例》出台的背景是什么？答：为持续优化营商环境，激发市场主体活力，市人大常委会制定了《条例》。问：《条例》有哪些亮点？答：《条例》围绕市场主体全生命周期，提出了30条具体措施。",
			meta: docMeta{Title: "市发展改革委负责同志就《临江市优化营商环境条例》答记者问", Government: "市发展改革委", Kind: "答记者问", Issuer: "市发展改革委"},
			want: []shapePara{
				{"问：《条例》出台的背景是什么？", "答：为持续优化营商环境，激发市场主体活力，市人大常委会制定了《条例》。"},
				{"问：《条例》有哪些亮点？", "答：《条例》围绕市场主体全生命周期，提出了30条具体措施。"},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := knowledge.Parse(tc.file, []byte(tc.page))
			if err != nil {
				t.Fatal(err)
			}
			got := docMeta{r.Title, r.Government, r.Date, r.Year, r.Kind, r.Issuer, r.Number, r.Warnings}
			if diff := cmp.Diff(tc.meta, got); diff != "" {
				t.Errorf("metadata (-want +got):\n%s", diff)
			}
			if tc.want != nil {
				if diff := cmp.Diff(tc.want, shapeParas(r)); diff != "" {
					t.Errorf("paragraphs (-want +got):\n%s", diff)
				}
			}
		})
	}
}

// TestHTMLByContent: HTML saved under another name is read as HTML by its
// markup, and entities are unescaped in every format.
func TestHTMLByContent(t *testing.T) {
	fragment := "政策原文 <p>各位代表：现在，我代表市人民政府，向大会报告工作，请予审议。</p><p>一、2025年工作回顾</p><p>过去一年，&ldquo;放管服&rdquo;改革持续深化，新增市场主体3万户，营商环境明显改善。</p>"
	want := []shapePara{
		{"", "政策原文"},
		{"", "各位代表：现在，我代表市人民政府，向大会报告工作，请予审议。"},
		{"一、2025年工作回顾", "过去一年，“放管服”改革持续深化，新增市场主体3万户，营商环境明显改善。"},
	}
	for _, name := range []string{"page.txt", "page.html", "page"} {
		t.Run(name, func(t *testing.T) {
			r, err := knowledge.Parse(name, []byte(fragment))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want[1:], shapeParas(r)[len(shapeParas(r))-2:]); diff != "" {
				t.Errorf("paragraphs (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("entities in plain text", func(t *testing.T) {
		r, err := knowledge.Parse("r.txt", []byte(salute+"\n一、2025年工作回顾\n过去一年，&ldquo;放管服&rdquo;改革持续深化，R&amp;D投入增长12%，R&D人员超过3万人。\n"))
		if err != nil {
			t.Fatal(err)
		}
		if got, want := r.Paragraphs[1].Text, "过去一年，“放管服”改革持续深化，R&D投入增长12%，R&D人员超过3万人。"; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	t.Run("entities escaped twice in a page", func(t *testing.T) {
		r, err := knowledge.Parse("p.html", []byte("<p>"+salute+"</p><p>一、2025年工作回顾</p><p>过去一年，&amp;ldquo;放管服&amp;rdquo;改革持续深化，新增市场主体3万户，营商环境明显改善。</p>"))
		if err != nil {
			t.Fatal(err)
		}
		if got, want := r.Paragraphs[1].Text, "过去一年，“放管服”改革持续深化，新增市场主体3万户，营商环境明显改善。"; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	t.Run("a comment left in text is not markup", func(t *testing.T) {
		r, err := knowledge.Parse("r.txt", []byte("<!--\n-->\n"+salute+"\n一、2025年工作回顾\n"+review+"\n"))
		if err != nil {
			t.Fatal(err)
		}
		if got := len(r.Paragraphs); got != 2 {
			t.Errorf("%d paragraphs, want 2: %+v", got, shapeParas(r))
		}
	})
}

// TestTruncated: a file cut in the middle of a character loads what is
// valid and says once that it was cut; a file cut between characters is
// simply shorter.
func TestTruncated(t *testing.T) {
	text := salute + "\n一、2025年工作回顾\n" + review + "\n" + task1 + "\n"
	utf8Cut := []byte(text)[:len(text)-2] // inside the final "。"
	gbkText := gbk(t, text)
	gbkCut := gbkText[:len(gbkText)-2] // the "\n" and the second byte of "。"
	u16 := utf16le(t, text)
	tests := []struct {
		name    string
		data    []byte
		warn    bool
		lastEnd string
	}{
		{"UTF-8 cut inside a character", utf8Cut, true, "增加值增长8%"},
		{"GBK cut inside a character", gbkCut, true, "增加值增长8%"},
		{"UTF-16 cut inside a code unit", u16[:len(u16)-3], true, "增加值增长8%"},
		{"UTF-8 whole", []byte(text), false, "增加值增长8%。"},
		{"GBK whole", gbkText, false, "增加值增长8%。"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := knowledge.Parse("r.txt", tc.data)
			if err != nil {
				t.Fatal(err)
			}
			if got := len(r.Warnings) == 1 && r.Warnings[0] == knowledge.WarnTruncated; got != tc.warn {
				t.Errorf("warnings %q, want truncated=%v", r.Warnings, tc.warn)
			}
			if last := r.Paragraphs[len(r.Paragraphs)-1].Text; !strings.HasSuffix(last, tc.lastEnd) {
				t.Errorf("last paragraph %q, want it to end in %q", last, tc.lastEnd)
			}
		})
	}
	t.Run("garbage is still refused", func(t *testing.T) {
		_, err := knowledge.Parse("r.txt", []byte{0xC3, 0x28, 0xA0, 0xA1, 0xE2, 0x28, 0xA1, 0xF0, 0x28, 0x8C, 0xBC, 0x80, 0x81, 0xfe, 0xff, 0xfe})
		if !errors.Is(err, knowledge.ErrEncoding) {
			t.Errorf("err = %v, want ErrEncoding", err)
		}
	})
}

// TestURLParagraph: a sentence citing a web address is report text; a
// line that is only a link is page chrome.
func TestURLParagraph(t *testing.T) {
	cite := "市民可登录临江市政府网站www.linjiang.gov.cn查询办事指南，也可拨打12345热线咨询。"
	page := salute + "\n一、2025年工作回顾\n" + review + "\n" + cite + "\n" + "http://www.linjiang.gov.cn/art/2025/1/1.html\n" + task1 + "\n"
	r, err := knowledge.Parse("r.txt", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	want := []shapePara{{"", salute}, {"一、2025年工作回顾", review}, {"一、2025年工作回顾", cite}, {"一、2025年工作回顾 / （一）推动产业升级", task1}}
	if diff := cmp.Diff(want, shapeParas(r)); diff != "" {
		t.Errorf("paragraphs (-want +got):\n%s", diff)
	}
}

// TestTableRows: a table in HTML or .docx keeps each row on one line,
// label and value together, so that a target written in a table is found.
func TestTableRows(t *testing.T) {
	rows := []string{"指标 | 2026年目标", "地区生产总值增长 | 5%左右", "城镇调查失业率 | 5.5%以内"}
	page := "<html><body><div><p>" + salute + "</p><p>一、2026年主要预期目标</p><table><tr><th>指标</th><th>2026年目标</th></tr>" +
		"<tr><td>地区生产总值增长</td><td>5%左右</td></tr><tr><td>城镇调查失业率</td><td><span>5.5%</span>以内</td></tr></table><p>" + review + "</p></div></body></html>"
	docx := docxFromSource(t, []byte(salute+"\n一、2026年主要预期目标\n[table]\n指标\t2026年目标\n地区生产总值增长\t5%左右\n城镇调查失业率\t5.5%以内\n[/table]\n"+review+"\n"))
	for _, tc := range []struct {
		name string
		data []byte
	}{{"r.html", []byte(page)}, {"r.docx", docx}} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := knowledge.Parse(tc.name, tc.data)
			if err != nil {
				t.Fatal(err)
			}
			want := []shapePara{{"", salute}}
			for _, row := range rows {
				want = append(want, shapePara{"一、2026年主要预期目标", row})
			}
			want = append(want, shapePara{"一、2026年主要预期目标", review})
			if diff := cmp.Diff(want, shapeParas(r)); diff != "" {
				t.Errorf("paragraphs (-want +got):\n%s", diff)
			}
		})
	}
}

// TestHeaderFacts: the title, meeting, date and speaker are read wherever
// the page put them, full-width digits included; a report whose header
// names no place takes the one its body names; the year comes from the
// plan part.
func TestHeaderFacts(t *testing.T) {
	body := salute + "\n一、２０２４年工作回顾\n过去一年，临江市经济总量突破千亿元，临江综合实力显著增强，临江新区加快建设。\n临江市被评为全国文明城市，临江港吞吐量增长12%。\n" +
		"二、２０２５年工作安排\n今年，我们将坚持稳中求进，推动临江高质量发展，把临江市建设成为区域中心城市。\n"
	tests := []struct {
		name, file, page string
		meta             docMeta
		speaker          string
	}{
		{
			name:    "header in one block with the page chrome, full-width digits",
			page:    "首页 > 政务公开 > 政府工作报告　　２０２５年临江市政府工作报告　　——２０２５年１月８日在临江市第十届人民代表大会第四次会议上　　市长　张三　　来源：临江日报　　【字体：大 中 小】\n" + body,
			meta:    docMeta{Title: "2025年临江市政府工作报告", Government: "临江市人民政府", Date: "2025-01-08", Year: 2025, Kind: "政府工作报告"},
			speaker: "张三",
		},
		{
			name: "no header at all: the body names the city",
			page: body,
			meta: docMeta{Title: "2025年临江市政府工作报告", Government: "临江市人民政府", Year: 2025, Kind: "政府工作报告"},
		},
		{
			name: "a report whose page links to a notice stays a report",
			file: "page.html",
			page: "<html><body><div><p><a href=\"/a.html\">临江市人民政府关于印发2025年民生实事项目的通知</a></p><h1>2025年临江市政府工作报告</h1><p>" + strings.ReplaceAll(strings.TrimSpace(body), "\n", "</p><p>") + "</p></div></body></html>",
			meta: docMeta{Title: "2025年临江市政府工作报告", Government: "临江市人民政府", Year: 2025, Kind: "政府工作报告"},
		},
		{
			name: "no header, and the body names no place often enough: nothing is guessed",
			page: salute + "\n一、２０２４年工作回顾\n过去一年，全市棚户区改造完成3000户，示范区建设加快，临江港吞吐量增长12%。\n" +
				"二、２０２５年工作安排\n今年，我们将推进棚户区改造，建设示范区，推动临江高质量发展。\n",
			meta: docMeta{Title: "2025年市政府工作报告", Government: "市人民政府", Year: 2025, Kind: "政府工作报告"},
		},
		{
			name: "a date line of its own",
			page: "临江市政府工作报告\n时间：２０２５年１月８日\n" + body,
			meta: docMeta{Title: "临江市政府工作报告", Government: "临江市人民政府", Date: "2025-01-08", Year: 2025, Kind: "政府工作报告"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			file := tc.file
			if file == "" {
				file = "r.txt"
			}
			r, err := knowledge.Parse(file, []byte(tc.page))
			if err != nil {
				t.Fatal(err)
			}
			got := docMeta{r.Title, r.Government, r.Date, r.Year, r.Kind, r.Issuer, r.Number, r.Warnings}
			if diff := cmp.Diff(tc.meta, got); diff != "" {
				t.Errorf("metadata (-want +got):\n%s", diff)
			}
			if tc.speaker != "" && (len(r.Speakers) == 0 || r.Speakers[0].Name != tc.speaker) {
				t.Errorf("speakers %+v, want %s", r.Speakers, tc.speaker)
			}
		})
	}
}
