package knowledge_test

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/reportbot/reportbot/knowledge"
)

func TestSentences(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"地区生产总值增长5.5%以上。一般公共预算收入达到95亿元。", []string{"地区生产总值增长5.5%以上。", "一般公共预算收入达到95亿元。"}},
		{"各位代表!回首过去一年,成绩得来不易。", []string{"各位代表!", "回首过去一年,成绩得来不易。"}},
		{"坚持“人民至上、生命至上”。下一句？还有！", []string{"坚持“人民至上、生命至上”。", "下一句？", "还有！"}},
		{"他说：“要干就干好。”然后出发。", []string{"他说：“要干就干好。”", "然后出发。"}},
		{"1.“四上”企业：达到一定规模的法人单位。", []string{"1.“四上”企业：达到一定规模的法人单位。"}},
		{"GDP grew 5.5%. CPI rose 2.1%. Done", []string{"GDP grew 5.5%.", " CPI rose 2.1%.", " Done"}},
		{"真的吗？！是的……好。", []string{"真的吗？！", "是的……", "好。"}},
		{"没有句号的半句", []string{"没有句号的半句"}},
		{"（完成省市下达任务。）接着", []string{"（完成省市下达任务。）", "接着"}},
		{"", nil},
	}
	for _, tc := range tests {
		got := knowledge.Sentences(tc.in)
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("Sentences(%q) (-want +got):\n%s", tc.in, diff)
		}
		if strings.Join(got, "") != tc.in {
			t.Errorf("Sentences(%q) joined = %q", tc.in, strings.Join(got, ""))
		}
	}
}

func TestChunks(t *testing.T) {
	long := strings.Repeat("推动产业转型升级，加快建设现代化产业体系，培育新质生产力。", 30) // ~900 characters
	over := strings.Repeat("持续优化营商环境，", 60) + "。"               // one 540-character sentence
	r := &knowledge.Report{Paragraphs: []knowledge.Paragraph{
		{N: 1, Section: []string{"一、总体要求"}, Text: "短段落。"},
		{N: 2, Section: []string{"二、重点任务"}, Text: long},
		{N: 3, Text: over},
	}}
	for i := range r.Paragraphs {
		r.Paragraphs[i].Sentences = knowledge.Sentences(r.Paragraphs[i].Text)
	}
	chunks := r.Chunks()
	ids := map[string]bool{}
	joined := map[int]string{}
	for _, c := range chunks {
		if n := utf8.RuneCountInString(c.Text); n > knowledge.MaxChunk {
			t.Errorf("chunk %s has %d characters, over %d", c.ID, n, knowledge.MaxChunk)
		}
		if ids[c.ID] {
			t.Errorf("duplicate chunk ID %s", c.ID)
		}
		ids[c.ID] = true
		joined[c.Paragraph] += c.Text
		if p, _ := r.Paragraph(c.Paragraph); !cmp.Equal(p.Section, c.Section) {
			t.Errorf("chunk %s section %v, paragraph's %v", c.ID, c.Section, p.Section)
		}
		if want := fmt.Sprintf("p%d", c.Paragraph); c.Part == 0 && c.ID != want {
			t.Errorf("first chunk ID %s, want %s", c.ID, want)
		}
	}
	for _, p := range r.Paragraphs {
		if joined[p.N] != p.Text {
			t.Errorf("chunks of §%d do not give its text back", p.N)
		}
	}
	if len(chunks) < 6 {
		t.Errorf("got %d chunks, want the long paragraphs cut (at least 6)", len(chunks))
	}
}

func TestChunksOfReports(t *testing.T) {
	for _, tc := range reports {
		r := loadTestReport(t, tc.name)
		joined := map[int]string{}
		for _, c := range r.Chunks() {
			joined[c.Paragraph] += c.Text
		}
		for _, p := range r.Paragraphs {
			if joined[p.N] != p.Text {
				t.Fatalf("%s: chunks of §%d do not give its text back", tc.name, p.N)
			}
		}
	}
}

func ExampleParse() {
	page := "下载\n打印\n2025年临江市政府工作报告\n来源：临江日报\n" +
		"各位代表：\n现在，我代表市人民政府，向大会报告工作，请予审议。\n" +
		"一、2025年工作安排\n今年的主要预期目标是：地区生产总值增长5%左右；城镇调查失业率5.5%左右。\n" +
		"责任编辑：王五\n"
	r, err := knowledge.Parse("page.txt", []byte(page))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Title, r.Government, r.Year)
	for _, p := range r.Paragraphs {
		fmt.Printf("§%d [%s] %s\n", p.N, p.SectionPath(), p.Text)
	}
	// Output:
	// 2025年临江市政府工作报告 临江市人民政府 2025
	// §1 [] 各位代表：现在，我代表市人民政府，向大会报告工作，请予审议。
	// §2 [一、2025年工作安排] 今年的主要预期目标是：地区生产总值增长5%左右；城镇调查失业率5.5%左右。
}
