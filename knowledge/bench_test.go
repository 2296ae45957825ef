package knowledge_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/reportbot/reportbot/knowledge"
)

var benchReport *knowledge.Report

// BenchmarkParse loads, cleans and splits the largest development report
// (广东 2026, 96 KB): decoding, chrome removal, structure, sentences, and the
// retrieval chunks.
func BenchmarkParse(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "reports", "guangdong2026.txt"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		r, err := knowledge.Parse("guangdong2026.txt", data)
		if err != nil {
			b.Fatal(err)
		}
		r.Chunks()
		benchReport = r
	}
}

// BenchmarkParseGBKHTML is the same report as a GBK-encoded HTML page, the
// form Chinese government sites often serve.
func BenchmarkParseGBKHTML(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "reports", "guangdong2026.txt"))
	if err != nil {
		b.Fatal(err)
	}
	page := []byte("<html><head><meta charset=\"gbk\"><title>政府工作报告</title></head><body><nav>首页 政务公开</nav><div class=\"content\">")
	for _, line := range splitLines(string(data)) {
		page = append(page, "<p>"+line+"</p>\n"...)
	}
	page = append(page, "</div><footer>版权所有</footer></body></html>"...)
	page = gbk(b, string(page))
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	for b.Loop() {
		r, err := knowledge.Parse("guangdong2026.html", page)
		if err != nil {
			b.Fatal(err)
		}
		benchReport = r
	}
}

func splitLines(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

var benchFigures []knowledge.Figure

// BenchmarkFigures reads every figure of the largest development report
// (广东 2026, 96 KB) as values: what the LLM check does to its passages.
func BenchmarkFigures(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "reports", "guangdong2026.txt"))
	if err != nil {
		b.Fatal(err)
	}
	s := string(data)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		benchFigures = knowledge.Figures(s)
	}
}

// BenchmarkParseDocs loads the largest real document of testdata/docs in
// each format: text (national2004.txt, a 211 KB GBK page saved as text),
// HTML (hailaer2018 as a GBK government page, 28 KB) and .docx (the
// 国办发〔1996〕25号 notice with its table).
func BenchmarkParseDocs(b *testing.B) {
	for _, name := range []string{"national2004", "hailaer2018-gbk-page", "gov-1996-25-docx"} {
		var c docCase
		for _, dc := range docCases {
			if dc.name == name {
				c = dc
			}
		}
		data := docBytes(b, c)
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				r, err := knowledge.Parse(c.parse, data)
				if err != nil {
					b.Fatal(err)
				}
				benchReport = r
			}
		})
	}
}
