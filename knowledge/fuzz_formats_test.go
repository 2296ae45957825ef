package knowledge_test

import (
	"strings"
	"testing"
)

// One fuzz target per format's loader, each seeded with the real documents
// of testdata/docs in that format and with the shapes of shapes_test.go.
// Their seed corpora run in CI as ordinary tests; go test -fuzz FuzzText
// (or FuzzHTML, FuzzDocx) explores further.

// FuzzText feeds the plain-text loader: flattened lines, GBK, truncated
// bytes, entities, markers with nothing between them.
func FuzzText(f *testing.F) {
	for _, c := range docCases {
		if c.make == nil && strings.HasSuffix(c.file, ".txt") {
			f.Add(docBytes(f, c))
		}
	}
	f.Add(docBytes(f, docCases[3])) // truncated mid-character
	f.Add([]byte("　　" + salute + "　　一、2025年工作回顾　　" + review + "　　" + task1))
	f.Add([]byte(salute + "一、" + review + "（一）" + task1 + "第一条　①②。1.。——各位代表："))
	f.Add([]byte("北京市人民政府办公厅关于印发《方案》的通知　　京政办发〔2020〕7号　　各区：　　现将《方案》印发给你们。　　北京市人民政府办公厅　　二〇二〇年三月二日"))
	f.Add([]byte("&ldquo;&amp;&#12345;&#xFFFF;&nbsp;<U+00A0><U+FFFFFF>各位代表：。"))
	f.Add(gbk(f, salute+"\n"+review)[:21])
	f.Fuzz(func(t *testing.T, data []byte) {
		checkParse(t, "doc.txt", data)
	})
}

// FuzzHTML feeds the HTML loader, and the same bytes as .txt so that
// detection by content is exercised too.
func FuzzHTML(f *testing.F) {
	for _, c := range docCases {
		if strings.HasSuffix(c.parse, ".html") || c.file == "gov-2018-123.txt" {
			f.Add(docBytes(f, c))
		}
	}
	f.Add([]byte("<table><tr><td>发文机关：</td><td>国务院办公厅</td></tr><tr><td><p>嵌套</p><table><tr><td>x</td></tr></table></td></tr></table><p>" + salute + "</p>"))
	f.Add([]byte("政策原文 <p>" + salute + "</p><p>&ldquo;放管服&rdquo;</p><br><span>一、</span>"))
	f.Add([]byte("<!-- --><div hidden>" + review + "</div><p>http://www.gov.cn</p>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkParse(t, "page.html", data)
		checkParse(t, "page.txt", data)
	})
}

// FuzzDocx feeds the .docx loader: the fuzzed bytes are the source text
// docxFromSource turns into document.xml (paragraphs, [table] rows), and
// also raw document.xml, each zipped as a Word file.
func FuzzDocx(f *testing.F) {
	for _, c := range docCases {
		if strings.HasSuffix(c.parse, ".docx") {
			data, err := readDoc(c.file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	f.Add([]byte(salute + "\n一、2026年主要预期目标\n[table]\n指标\t2026年目标\n地区生产总值增长\t5%左右\n[/table]\n" + review + "\n"))
	f.Add([]byte("[table]\n[table]\n\t\t\n[/table]\n"))
	f.Add([]byte(`<w:document xmlns:w="w"><w:body><w:tbl><w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>一、总则</w:t><w:br/><w:tab/></w:r></w:p></w:body></w:document>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkParse(t, "doc.docx", docxFromSource(t, data))
		checkParse(t, "doc.docx", zipFiles(t, map[string]string{"word/document.xml": string(data)}))
	})
}
