package knowledge_test

import (
	"bufio"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/unicode/norm"

	"github.com/reportbot/reportbot/knowledge"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

// reports are the four development reports with the metadata they must give.
var reports = []struct {
	name       string
	title      string
	government string
	date       string
	year       int
}{
	{"zhenhai2023", "宁波市镇海区人民政府工作报告", "宁波市镇海区人民政府", "2023-02-03", 2023},
	{"beijing2026", "2026年北京市政府工作报告", "北京市人民政府", "2026-01-25", 2026},
	{"guangdong2026", "2026年广东省政府工作报告", "广东省人民政府", "2026-01-26", 2026},
	{"sichuan2026", "2026年四川省人民政府工作报告", "四川省人民政府", "2026-02-03", 2026},
}

func loadTestReport(t testing.TB, name string) *knowledge.Report {
	t.Helper()
	path := filepath.Join("..", "testdata", "reports", name+".txt")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r, err := knowledge.Parse(path, data)
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	return r
}

// fold is the comparison the question sets prescribe: NFKC, no white space.
func fold(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, norm.NFKC.String(s))
}

func TestReportMetadata(t *testing.T) {
	for _, tc := range reports {
		t.Run(tc.name, func(t *testing.T) {
			r := loadTestReport(t, tc.name)
			got := []any{r.Title, r.Government, r.Date, r.Year}
			want := []any{tc.title, tc.government, tc.date, tc.year}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("title, government, date, year (-want +got):\n%s", diff)
			}
		})
	}
}

// pageChrome is what the four pages carry around their reports; none of it
// may reach a paragraph.
var pageChrome = []string{
	"导航菜单", "【字号", "【字体", "来源：", "来源:", "时间：2026", "本报记者", "戴冰摄", "分享：", "责任编辑", "李莎莎",
	"扫一扫", "相关附件", "相关链接", "相关报道：", "abcd39f1", "打印本页", "关闭窗口",
	"本文仅代表作者观点", "本站", "本文地址", "/baogao/", "留言与评论", "验证码",
	"干部群众热议", "解读省政府工作报告", "关于政府工作报告的决议",
}

func TestNoPageChrome(t *testing.T) {
	for _, tc := range reports {
		t.Run(tc.name, func(t *testing.T) {
			r := loadTestReport(t, tc.name)
			for _, p := range r.Paragraphs {
				switch p.Text {
				case "下载", "打印", "全屏", "收藏", "加大", "还原", "减小", "大", "中", "小", "】":
					t.Errorf("§%d is a page widget: %q", p.N, p.Text)
				}
				for _, c := range pageChrome {
					if strings.Contains(p.Text, c) {
						t.Errorf("§%d holds page chrome %q: %.60s", p.N, c, p.Text)
					}
				}
			}
		})
	}
}

// TestNothingRepeated checks that text a page repeats after the report's end
// (四川's opening) is not kept twice, and no paragraph appears twice.
func TestNothingRepeated(t *testing.T) {
	for _, tc := range reports {
		t.Run(tc.name, func(t *testing.T) {
			r := loadTestReport(t, tc.name)
			seen := map[string]int{}
			for _, p := range r.Paragraphs {
				if runeCount(p.Text) < 10 {
					continue
				}
				if n, ok := seen[p.Text]; ok {
					t.Errorf("§%d repeats §%d: %.40s", p.N, n, p.Text)
				}
				seen[p.Text] = p.N
			}
		})
	}
}

func runeCount(s string) int { return len([]rune(s)) }

// TestEvidenceInExactlyOneParagraph checks every evidence string of the
// question sets against the paragraphs: each must lie inside exactly one.
func TestEvidenceInExactlyOneParagraph(t *testing.T) {
	for _, tc := range reports {
		t.Run(tc.name, func(t *testing.T) {
			r := loadTestReport(t, tc.name)
			paras := make([]string, len(r.Paragraphs))
			for i, p := range r.Paragraphs {
				paras[i] = fold(p.Text)
			}
			n := 0
			for _, set := range []string{".qa.jsonl", ".plus.qa.jsonl"} {
				for _, ev := range evidence(t, filepath.Join("..", "testdata", "qa", tc.name+set)) {
					n++
					var in []int
					for i, p := range paras {
						if strings.Contains(p, fold(ev)) {
							in = append(in, i+1)
						}
					}
					if len(in) != 1 {
						t.Errorf("evidence %q found in paragraphs %v, want exactly one", ev, in)
					}
				}
			}
			if n == 0 {
				t.Fatal("no evidence strings read")
			}
		})
	}
}

func evidence(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var q struct {
			Evidence *string `json:"evidence"`
		}
		if err := json.Unmarshal(sc.Bytes(), &q); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if q.Evidence != nil {
			out = append(out, *q.Evidence)
		}
	}
	return out
}

// TestGolden pins each report's paragraphs, numbers and sections, so a
// change to cleaning or structure shows up as a diff to review. Refresh
// with go test ./knowledge -run Golden -update.
func TestGolden(t *testing.T) {
	type para struct {
		N         int    `json:"n"`
		Section   string `json:"section"`
		Text      string `json:"text"`
		Sentences int    `json:"sentences"`
	}
	for _, tc := range reports {
		t.Run(tc.name, func(t *testing.T) {
			r := loadTestReport(t, tc.name)
			var got []para
			for _, p := range r.Paragraphs {
				got = append(got, para{p.N, p.SectionPath(), p.Text, len(p.Sentences)})
			}
			path := filepath.Join("..", "testdata", "golden", tc.name+".paragraphs.json")
			if *update {
				data, _ := json.MarshalIndent(got, "", "  ")
				if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create)", err)
			}
			var want []para
			if err := json.Unmarshal(data, &want); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("paragraphs differ from %s (-want +got):\n%s", path, diff)
			}
		})
	}
}

// TestStructureShapes pins how a few page shapes are read: numbered
// paragraphs that carry their own text, a line broken inside a quotation,
// and a photo caption around the sentence naming the speaker.
func TestStructureShapes(t *testing.T) {
	type para struct{ section, text string }
	tests := []struct {
		name string
		page string
		want []para
	}{
		{
			name: "numbered paragraphs end their section at a plain paragraph",
			page: "各位代表：\n现在，我代表市人民政府，向大会报告工作，请予审议。\n一、2025年工作回顾\n" +
				"（一）创新驱动成效明显。研发投入增长8%，新增高新技术企业300家，创新平台加快建设。\n" +
				"（二）民生福祉持续增进。城镇新增就业5万人，新建养老床位2000张，教育投入增长6%。\n" +
				"过去一年，民族宗教、外事侨务、国防动员等工作有力推进，各项事业取得新进展。\n",
			want: []para{
				{"", "各位代表：现在，我代表市人民政府，向大会报告工作，请予审议。"},
				{"一、2025年工作回顾 / （一）创新驱动成效明显", "（一）创新驱动成效明显。研发投入增长8%，新增高新技术企业300家，创新平台加快建设。"},
				{"一、2025年工作回顾 / （二）民生福祉持续增进", "（二）民生福祉持续增进。城镇新增就业5万人，新建养老床位2000张，教育投入增长6%。"},
				{"一、2025年工作回顾", "过去一年，民族宗教、外事侨务、国防动员等工作有力推进，各项事业取得新进展。"},
			},
		},
		{
			name: "a line broken inside a quotation is joined",
			page: "各位代表：\n现在，我代表市人民政府，向大会报告工作，请予审议。\n名词解释\n" +
				"1.“双向揭榜挂帅”：企业找技术、成果找市场“双向揭榜\n挂帅”的简称，由供需双方共同参与。\n",
			want: []para{
				{"", "各位代表：现在，我代表市人民政府，向大会报告工作，请予审议。"},
				{"名词解释 / 1.“双向揭榜挂帅”", "1.“双向揭榜挂帅”：企业找技术、成果找市场“双向揭榜挂帅”的简称，由供需双方共同参与。"},
			},
		},
		{
			name: "a caption keeps only the sentence naming the speaker",
			page: "2025年临江市政府工作报告\n" +
				"1月10日，临江市第十届人民代表大会第三次会议开幕。市长张三作政府工作报告。 临江日报记者 李四 摄\n" +
				"各位代表：\n现在，我代表市人民政府，向大会报告工作，请予审议。\n",
			want: []para{
				{"", "市长张三作政府工作报告。"},
				{"", "各位代表：现在，我代表市人民政府，向大会报告工作，请予审议。"},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := knowledge.Parse("page.txt", []byte(tc.page))
			if err != nil {
				t.Fatal(err)
			}
			var got []para
			for _, p := range r.Paragraphs {
				got = append(got, para{p.SectionPath(), p.Text})
			}
			if diff := cmp.Diff(tc.want, got, cmp.AllowUnexported(para{})); diff != "" {
				t.Errorf("paragraphs (-want +got):\n%s", diff)
			}
		})
	}
}

// TestLabelledHeader: pages that label their fields (标题：, 发文单位：,
// 会议：) above a headline naming the speaker, or a body that never says
// 我代表…人民政府, give the report's own title, government and year.
func TestLabelledHeader(t *testing.T) {
	body := "\n\n一、过去一年的工作\n过去一年，全市经济运行稳中有进，地区生产总值增长5.1%。\n二、今年的主要目标\n今年经济社会发展的主要预期目标是：地区生产总值增长5%左右。\n"
	for _, tc := range []struct {
		name, text, title, government string
		year                          int
	}{
		{"headline names the speaker", "标题：2026年临江市政府工作报告\n发文单位：临江市人民政府\n发文时间：未知\n\n正文：\n\n张三在临江市十六届人大七次会议上的政府工作报告（摘登）" + body,
			"2026年临江市政府工作报告", "临江市人民政府", 2026},
		{"year after the place", "标题：青山县2025年政府工作报告\n发文单位：青山县人民政府\n会议：青山县第十八届人民代表大会第五次会议\n\n正文：" + body,
			"青山县2025年政府工作报告", "青山县人民政府", 2025},
		{"issuer only", "标题：政府工作报告\n发文单位：白水市人民政府\n发文时间：2024-01-10\n\n正文：" + body,
			"", "白水市人民政府", 2024},
		{"meeting only", "会议：东湖区第三届人民代表大会第二次会议\n时间：2023年1月6日\n\n政府工作报告" + body,
			"", "东湖区人民政府", 2023},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := knowledge.Parse("report.txt", []byte(tc.text))
			if err != nil {
				t.Fatal(err)
			}
			if tc.title != "" && r.Title != tc.title || r.Government != tc.government || r.Year != tc.year {
				t.Errorf("got %q %q %d, want %q %q %d", r.Title, r.Government, r.Year, tc.title, tc.government, tc.year)
			}
		})
	}
}
