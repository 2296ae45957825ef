package knowledge_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	xunicode "golang.org/x/text/encoding/unicode"

	"github.com/reportbot/reportbot/knowledge"
)

// miniReport is a small report in the shape real ones have: title, delivery
// line, speaker, salutation, numbered parts, a run-in heading.
var miniReport = []string{
	"2025年临江市政府工作报告",
	"——2025年1月10日在临江市第十届人民代表大会第三次会议上",
	"临江市市长 张三",
	"各位代表：",
	"现在，我代表市人民政府，向大会报告工作，请予审议，并请市政协委员提出意见。",
	"一、2024年工作回顾",
	"过去一年，全市地区生产总值增长5.2%，一般公共预算收入达到120亿元，城镇新增就业3.1万人。",
	"二、2025年工作安排",
	"今年经济社会发展的主要预期目标是：地区生产总值增长5%左右；城镇调查失业率控制在5.5%以内；居民消费价格涨幅2%左右。",
	"（一）扩大有效需求",
	"提振消费。实施提振消费专项行动，社会消费品零售总额增长5%，培育一批夜间消费集聚区。",
	"扩大投资。滚动实施重大项目300个以上，完成固定资产投资800亿元，带动社会投资稳步增长。",
	"各位代表！让我们更加紧密地团结起来，为建设现代化滨江城市而努力奋斗！",
}

// miniBody is the report text every format must give back as paragraphs.
var miniBody = []string{
	"——2025年1月10日在临江市第十届人民代表大会第三次会议上",
	"临江市市长 张三",
	"各位代表：现在，我代表市人民政府，向大会报告工作，请予审议，并请市政协委员提出意见。",
	"过去一年，全市地区生产总值增长5.2%，一般公共预算收入达到120亿元，城镇新增就业3.1万人。",
	"今年经济社会发展的主要预期目标是：地区生产总值增长5%左右；城镇调查失业率控制在5.5%以内；居民消费价格涨幅2%左右。",
	"提振消费。实施提振消费专项行动，社会消费品零售总额增长5%，培育一批夜间消费集聚区。",
	"扩大投资。滚动实施重大项目300个以上，完成固定资产投资800亿元，带动社会投资稳步增长。",
	"各位代表！让我们更加紧密地团结起来，为建设现代化滨江城市而努力奋斗！",
}

func texts(r *knowledge.Report) []string {
	out := make([]string, len(r.Paragraphs))
	for i, p := range r.Paragraphs {
		out[i] = p.Text
	}
	return out
}

func checkMini(t *testing.T, r *knowledge.Report) {
	t.Helper()
	if got, want := strings.Join(texts(r), "\n"), strings.Join(miniBody, "\n"); got != want {
		t.Errorf("paragraphs:\n%s\nwant:\n%s", got, want)
	}
	if r.Title != "2025年临江市政府工作报告" || r.Government != "临江市人民政府" || r.Year != 2025 || r.Date != "2025-01-10" {
		t.Errorf("metadata = %q, %q, %d, %q", r.Title, r.Government, r.Year, r.Date)
	}
	for i, p := range r.Paragraphs {
		if p.N != i+1 {
			t.Errorf("paragraph %d numbered %d", i+1, p.N)
		}
	}
	if p, ok := r.Paragraph(6); ok {
		if got, want := p.SectionPath(), "二、2025年工作安排 / （一）扩大有效需求 / 提振消费"; got != want {
			t.Errorf("§6 section = %q, want %q", got, want)
		}
	}
}

func gbk(t testing.TB, s string) []byte {
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func utf16le(t testing.TB, s string) []byte {
	b, err := xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM).NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func miniHTML(charset string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<!DOCTYPE html><html><head><meta charset="%s"><title>%s_临江市人民政府门户网站</title>
<style>p{margin:0}</style><script>var a="各位代表：不是正文。";</script></head><body>
<nav><ul><li><a href="/">首页</a></li><li><a href="/zw">政务公开</a></li><li><a href="/hd">互动交流</a></li></ul></nav>
<div class="main"><div class="article"><h1>%s</h1>
<div class="info">来源：临江日报　时间：2025-01-12　【字号：<a>大</a> <a>中</a> <a>小</a>】 <a>打印</a></div>
<div class="content">`, charset, miniReport[0], miniReport[0])
	for _, l := range miniReport[1:] {
		if l == "（一）扩大有效需求" {
			fmt.Fprintf(&b, "<p><strong>%s</strong></p>\n", html.EscapeString(l))
			continue
		}
		fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(l))
	}
	b.WriteString(`</div><div class="share">分享到：<a>微信</a><a>微博</a></div>
<div class="related"><h3>相关报道</h3><ul><li><a href="/1.html">临江市第十届人民代表大会第三次会议开幕</a></li></ul></div></div></div>
<footer>版权所有：临江市人民政府办公室 主办单位：临江市人民政府 ICP备05001234号</footer></body></html>`)
	return b.String()
}

func miniDocx(t testing.TB) []byte {
	var doc strings.Builder
	doc.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	for _, l := range miniReport {
		style := ""
		if strings.HasPrefix(l, "一、") || strings.HasPrefix(l, "二、") {
			style = `<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>`
		}
		// Split each line into two runs, as Word does around formatting.
		r := []rune(l)
		half := len(r) / 2
		fmt.Fprintf(&doc, `<w:p>%s<w:r><w:rPr><w:b/></w:rPr><w:t>%s</w:t></w:r><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>`,
			style, html.EscapeString(string(r[:half])), html.EscapeString(string(r[half:])))
	}
	doc.WriteString(`<w:sectPr/></w:body></w:document>`)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range map[string]string{
		"[Content_Types].xml": `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"word/document.xml":   doc.String(),
	} {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(body))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestParseFormats(t *testing.T) {
	plain := strings.Join(miniReport, "\n")
	md := "# " + miniReport[0] + "\n\n" + strings.Join(miniReport[1:5], "\n\n") +
		"\n\n## 一、2024年工作回顾\n\n" + miniReport[6] + "\n\n## 二、2025年工作安排\n\n" + miniReport[8] +
		"\n\n### （一）扩大有效需求\n\n**提振消费。**" + strings.TrimPrefix(miniReport[10], "提振消费。") +
		"\n\n" + miniReport[11] + "\n\n" + miniReport[12] + "\n\n![合影](photo.jpg)\n"
	tests := []struct {
		name string
		file string
		data []byte
	}{
		{"utf8 text", "r.txt", []byte(plain)},
		{"utf8 text with BOM and CRLF", "r.txt", append([]byte("\ufeff"), strings.ReplaceAll(plain, "\n", "\r\n")...)},
		{"indented text with blank lines", "r.txt", []byte("  " + strings.Join(miniReport, "\n\n\u3000\u3000"))},
		{"gbk text", "r.txt", gbk(t, plain)},
		{"gb18030 text without extension", "report", gbk(t, plain)},
		{"utf16 text", "r.txt", utf16le(t, plain)},
		{"markdown", "r.md", []byte(md)},
		{"html utf8", "r.html", []byte(miniHTML("utf-8"))},
		{"html gbk declared", "r.htm", gbk(t, miniHTML("gb2312"))},
		{"html sniffed without extension", "page", []byte(miniHTML("utf-8"))},
		{"docx", "r.docx", miniDocx(t)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := knowledge.Parse(tc.file, tc.data)
			if err != nil {
				t.Fatal(err)
			}
			checkMini(t, r)
		})
	}
}

// TestBoilerplate puts one kind of page chrome at a time around the mini
// report: the chrome must go and every report line must stay.
func TestBoilerplate(t *testing.T) {
	tests := []struct {
		name                  string
		before, middle, after string
		gone                  []string
	}{
		{"navigation menu", "首页\n政务公开\n政务服务\n互动交流\n走进临江\n", "", "", []string{"政务公开", "互动交流"}},
		{"download print fullscreen favourite", "下载\n打印\n全屏\n收藏\n", "", "", []string{"全屏", "收藏"}},
		{"font size widget", "【字号：\n加大\n还原\n减小\n】\n", "", "", []string{"字号", "加大"}},
		{"font size one line", "【字体：大 中 小】\n", "", "", []string{"字体"}},
		{"source and time lines", "来源：临江日报\n时间：2025-01-12 08:30\n发布日期：2025年1月12日\n", "", "", []string{"临江日报", "08:30", "发布日期"}},
		{"photo caption", "临江新区夜景。本报记者 李四摄\n", "", "", []string{"李四", "夜景"}},
		{"photo caption inside the report", "", "（图为临江港区）新华社记者 赵六 摄\n", "", []string{"赵六", "港区"}},
		{"related reports", "", "", "相关报道：\n临江市第十届人民代表大会第三次会议开幕\n代表热议政府工作报告：实干为先。\n", []string{"开幕", "热议"}},
		{"editor", "", "", "责任编辑：王五\n", []string{"责任编辑", "王五"}},
		{"print and close", "", "", "打印本页\n关闭窗口\n", []string{"打印本页", "关闭窗口"}},
		{"share widget", "分享到：\n微信\n微博\nQQ空间\n", "", "扫一扫在手机打开当前页\n", []string{"微博", "扫一扫"}},
		{"copyright footer", "", "", "版权所有 © 临江市人民政府办公室 主办单位：临江市人民政府 浙ICP备05001234号\n网站标识码3302000001\n", []string{"版权所有", "ICP", "网站标识码"}},
		{"disclaimer", "", "", "本文仅代表作者观点，不代表本站立场。未经许可，不得转载；若对您造成了侵权，请联系本站。\n", []string{"本站", "转载"}},
		{"page address", "", "", "本文地址：https://www.example.gov.cn/art/2025/1/12/art_1.html\n", []string{"本文地址", "https"}},
		{"comment box", "", "", "留言与评论(共有 0 条评论)\n用户名：\n验证码：\n提交评论\n", []string{"评论", "验证码"}},
		{"text repeated after the end", "", "", "相关链接>>\n2025年临江市政府工作报告\n各位代表：现在，我代表市人民政府，向大会报告工作，请予审议，并请市政协委员提出意见。\n", []string{"相关链接"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			lines := append([]string{}, miniReport[:7]...)
			if tc.middle != "" {
				lines = append(lines, tc.middle)
			}
			lines = append(lines, miniReport[7:]...)
			page := tc.before + strings.Join(lines, "\n") + "\n" + tc.after
			r, err := knowledge.Parse("page.txt", []byte(page))
			if err != nil {
				t.Fatal(err)
			}
			all := strings.Join(texts(r), "\n")
			for _, g := range tc.gone {
				if strings.Contains(all, g) {
					t.Errorf("chrome %q kept:\n%s", g, all)
				}
			}
			checkMini(t, r)
		})
	}
}

func TestParseErrors(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10")
	var zipBuf bytes.Buffer
	zw := zip.NewWriter(&zipBuf)
	w, _ := zw.Create("a.txt")
	w.Write([]byte("hello"))
	zw.Close()
	tests := []struct {
		name string
		file string
		data []byte
		want error
	}{
		{"empty", "r.txt", nil, knowledge.ErrEmpty},
		{"white space only", "r.txt", []byte(" \n\t\r\n\u3000"), knowledge.ErrEmpty},
		{"BOM only", "r.txt", []byte("\ufeff"), knowledge.ErrEmpty},
		{"only page chrome", "r.txt", []byte("下载\n打印\n全屏\n收藏\n责任编辑：王五\n"), knowledge.ErrEmpty},
		{"png image", "r.txt", png, knowledge.ErrBinary},
		{"zip that is not docx", "r.zip", zipBuf.Bytes(), knowledge.ErrBinary},
		{"docx that is not a zip", "r.docx", []byte("just text"), knowledge.ErrBinary},
		{"damaged pdf", "r.pdf", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), knowledge.ErrBinary},
		{"legacy doc", "r.doc", []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, knowledge.ErrUnsupportedFormat},
		{"latin-1 text", "r.txt", []byte("Caf\xe9 cr\xe8me br\xfbl\xe9e, na\xefve fa\xe7ade \xbf\xa1 \xe0 la carte."), knowledge.ErrEncoding},
		{"too large", "r.txt", bytes.Repeat([]byte("各"), knowledge.MaxBytes/3+1), knowledge.ErrTooLarge},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := knowledge.Parse(tc.file, tc.data)
			if !errors.Is(err, tc.want) {
				t.Fatalf("Parse = %v, %v; want error %v", r, err, tc.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is not one line: %q", err)
			}
		})
	}
}

func TestLoad(t *testing.T) {
	page := gbk(t, miniHTML("gbk"))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/report.html":
			w.Header().Set("Content-Type", "text/html; charset=gbk")
			w.Write(page)
		case "/big.txt":
			w.Write(bytes.Repeat([]byte("各位代表，"), 1000))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	dir := t.TempDir()
	file := filepath.Join(dir, "report.txt")
	if err := os.WriteFile(file, []byte(strings.Join(miniReport, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()

	t.Run("url", func(t *testing.T) {
		r, err := knowledge.Load(ctx, srv.URL+"/report.html")
		if err != nil {
			t.Fatal(err)
		}
		checkMini(t, r)
		if r.Source != srv.URL+"/report.html" {
			t.Errorf("Source = %q", r.Source)
		}
	})
	t.Run("file", func(t *testing.T) {
		r, err := knowledge.Load(ctx, file)
		if err != nil {
			t.Fatal(err)
		}
		checkMini(t, r)
	})
	for _, tc := range []struct {
		name, src string
		limit     int64
		want      error
		msg       string
	}{
		{"not found url", srv.URL + "/missing.html", 0, nil, "404"},
		{"url over the limit", srv.URL + "/big.txt", 1000, knowledge.ErrTooLarge, "limit"},
		{"file over the limit", file, 100, knowledge.ErrTooLarge, "limit"},
		{"missing file", filepath.Join(dir, "nope.txt"), 0, os.ErrNotExist, "nope.txt"},
		{"directory", dir, 0, nil, "directory"},
		{"ftp url", "ftp://example.com/r.txt", 0, nil, "only http and https"},
		{"empty source", " ", 0, knowledge.ErrEmpty, "no source"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := &knowledge.Loader{MaxBytes: tc.limit}
			_, err := l.Load(ctx, tc.src)
			if err == nil {
				t.Fatal("Load succeeded")
			}
			if tc.want != nil && !errors.Is(err, tc.want) {
				t.Errorf("error %v, want %v", err, tc.want)
			}
			if !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %q does not say %q", err, tc.msg)
			}
		})
	}
}

func TestDefault(t *testing.T) {
	r := knowledge.Default()
	if r.Year != 2023 || r.Government != "宁波市镇海区人民政府" || len(r.Paragraphs) == 0 {
		t.Fatalf("Default() = %q %q %d, %d paragraphs", r.Title, r.Government, r.Year, len(r.Paragraphs))
	}
	if knowledge.Default() != r {
		t.Error("Default parses the built-in report again on every call")
	}
	if r.ID() != loadTestReport(t, "zhenhai2023").ID() {
		t.Error("built-in report differs from testdata/reports/zhenhai2023.txt")
	}
}

// TestNationalAndHardWrapped reads a State Council-style report, once as
// written and once hard-wrapped at 26 characters as text copied from a PDF
// is: both must give the same paragraphs and metadata.
func TestNationalAndHardWrapped(t *testing.T) {
	parse := func(name string) *knowledge.Report {
		data, err := os.ReadFile(filepath.Join("..", "testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		r, err := knowledge.Parse(name, data)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	plain, wrapped := parse("national2025.txt"), parse("national2025-wrapped.txt")
	if plain.Government != "国务院" || plain.Title != "2025年政府工作报告" || plain.Year != 2025 || plain.Date != "2025-03-05" {
		t.Errorf("metadata = %q %q %d %q", plain.Title, plain.Government, plain.Year, plain.Date)
	}
	if got, want := strings.Join(texts(wrapped), "\n"), strings.Join(texts(plain), "\n"); got != want {
		t.Errorf("hard-wrapped text gives\n%s\nwant\n%s", got, want)
	}
	if len(plain.Paragraphs) != 7 {
		t.Errorf("%d paragraphs, want 7", len(plain.Paragraphs))
	}
}

func TestBaseName(t *testing.T) {
	for in, want := range map[string]string{
		"testdata/reports/beijing2026.txt":           "beijing2026.txt",
		"https://example.gov.cn/a/b/report.html?x=1": "report.html",
		knowledge.BuiltinName:                        "zhenhai2023.txt",
		"report.docx":                                "report.docx",
	} {
		if got := knowledge.BaseName(in); got != want {
			t.Errorf("BaseName(%q) = %q, want %q", in, got, want)
		}
	}
}
