package knowledge_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reportbot/reportbot/knowledge"
)

// FuzzParse feeds the loader arbitrary bytes under each format's name. It
// must never panic, and what it accepts must be well formed: paragraphs
// numbered 1..N, none empty, each split into sentences that give its text
// back, chunks that cover every paragraph, header facts that quote the
// paragraph they name. The seed corpus (every format
// and every kind of bad input) runs in CI as an ordinary test.
func FuzzParse(f *testing.F) {
	plain := strings.Join(miniReport, "\n")
	f.Add("r.txt", []byte(plain))
	f.Add("r.txt", gbk(f, plain))
	f.Add("r.txt", utf16le(f, plain))
	f.Add("r.md", []byte("# 标题\n\n**一、总则**\n\n正文，第一句。第二句！\n\n- 项目一；\n- 项目二。\n"))
	f.Add("r.html", []byte(miniHTML("utf-8")))
	f.Add("r.html", []byte("<html><body><div><p>各位代表：<b>现在</b>，我代表市人民政府，向大会报告工作。</div></p><table><tr><td>地区生产总值</td><td>5%左右</td></tr></table>"))
	f.Add("r.docx", miniDocx(f))
	f.Add("r.docx", []byte("PK\x03\x04garbage"))
	f.Add("r.pdf", []byte("%PDF-1.4"))
	f.Add("r.txt", []byte{})
	f.Add("r.txt", []byte("\x00\x01\x02\x03"))
	f.Add("r.txt", []byte("\xff\xfe\x00"))
	f.Add("r.txt", []byte("一、\n（一）\n1.\n附件\n：\n。\n”\n各位代表："))
	f.Add("r.txt", []byte("PM\n2.5\n）年平均浓度下降。\n揭榜\n。"))
	if data, err := os.ReadFile(filepath.Join("..", "testdata", "reports", "zhenhai2023.txt")); err == nil {
		f.Add("zhenhai2023.txt", data)
	}
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		checkParse(t, name, data)
	})
}

// checkParse parses data under name and fails unless what it accepts is
// well formed: paragraphs numbered 1..N, none empty, each split into
// sentences that give its text back, chunks that cover every paragraph,
// header facts that quote the paragraph they name.
func checkParse(t *testing.T, name string, data []byte) {
	r, err := knowledge.Parse(name, data)
	if err != nil {
		if r != nil {
			t.Fatal("error with a report")
		}
		return
	}
	covered := map[int]string{}
	for _, c := range r.Chunks() {
		covered[c.Paragraph] += c.Text
	}
	for i, p := range r.Paragraphs {
		if p.N != i+1 {
			t.Fatalf("paragraph %d numbered %d", i+1, p.N)
		}
		if strings.TrimSpace(p.Text) == "" {
			t.Fatalf("§%d is empty", p.N)
		}
		if strings.Join(p.Sentences, "") != p.Text {
			t.Fatalf("§%d sentences do not give the text back", p.N)
		}
		if covered[p.N] != p.Text {
			t.Fatalf("§%d chunks do not give the text back", p.N)
		}
	}
	facts := r.Speakers
	if r.Delivery != nil {
		facts = append(facts, *r.Delivery)
	}
	for _, fc := range facts {
		if p, ok := r.Paragraph(fc.Paragraph); !ok || p.Text != fc.Text {
			t.Fatalf("header fact %+v does not quote its paragraph", fc)
		}
	}
}
