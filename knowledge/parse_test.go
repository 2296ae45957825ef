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
