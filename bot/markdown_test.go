package bot

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

// TestMarkdownAnswerBlocksGolden renders an LLM answer written in Markdown
// (a heading, bold, a list, a link, a table, Slack markup to escape) into
// Block Kit, and compares the JSON with the golden file: what Slack is sent.
func TestMarkdownAnswerBlocksGolden(t *testing.T) {
	a := Answer{
		Text: "### 主要预期目标\n" +
			"今年的目标是：\n" +
			"- **地区生产总值**增长5%左右[1]\n" +
			"- 城镇调查失业率控制在*5.5%以内*[1][2]\n\n" +
			"| 指标 | 目标 |\n| --- | --- |\n| CPI | 2%左右[2] |\n\n" +
			"详见[市政府网站](https://www.beijing.gov.cn/) <!channel>",
		Markdown: true, Found: true, Mode: "llm", ReportTitle: "2026年北京市政府工作报告", ReportYear: 2026,
		Citations: []Citation{
			{N: 1, Paragraph: 12, Section: "二、2026年工作安排", Quote: "地区生产总值增长5%左右"},
			{N: 2, Paragraph: 13, Section: "二、2026年工作安排", Quote: "居民消费价格涨幅2%左右"},
		},
	}
	blocks, fallback := answerBlocks("今年的主要目标", a, zh, answerOpts{})
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(map[string]any{"blocks": blocks, "text": fallback}); err != nil {
		t.Fatal(err)
	}
	got := buf.Bytes()
	path := filepath.Join("testdata", "markdown_answer.golden.json")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./bot -run Golden -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("Block Kit differs from %s (run with -update to accept):\n%s", path, got)
	}
	// What matters in it, stated plainly.
	s := blockTexts(t, blocks)[0]
	for _, w := range []string{"*主要预期目标*", "• \u200b*地区生产总值*\u200b增长5%左右[1]", "_5.5%以内_", "<https://www.beijing.gov.cn/|市政府网站>", "&lt;!channel&gt;", "CPI | 2%左右[2]"} {
		if !strings.Contains(s, w) {
			t.Errorf("section %q lacks %q", s, w)
		}
	}
	for _, bad := range []string{"**", "###", "<!channel>", "](", "| --- |"} {
		if strings.Contains(s, bad) || strings.Contains(fallback, bad) {
			t.Errorf("raw Markdown or live markup %q reaches Slack: %q / %q", bad, s, fallback)
		}
	}
}

// TestSeveralReportsCited: an answer drawn from several reports names each
// citation's report, and the trailer says so.
func TestSeveralReportsCited(t *testing.T) {
	a := Answer{Text: "【广东省 2026】4.5%—5%[1]\n【北京市 2026】5%左右[2]", Found: true, Mode: "extractive",
		Citations: []Citation{{N: 1, Paragraph: 32, Quote: "地区生产总值增长4.5%—5%", Report: "广东省 2026"}, {N: 2, Paragraph: 32, Quote: "地区生产总值增长5%左右", Report: "北京市 2026"}}}
	blocks, fallback := answerBlocks("广东和北京今年GDP目标", a, zh, answerOpts{})
	texts := strings.Join(blockTexts(t, blocks), "\n")
	for _, want := range []string{"[1] 广东省 2026 §32", "[2] 北京市 2026 §32", "📄 多份报告"} {
		if !strings.Contains(texts, want) {
			t.Errorf("blocks lack %q:\n%s", want, texts)
		}
	}
	if !strings.Contains(fallback, "北京市 2026 §32") {
		t.Errorf("fallback %q", fallback)
	}
}
