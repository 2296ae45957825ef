package knowledge

import (
	"bytes"
	_ "embed"
	"errors"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-pdf/fpdf"
	"github.com/google/go-cmp/cmp"
)

// cjkFont is a subset of Droid Sans Fallback (Apache 2.0, see
// testdata/pdf/README.md) holding the characters of the PDF tests.
//
//go:embed testdata/pdf/cjk-subset.ttf
var cjkFont []byte

// The tests keep the engine's compiled code between runs (and between the
// fuzzer's worker processes): compiling it under the race detector takes
// about 45 s on 2 cores, loading it a second.
func init() { SetPDFCacheDir(filepath.Join(os.TempDir(), "reportbot-test-pdfium")) }

// pdfDoc lays out a test PDF the way word processors write reports: an
// embedded CID TrueType font with a ToUnicode map, lines wrapped at the
// text block's width in the middle of sentences, first lines indented by
// two characters, a running header and a page number on every page.
type pdfDoc struct {
	pdf  *fpdf.Fpdf
	y    float64 // baseline of the next line
	size float64
}

const (
	pdfLeft   = 72.0
	pdfRight  = 523.0
	pdfBottom = 760.0
)

func newPDFDoc(header string) *pdfDoc {
	p := fpdf.New("P", "pt", "A4", "")
	p.AddUTF8FontFromBytes("cjk", "", cjkFont)
	p.SetAutoPageBreak(false, 0)
	d := &pdfDoc{pdf: p, size: 12}
	if header != "" {
		p.SetHeaderFunc(func() {
			p.SetFont("cjk", "", 9)
			p.Text(pdfLeft, 40, header)
		})
		p.SetFooterFunc(func() {
			p.SetFont("cjk", "", 9)
			n := "- " + strconv.Itoa(p.PageNo()) + " -"
			p.Text((595-p.GetStringWidth(n))/2, 810, n)
		})
	}
	d.newPage()
	return d
}

func (d *pdfDoc) newPage() {
	d.pdf.AddPage()
	d.pdf.SetFont("cjk", "", d.size)
	d.y = 100
}

// line writes one line at x, starting a new page when the block is full.
func (d *pdfDoc) line(x float64, s string) {
	if d.y > pdfBottom {
		d.newPage()
	}
	d.pdf.SetFont("cjk", "", d.size)
	d.pdf.Text(x, d.y, s)
	d.y += d.size * 1.6
}

// para wraps text at the text block's width; indent sets the first line
// two characters in.
func (d *pdfDoc) para(text string, indent bool) {
	d.pdf.SetFont("cjk", "", d.size)
	x := pdfLeft
	if indent {
		x += 2 * d.size
	}
	var cur []rune
	for _, r := range text {
		if x+d.pdf.GetStringWidth(string(append(cur, r))) > pdfRight {
			d.line(x, string(cur))
			cur, x = nil, pdfLeft
		}
		cur = append(cur, r)
	}
	if len(cur) > 0 {
		d.line(x, string(cur))
	}
}

// centred writes a line centred in a font of the given size.
func (d *pdfDoc) centred(s string, size float64) {
	old := d.size
	d.size = size
	d.pdf.SetFont("cjk", "", size)
	d.line((595-d.pdf.GetStringWidth(s))/2, s)
	d.size = old
}

// row writes a table row: each cell at its column's x.
func (d *pdfDoc) row(cells ...string) {
	for i, c := range cells {
		d.pdf.SetFont("cjk", "", d.size)
		d.pdf.Text(pdfLeft+float64(i)*220, d.y, c)
	}
	d.y += d.size * 1.6
}

func (d *pdfDoc) gap() { d.y += d.size * 2 }

func (d *pdfDoc) bytes(t testing.TB) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := d.pdf.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// testReportParas are the paragraphs of the report testReportPDF writes.
var testReportParas = []string{
	"现在，我代表市人民政府，向大会报告政府工作，请予审议，并请市政协委员和其他列席人员提出意见。",
	"2023年是全面贯彻落实党的二十大精神的开局之年。一年来，我们坚持稳中求进工作总基调，全市经济运行稳中有进，地区生产总值增长5.2%，一般公共预算收入增长8.1%，城镇新增就业5.6万人，居民人均可支配收入增长5.5%。我们坚持以人民为中心的发展思想，办成一批民生实事，城市功能品质持续提升，群众获得感幸福感安全感不断增强。",
	"今年经济社会发展的主要预期目标是：地区生产总值增长5%左右；城镇调查失业率控制在5.5%以内；居民消费价格涨幅3%左右；粮食产量稳定在10万吨以上。",
}

// testReportPDF writes a two-page work report: title block, salutation,
// indented paragraphs, one of them running over the page break, numbered
// headings, a table and a closing paragraph after a vertical gap.
func testReportPDF(t testing.TB) []byte {
	d := newPDFDoc("临江市人民政府")
	d.centred("2024年临江市政府工作报告", 18)
	d.centred("——2024年1月20日在临江市第十七届人民代表大会第三次会议上", 12)
	d.centred("市长 王明", 12)
	d.gap()
	d.para("各位代表：", false)
	d.para(testReportParas[0], true)
	d.para("一、2023年工作回顾", true)
	for range 7 {
		d.para("过去一年，我们坚持稳中求进，推动经济持续回升向好，城乡面貌焕然一新，民生福祉不断增进。", true)
	}
	d.para(testReportParas[1], true) // runs over the page break
	d.para("二、2024年主要目标", true)
	d.para(testReportParas[2], true)
	d.para("（一）主要指标", false)
	d.row("指标", "目标")
	d.row("地区生产总值增速", "5%左右")
	d.row("城镇调查失业率", "5.5%以内")
	d.gap()
	d.para("各位代表！让我们团结一心，真抓实干，为建设现代化新临江而努力奋斗！", false)
	return d.bytes(t)
}

func blockTexts(bs []block) []string {
	out := make([]string, len(bs))
	for i, b := range bs {
		out[i] = b.text
	}
	return out
}

func TestPDFBlocks(t *testing.T) {
	got, err := pdfBlocks(testReportPDF(t))
	if err != nil {
		t.Fatal(err)
	}
	repeat := "过去一年，我们坚持稳中求进，推动经济持续回升向好，城乡面貌焕然一新，民生福祉不断增进。"
	want := []string{
		"2024年临江市政府工作报告",
		"——2024年1月20日在临江市第十七届人民代表大会第三次会议上",
		"市长 王明",
		"各位代表：",
		testReportParas[0],
		"一、2023年工作回顾",
		repeat, repeat, repeat, repeat, repeat, repeat, repeat,
		testReportParas[1],
		"二、2024年主要目标",
		testReportParas[2],
		"（一）主要指标",
		"指标 目标",
		"地区生产总值增速 5%左右",
		"城镇调查失业率 5.5%以内",
		"各位代表！让我们团结一心，真抓实干，为建设现代化新临江而努力奋斗！",
	}
	if diff := cmp.Diff(want, blockTexts(got)); diff != "" {
		t.Errorf("paragraphs (-want +got):\n%s", diff)
	}
	// The line in large type opening the first page is the title.
	for i, b := range got {
		if (b.kind == kindTitle) != (i == 0) {
			t.Errorf("block %d %q: kind %v", i, b.text, b.kind)
		}
	}
}

func TestParsePDF(t *testing.T) {
	r, err := Parse("report.pdf", testReportPDF(t))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := r.Title, "2024年临江市政府工作报告"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
	if got, want := r.Government, "临江市人民政府"; got != want {
		t.Errorf("government = %q, want %q", got, want)
	}
	if got, want := r.Year, 2024; got != want {
		t.Errorf("year = %d, want %d", got, want)
	}
	if got, want := r.Date, "2024-01-20"; got != want {
		t.Errorf("date = %q, want %q", got, want)
	}
	var texts []string
	for _, p := range r.Paragraphs {
		texts = append(texts, p.Text)
	}
	joined := strings.Join(texts, "\n")
	for _, p := range testReportParas[1:] {
		if !strings.Contains(joined, p) {
			t.Errorf("paragraph missing: %s", p)
		}
	}
	if strings.Contains(joined, "- 1 -") || strings.Contains(joined, "- 2 -") {
		t.Errorf("page numbers left in the text:\n%s", joined)
	}
	// The content decides: a PDF named .txt is still read as PDF.
	if _, err := Parse("report.txt", testReportPDF(t)); err != nil {
		t.Errorf("PDF named .txt: %v", err)
	}
}

// scannedPDF is a page holding only an image, as a scanner writes it.
func scannedPDF(t testing.TB) []byte {
	img := image.NewGray(image.Rect(0, 0, 40, 60))
	for i := range img.Pix {
		img.Pix[i] = uint8(i * 7)
	}
	img.Set(3, 3, color.Black)
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	p := fpdf.New("P", "pt", "A4", "")
	p.AddPage()
	p.RegisterImageOptionsReader("scan", fpdf.ImageOptions{ImageType: "PNG"}, &b)
	p.ImageOptions("scan", 0, 0, 595, 842, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	var out bytes.Buffer
	if err := p.Output(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func encryptedPDF(t testing.TB) []byte {
	d := newPDFDoc("")
	d.pdf.SetProtection(0, "secret", "owner")
	d.para(testReportParas[0], true)
	return d.bytes(t)
}

func TestPDFErrors(t *testing.T) {
	report := testReportPDF(t)
	tests := []struct {
		name string
		data []byte
		want error
		says string
	}{
		{"scanned", scannedPDF(t), ErrScannedPDF, "no text layer"},
		{"encrypted", encryptedPDF(t), ErrEncryptedPDF, "password"},
		{"damaged", []byte("%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage"), ErrBinary, "damaged PDF"},
		{"not a PDF", []byte("GIF89a\x01\x00\x01\x00"), ErrBinary, "not a valid PDF"},
		{"header only", report[:200], ErrBinary, "damaged PDF"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("x.pdf", tt.data)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.says) || !strings.Contains(err.Error(), "x.pdf") {
				t.Errorf("err = %q, want it to name the file and say %q", err, tt.says)
			}
		})
	}
}

// evalPDFDir is ../shared/eval/pdf beside the module root: real PDFs that
// stay out of the repository. Tests that need them skip where it is absent.
func evalPDFDir(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's directory")
		}
		dir = parent
	}
	p := filepath.Join(dir, "..", "shared", "eval", "pdf")
	if _, err := os.Stat(filepath.Join(p, "beijing2024.pdf")); err != nil {
		t.Skipf("real PDFs not here (%v): they live in ../shared/eval/pdf beside the repository and are never committed", err)
	}
	return p
}

// noSpace removes white space, so texts that differ only in it compare equal
// (pdftotext puts spaces between Chinese and digits that the PDF has not).
func noSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(" \t\r\n\f\u3000", r) {
			return -1
		}
		return r
	}, s)
}

func TestPDFRealFiles(t *testing.T) {
	dir := evalPDFDir(t)
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	t.Run("beijing2024", func(t *testing.T) {
		blocks, err := pdfBlocks(read("beijing2024.pdf"))
		if err != nil {
			t.Fatal(err)
		}
		// Every character, in the reference extractor's order.
		if got, want := noSpace(strings.Join(blockTexts(blocks), "")), noSpace(string(read("beijing2024.txt"))); got != want {
			t.Errorf("text differs from pdftotext's: %d vs %d characters", len(got), len(want))
		}
		// The PDF's 91 paragraphs (first lines indented by two
		// characters), among them 11 headings （一）…（十一）.
		if got, want := len(blocks), 91; got != want {
			t.Errorf("%d paragraphs, want %d", got, want)
		}
		r, err := Parse("beijing2024.pdf", read("beijing2024.pdf"))
		if err != nil {
			t.Fatal(err)
		}
		if r.Title != "2024年北京市政府工作报告" || r.Government != "北京市人民政府" || r.Year != 2024 {
			t.Errorf("title %q, government %q, year %d; want 2024年北京市政府工作报告, 北京市人民政府, 2024", r.Title, r.Government, r.Year)
		}
	})
	t.Run("guowuyuan_ai_plus_2025", func(t *testing.T) {
		blocks, err := pdfBlocks(read("guowuyuan_ai_plus_2025.pdf"))
		if err != nil {
			t.Fatal(err)
		}
		if blocks[0].kind != kindTitle || blocks[0].text != "国务院关于深入实施“人工智能+”行动的意见" {
			t.Errorf("first block %q (kind %v), want the title", blocks[0].text, blocks[0].kind)
		}
		got := strings.Join(blockTexts(blocks), "\n")
		// The browser's running header and footer are dropped, the
		// document's own text is whole, ending with its signature.
		for _, s := range []string{"2026/5/19", "mee.gov.cn", "1/3", "3/3"} {
			if strings.Contains(got, s) {
				t.Errorf("running header or footer %q left in", s)
			}
		}
		// The reference without the header (time, page title), the footer
		// (URL, 1/3) and two of pdftotext's order slips: "4." left at the
		// foot of page 1, "[" of "[打印]" put before the footer.
		const title = "国务院关于深入实施“人工智能+”行动的意见"
		ref := []string{title}
		for _, l := range strings.Split(string(read("guowuyuan_ai_plus_2025.txt")), "\n") {
			l = strings.Trim(l, "\f")
			if l == title || regexp.MustCompile(`^2026/5/19|^https://|^\d/3$|^\[$`).MatchString(l) {
				continue
			}
			ref = append(ref, l)
		}
		want := strings.NewReplacer("三、强化基础支撑能力4.", "三、强化基础支撑能力", "领域应用，帮助农民提升生产经营能力和水平。", "领域应用，帮助农民提升生产经营能力和水平。4.", "打印]", "[打印]").Replace(noSpace(strings.Join(ref, "")))
		if noSpace(got) != want {
			t.Errorf("text differs from pdftotext's without its running header and footer:\n%s", cmp.Diff(want, noSpace(got)))
		}
		if !strings.HasSuffix(got, "国务院\n2025年8月21日\n[打印]仅打印内容") {
			t.Errorf("ends with %q", got[max(0, len(got)-80):])
		}
	})
	t.Run("budget table rows", func(t *testing.T) {
		blocks, err := pdfBlocks(read("shanghai_putuo_bgs_budget2025.pdf"))
		if err != nil {
			t.Fatal(err)
		}
		got := blockTexts(blocks)
		// A contents line with dot leaders is one line: the leaders' tiny
		// boxes do not set the glyph height that lines are grouped by.
		if !slices.ContainsFunc(got, func(b string) bool { return strings.HasPrefix(b, "一、部门主要职能……") }) {
			t.Errorf("contents line 一、部门主要职能…… broken apart")
		}
		for _, row := range []string{
			"301 01 基本工资 2,540,192.00 2,540,192.00",
			"经济分类科目名称 合计 人员经费 公用经费",
		} {
			found := false
			for _, b := range got {
				found = found || b == row
			}
			if !found {
				t.Errorf("table row %q is not one line", row)
			}
		}
	})
}

var benchPDF *Report

// BenchmarkParsePDF loads the largest real PDF (上海普陀财政局 2024 决算,
// 3.7 MB, 25 pages of prose and tables): PDFium's text layer, lines,
// paragraphs, then the same cleaning and structure as any report. The
// engine's one-time start is outside the loop (BenchmarkPDFEngineStart).
func BenchmarkParsePDF(b *testing.B) {
	data, err := os.ReadFile(filepath.Join(evalPDFDir(b), "shanghai_putuo_czj_final_accounts2024.pdf"))
	if err != nil {
		b.Fatal(err)
	}
	benchParsePDF(b, "shanghai_putuo_czj_final_accounts2024.pdf", data)
}

// BenchmarkParsePDFWorkReport loads beijing2024.pdf (330 KB, 13 pages, the
// one real work report).
func BenchmarkParsePDFWorkReport(b *testing.B) {
	data, err := os.ReadFile(filepath.Join(evalPDFDir(b), "beijing2024.pdf"))
	if err != nil {
		b.Fatal(err)
	}
	benchParsePDF(b, "beijing2024.pdf", data)
}

func benchParsePDF(b *testing.B, name string, data []byte) {
	if _, err := pdfEngine(); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		r, err := Parse(name, data)
		if err != nil {
			b.Fatal(err)
		}
		benchPDF = r
	}
}

var benchPool any

// BenchmarkPDFEngineStart is the cost paid once per process, on its first
// PDF: compiling PDFium's WebAssembly module (5.8 MB) to machine code, or
// loading it compiled from the cache directory (SetPDFCacheDir).
func BenchmarkPDFEngineStart(b *testing.B) {
	for _, bc := range []struct{ name, dir string }{
		{"compile", ""},
		{"cached", b.TempDir()},
	} {
		if bc.dir != "" {
			pool, err := newPDFEngine(bc.dir) // fill the cache
			if err != nil {
				b.Fatal(err)
			}
			pool.Close()
		}
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				pool, err := newPDFEngine(bc.dir)
				if err != nil {
					b.Fatal(err)
				}
				benchPool = pool
				pool.Close()
			}
		})
	}
}

func TestPDFTitleWraps(t *testing.T) {
	d := newPDFDoc("")
	d.centred("2024年临江市", 18)
	d.centred("政府工作报告", 18)
	d.para("各位代表：", false)
	d.para(testReportParas[0], true)
	got, err := pdfBlocks(d.bytes(t))
	if err != nil {
		t.Fatal(err)
	}
	want := []block{
		{text: "2024年临江市政府工作报告", kind: kindTitle},
		{text: "各位代表："},
		{text: testReportParas[0]},
	}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(block{})); diff != "" {
		t.Errorf("blocks (-want +got):\n%s", diff)
	}
}

func TestPDFTimeout(t *testing.T) {
	defer func(d time.Duration) { pdfTimeout = d }(pdfTimeout)
	pdfTimeout = time.Nanosecond
	_, err := Parse("slow.pdf", testReportPDF(t))
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "given up") {
		t.Fatalf("err = %v, want the PDF given up as too slow", err)
	}
	pdfTimeout = time.Minute
	if _, err := Parse("report.pdf", testReportPDF(t)); err != nil {
		t.Fatalf("after a killed instance: %v", err)
	}
}

func TestDropRunning(t *testing.T) {
	top := func(s string) pdfLine { return pdfLine{text: s, zone: -1} }
	foot := func(s string) pdfLine { return pdfLine{text: s, zone: 1} }
	body := func(s string) pdfLine { return pdfLine{text: s} }
	tests := []struct {
		name  string
		pages [][]pdfLine
		want  []string
	}{
		{
			"header and numbered footer on every page",
			[][]pdfLine{
				{top("临江市人民政府公报"), body("正文一。"), foot("第 1 页 共 2 页")},
				{top("临江市人民政府公报"), body("正文二。"), foot("第 2 页 共 2 页")},
			},
			[]string{"正文一。", "正文二。"},
		},
		{
			"page numbers alone, even on one page",
			[][]pdfLine{{body("正文。"), foot("- 1 -")}},
			[]string{"正文。"},
		},
		{
			"the same words at the head of one page and the foot of another",
			[][]pdfLine{
				{top("各位代表！"), body("正文一。")},
				{body("正文二。"), foot("各位代表！")},
			},
			[]string{"各位代表！", "正文一。", "正文二。", "各位代表！"},
		},
		{
			"a margin line on one page of five",
			[][]pdfLine{
				{top("国务院文件"), body("一。")}, {body("二。")}, {body("三。")}, {body("四。")}, {body("五。")},
			},
			[]string{"国务院文件", "一。", "二。", "三。", "四。", "五。"},
		},
		{
			"a number in the body",
			[][]pdfLine{{body("2024")}, {body("2025")}},
			[]string{"2024", "2025"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, lines := range dropRunning(tt.pages) {
				for _, l := range lines {
					got = append(got, l.text)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("kept lines (-want +got):\n%s", diff)
			}
		})
	}
}

// TestParsePDFConcurrent reads PDFs from several goroutines at once, as the
// bot does when reports are loaded while others are asked about: each gets
// an engine instance of its own.
func TestParsePDFConcurrent(t *testing.T) {
	data := testReportPDF(t)
	want, err := pdfBlocks(data)
	if err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 6)
	for range cap(errs) {
		go func() {
			got, err := pdfBlocks(data)
			if err == nil && !cmp.Equal(want, got, cmp.AllowUnexported(block{})) {
				err = errors.New("different blocks from the same PDF")
			}
			errs <- err
		}()
	}
	for range cap(errs) {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
