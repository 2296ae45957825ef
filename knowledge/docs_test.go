package knowledge_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/reportbot/reportbot/knowledge"
)

// A real government document in one of the shapes the loader must read
// (testdata/docs/README.md has their sources), with the metadata it must
// yield. Documents that are not files as found are made from real text by
// make: the .docx, the truncated file and the GBK page.
type docCase struct {
	name   string // golden name, testdata/golden/docs-<name>.paragraphs.json
	file   string // under testdata/docs
	parse  string // the name to parse the bytes under
	make   func(t testing.TB, data []byte) []byte
	meta   docMeta
	minPar int // at least this many paragraphs
}

type docMeta struct {
	Title, Government, Date string
	Year                    int
	Kind, Issuer, Number    string
	Warnings                []string
}

var docCases = []docCase{
	{name: "national2014", file: "national2014.txt", parse: "national2014.txt", minPar: 40,
		meta: docMeta{Title: "2014年政府工作报告", Government: "国务院", Date: "2014-03-05", Year: 2014, Kind: "政府工作报告"}},
	{name: "national2004", file: "national2004.txt", parse: "national2004.txt", minPar: 100,
		meta: docMeta{Title: "2004年国务院政府工作报告", Government: "国务院", Date: "2004-03-05", Year: 2004, Kind: "政府工作报告"}},
	{name: "hailaer2017", file: "hailaer2017.txt", parse: "hailaer2017.txt", minPar: 30,
		meta: docMeta{Title: "2017年海拉尔区政府工作报告", Government: "海拉尔区人民政府", Date: "2017-02-11", Year: 2017, Kind: "政府工作报告"}},
	{name: "hailaer2018-truncated", file: "hailaer2018.txt", parse: "hailaer2018.txt", make: cutMidCharacter, minPar: 25,
		meta: docMeta{Title: "2018年海拉尔区政府工作报告", Government: "海拉尔区人民政府", Date: "2018-03-07", Year: 2018, Kind: "政府工作报告",
			Warnings: []string{knowledge.WarnTruncated}}},
	{name: "hailaer2018-gbk-page", file: "hailaer2018.txt", parse: "https://example.gov.cn/art/2018/3/9/art_1.html", make: gbkPage, minPar: 50,
		meta: docMeta{Title: "2018年海拉尔区政府工作报告", Government: "海拉尔区人民政府", Date: "2018-03-07", Year: 2018, Kind: "政府工作报告"}},
	{name: "gov-2018-123", file: "gov-2018-123.txt", parse: "gov-2018-123.txt", minPar: 20,
		meta: docMeta{Title: "国务院办公厅关于推进政务新媒体健康有序发展的意见", Government: "国务院办公厅", Date: "2018-12-07", Year: 2018,
			Kind: "意见", Issuer: "国务院办公厅", Number: "国办发〔2018〕123号"}},
	{name: "gov-2018-124", file: "gov-2018-124.html", parse: "gov-2018-124.html", minPar: 45,
		meta: docMeta{Title: "国务院办公厅关于印发文化体制改革中经营性文化事业单位转制为企业和进一步支持文化企业发展两个规定的通知",
			Government: "国务院办公厅", Date: "2018-12-18", Year: 2018, Kind: "通知", Issuer: "国务院办公厅", Number: "国办发〔2018〕124号"}},
	{name: "gov-1996-25-docx", file: "gov-1996-25.docx.txt", parse: "gov-1996-25.docx", make: docxFromSource, minPar: 10,
		meta: docMeta{Title: "国务院办公厅、中央军委办公厅关于加强对侵华日军遗弃化学武器调查和管理工作的通知",
			Government: "国务院办公厅、中央军委办公厅", Date: "1996-06-29", Year: 1996, Kind: "通知", Issuer: "国务院办公厅、中央军委办公厅", Number: "国办发〔1996〕25号"}},
}

// readDoc reads a file of testdata/docs.
func readDoc(file string) ([]byte, error) {
	return os.ReadFile(filepath.Join("..", "testdata", "docs", file))
}

// docBytes returns a case's bytes as the loader is given them.
func docBytes(t testing.TB, c docCase) []byte {
	t.Helper()
	data, err := readDoc(c.file)
	if err != nil {
		t.Fatal(err)
	}
	if c.make != nil {
		data = c.make(t, data)
	}
	return data
}

// cutMidCharacter cuts a UTF-8 file two thirds in, inside a character, as
// a download that stopped short leaves it.
func cutMidCharacter(t testing.TB, data []byte) []byte {
	n := len(data) * 2 / 3
	for utf8.RuneStart(data[n]) {
		n++
	}
	if utf8.Valid(data[:n]) {
		t.Fatal("the cut is not inside a character")
	}
	return data[:n]
}

// gbkPage sets a report's lines in a GBK-encoded government page with its
// chrome (menu, breadcrumbs, share widget, footer), as local sites serve
// them.
func gbkPage(t testing.TB, data []byte) []byte {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk"><title>2018年海拉尔区政府工作报告_海拉尔区人民政府</title></head><body>`)
	b.WriteString(`<div class="nav"><a href="/">首页</a> <a href="/zwgk">政务公开</a> <a href="/zwfw">政务服务</a></div>`)
	b.WriteString(`<div class="crumb">当前位置：首页 &gt; 政务公开 &gt; 政府工作报告</div><div class="content">`)
	for _, l := range strings.Split(string(data), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(l))
		}
	}
	b.WriteString(`</div><div class="share">分享到：微信 微博</div><div class="footer">主办单位：海拉尔区人民政府办公室 版权所有 ICP备05001234号</div></body></html>`)
	return gbk(t, b.String())
}

// docxFromSource builds a .docx from a source text: one paragraph a line,
// and the rows between [table] and [/table] as a Word table, their cells
// separated by tabs.
func docxFromSource(t testing.TB, data []byte) []byte {
	var doc strings.Builder
	doc.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	inTable := false
	for _, l := range strings.Split(strings.TrimRight(string(data), "\n"), "\n") {
		switch {
		case l == "[table]":
			doc.WriteString("<w:tbl><w:tblPr/>")
			inTable = true
		case l == "[/table]":
			doc.WriteString("</w:tbl>")
			inTable = false
		case inTable:
			doc.WriteString("<w:tr>")
			for _, c := range strings.Split(l, "\t") {
				fmt.Fprintf(&doc, `<w:tc><w:tcPr/><w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p></w:tc>`, html.EscapeString(c))
			}
			doc.WriteString("</w:tr>")
		default:
			fmt.Fprintf(&doc, `<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>`, html.EscapeString(l))
		}
	}
	doc.WriteString(`<w:sectPr/></w:body></w:document>`)
	return zipFiles(t, map[string]string{
		"[Content_Types].xml": `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"word/document.xml":   doc.String(),
	})
}

func zipFiles(t testing.TB, files map[string]string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestDocsMeta checks that each real document loads with the right
// title, government, date, year and, for policy documents, kind, issuer
// and number: what inspect shows.
func TestDocsMeta(t *testing.T) {
	for _, c := range docCases {
		t.Run(c.name, func(t *testing.T) {
			r, err := knowledge.Parse(c.parse, docBytes(t, c))
			if err != nil {
				t.Fatal(err)
			}
			got := docMeta{r.Title, r.Government, r.Date, r.Year, r.Kind, r.Issuer, r.Number, r.Warnings}
			if diff := cmp.Diff(c.meta, got); diff != "" {
				t.Errorf("metadata (-want +got):\n%s", diff)
			}
			if len(r.Paragraphs) < c.minPar {
				t.Errorf("%d paragraphs, want at least %d", len(r.Paragraphs), c.minPar)
			}
			for _, p := range r.Paragraphs {
				if strings.Contains(p.Text, "&nbsp;") || strings.Contains(p.Text, "&ldquo;") || strings.Contains(p.Text, "<U+") {
					t.Errorf("§%d keeps an escape: %.60s", p.N, p.Text)
				}
			}
		})
	}
}

// TestDocsGolden pins each real document's paragraphs and heading paths.
// Refresh with go test ./knowledge -run DocsGolden -update and review the
// diff.
func TestDocsGolden(t *testing.T) {
	type para struct {
		N       int    `json:"n"`
		Section string `json:"section"`
		Text    string `json:"text"`
	}
	for _, c := range docCases {
		t.Run(c.name, func(t *testing.T) {
			r, err := knowledge.Parse(c.parse, docBytes(t, c))
			if err != nil {
				t.Fatal(err)
			}
			var got []para
			for _, p := range r.Paragraphs {
				got = append(got, para{p.N, p.SectionPath(), p.Text})
			}
			path := filepath.Join("..", "testdata", "golden", "docs-"+c.name+".paragraphs.json")
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
