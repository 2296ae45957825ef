package knowledge

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/klippa-app/go-pdfium"
	pdfiumerrors "github.com/klippa-app/go-pdfium/errors"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
)

// PDF errors callers can act on with errors.Is.
var (
	// ErrScannedPDF means the PDF has pages but no text layer: its pages
	// are images, and only OCR can read them.
	ErrScannedPDF = errors.New("the PDF has no text layer (a scanned document?): run OCR on it first, or give the report as text")
	// ErrEncryptedPDF means the PDF needs a password to be opened.
	ErrEncryptedPDF = errors.New("the PDF is encrypted with a password: save an unencrypted copy")
)

// maxPDFPages bounds the pages read from one PDF; a work report has
// tens of pages.
const maxPDFPages = 2000

// pdfCacheDir is where the engine keeps its compiled code; see
// SetPDFCacheDir.
var pdfCacheDir struct {
	sync.Mutex
	dir string
}

// SetPDFCacheDir makes the PDF engine keep its compiled machine code in dir
// (created if needed), so that a process after the first starts reading
// PDFs in about 0.1 s instead of 3–5 s, with a seventh of the memory. Call
// it before the first PDF is read; later calls change nothing. An empty dir,
// the default, or one that cannot be used compiles in memory each process.
func SetPDFCacheDir(dir string) {
	pdfCacheDir.Lock()
	defer pdfCacheDir.Unlock()
	pdfCacheDir.dir = dir
}

// pdfEngine is PDFium compiled to WebAssembly, run by wazero without cgo.
// Compiling the module takes seconds (tens under the race detector), so it
// is done once per process, on the first PDF. The module gets no file
// system: it reads only the bytes it is given.
var pdfEngine = sync.OnceValues(func() (pdfium.Pool, error) {
	pdfCacheDir.Lock()
	dir := pdfCacheDir.dir
	pdfCacheDir.Unlock()
	return newPDFEngine(dir)
})

// newPDFEngine compiles PDFium, or loads it compiled from cacheDir.
func newPDFEngine(cacheDir string) (pdfium.Pool, error) {
	// The features the bundled module needs, as webassembly.Init sets them
	// when given no RuntimeConfig.
	// Closing on context done lets a killed instance stop mid-call.
	rc := wazero.NewRuntimeConfig().WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling).
		WithCloseOnContextDone(true)
	if cacheDir != "" {
		if cache, err := wazero.NewCompilationCacheWithDir(cacheDir); err == nil {
			rc = rc.WithCompilationCache(cache)
		}
	}
	pool, err := webassembly.Init(webassembly.Config{
		// Compile on every core: about twice as fast on two.
		Context:       experimental.WithCompilationWorkers(context.Background(), runtime.GOMAXPROCS(0)),
		MinIdle:       0,
		MaxIdle:       1,
		MaxTotal:      4,
		FSConfig:      wazero.NewFSConfig(),
		RuntimeConfig: rc,
		Stdout:        io.Discard,
		Stderr:        io.Discard,
	})
	if err != nil {
		return nil, fmt.Errorf("start PDFium: %w", err)
	}
	return pool, nil
}

// pdfBlocks reads the text layer of a PDF and returns its paragraphs,
// in reading order, without page headers, footers and page numbers.
func pdfBlocks(data []byte) (blocks []block, err error) {
	pages, err := pdfLines(data)
	if err != nil {
		return nil, err
	}
	return pdfParagraphs(pages), nil
}

// pdfLines opens the PDF and returns each page's text lines. A panic in
// the engine becomes an error: a damaged file must not stop the process.
func pdfLines(data []byte) (pages [][]pdfLine, err error) {
	pool, err := pdfEngine()
	if err != nil {
		return nil, err
	}
	inst, err := pool.GetInstance(time.Minute)
	if err != nil {
		return nil, fmt.Errorf("start PDFium: %w", err)
	}
	defer inst.Close()
	// A file that keeps the engine busy past pdfTimeout is given up: the
	// instance is killed, which interrupts its running call.
	var killed atomic.Bool
	timer := time.AfterFunc(pdfTimeout, func() {
		killed.Store(true)
		inst.Kill()
	})
	defer timer.Stop()
	pages, err = readPDF(inst, data)
	if killed.Load() {
		return nil, fmt.Errorf("reading the PDF took over %v, given up: %w", pdfTimeout, ErrTooLarge)
	}
	return pages, err
}

// pdfTimeout bounds the time one PDF may keep the engine busy.
var pdfTimeout = 2 * time.Minute

// readPDF returns the lines of each page of the PDF in data.
func readPDF(inst pdfium.Pdfium, data []byte) (pages [][]pdfLine, err error) {
	defer func() {
		if r := recover(); r != nil {
			pages, err = nil, fmt.Errorf("damaged PDF (the reader failed: %v): %w", r, ErrBinary)
		}
	}()
	doc, err := inst.OpenDocument(&requests.OpenDocument{File: &data})
	switch {
	case errors.Is(err, pdfiumerrors.ErrPassword):
		return nil, ErrEncryptedPDF
	case errors.Is(err, pdfiumerrors.ErrSecurity):
		return nil, fmt.Errorf("the PDF uses an unsupported encryption: %w", ErrUnsupportedFormat)
	case err != nil:
		return nil, fmt.Errorf("damaged PDF (%v): %w", err, ErrBinary)
	}
	defer inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: doc.Document})
	count, err := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: doc.Document})
	if err != nil {
		return nil, fmt.Errorf("damaged PDF (%v): %w", err, ErrBinary)
	}
	if count.PageCount == 0 {
		return nil, fmt.Errorf("the PDF has no pages: %w", ErrEmpty)
	}
	if count.PageCount > maxPDFPages {
		return nil, fmt.Errorf("%d pages, limit %d: %w", count.PageCount, maxPDFPages, ErrTooLarge)
	}
	chars := 0
	for i := range count.PageCount {
		page := requests.Page{ByIndex: &requests.PageByIndex{Document: doc.Document, Index: i}}
		size, err := inst.GetPageSize(&requests.GetPageSize{Page: page})
		if err != nil {
			return nil, fmt.Errorf("damaged PDF, page %d (%v): %w", i+1, err, ErrBinary)
		}
		st, err := inst.GetPageTextStructured(&requests.GetPageTextStructured{
			Page: page,
			Mode: requests.GetPageTextStructuredModeRects,
		})
		if err != nil {
			return nil, fmt.Errorf("damaged PDF, page %d (%v): %w", i+1, err, ErrBinary)
		}
		runs := make([]pdfRun, 0, len(st.Rects))
		for _, r := range st.Rects {
			t := strings.TrimFunc(r.Text, unicode.IsSpace)
			if t == "" {
				continue
			}
			p := r.PointPosition
			runs = append(runs, pdfRun{text: t, left: p.Left, right: p.Right, top: p.Top, bottom: p.Bottom})
			chars += utf8.RuneCountInString(t)
		}
		pages = append(pages, pageLines(runs, size.Height))
	}
	if chars == 0 {
		return nil, fmt.Errorf("%d pages without text: %w", count.PageCount, ErrScannedPDF)
	}
	return pages, nil
}

// pdfRun is a piece of text on one line in one font, with its box in
// points (y grows upwards, as in PDF).
type pdfRun struct {
	text                     string
	left, right, top, bottom float64
}

// pdfLine is one text line of a page.
type pdfLine struct {
	text                     string
	left, right, top, bottom float64
	// cells says the line has wide gaps inside: a table row.
	cells bool
	// zone is -1 in the page's top margin, 1 in its bottom margin, else 0.
	zone int
}

func (l pdfLine) height() float64 { return l.top - l.bottom }

// pageMargin is the share of the page height at its top and bottom where
// running headers, footers and page numbers sit.
const pageMargin = 0.1

// pageLines groups a page's runs into lines, left to right. Runs belong to
// one line while their vertical centres stay within about half the usual
// glyph height of each other: a quote mark sits high, a comma low, but the
// next line is a line pitch away.
func pageLines(runs []pdfRun, pageHeight float64) []pdfLine {
	center := func(r pdfRun) float64 { return (r.top + r.bottom) / 2 }
	sort.SliceStable(runs, func(i, j int) bool { return center(runs[i]) > center(runs[j]) })
	// The usual glyph height, from letters and characters only: dot
	// leaders (……) and commas are far smaller.
	var heights, all []float64
	for _, r := range runs {
		all = append(all, r.top-r.bottom)
		if strings.IndexFunc(r.text, func(c rune) bool { return unicode.IsLetter(c) || unicode.IsDigit(c) }) >= 0 {
			heights = append(heights, r.top-r.bottom)
		}
	}
	if len(heights) == 0 {
		heights = all
	}
	h := max(median(heights), 1)
	var lines []pdfLine
	for i := 0; i < len(runs); {
		j := i + 1
		for j < len(runs) && center(runs[j]) > center(runs[j-1])-0.5*h && center(runs[j]) > center(runs[i])-0.9*h {
			j++
		}
		band := slices.Clone(runs[i:j])
		sort.SliceStable(band, func(a, b int) bool { return band[a].left < band[b].left })
		lines = append(lines, joinRuns(band))
		i = j
	}
	for i := range lines {
		switch {
		case lines[i].bottom > pageHeight*(1-pageMargin):
			lines[i].zone = -1
		case lines[i].top < pageHeight*pageMargin:
			lines[i].zone = 1
		}
	}
	return lines
}

// joinRuns makes one line of runs sorted left to right. A gap of more than
// a quarter of the line height between Latin letters or digits is a word
// space; a gap of more than one and a half line heights separates table
// cells, whatever the script.
func joinRuns(band []pdfRun) pdfLine {
	l := pdfLine{left: band[0].left, right: band[0].right, top: band[0].top, bottom: band[0].bottom}
	for _, r := range band[1:] {
		l.top, l.bottom = max(l.top, r.top), min(l.bottom, r.bottom)
	}
	h := l.top - l.bottom
	var b strings.Builder
	b.WriteString(band[0].text)
	for _, r := range band[1:] {
		gap := r.left - l.right
		switch {
		case gap > 1.5*h:
			b.WriteByte(' ')
			l.cells = true
		case gap > 0.25*h && latinEdge(b.String(), r.text):
			b.WriteByte(' ')
		}
		b.WriteString(r.text)
		l.right = max(l.right, r.right)
	}
	l.text = b.String()
	return l
}

// latinEdge reports whether a ends and b starts with a Latin letter or digit,
// where a line break or gap stands for a space.
func latinEdge(a, b string) bool {
	x, _ := utf8.DecodeLastRuneInString(a)
	y, _ := utf8.DecodeRuneInString(b)
	return isLatin(x) && isLatin(y)
}

func isLatin(r rune) bool {
	return r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// rePageNumber is a line holding only a page number: 3, - 3 -, 第3页,
// 第 3 页 共 10 页, 3/10, Page 3.
var rePageNumber = regexp.MustCompile(`^(?:[-—–·\s]*\d+[-—–·\s]*|第\s*\d+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|(?i:page)\s*\d+(?:\s*(?:/|of)\s*\d+)?)$`)

// dropRunning removes running headers and footers: lines in a page's top or
// bottom margin that recur, digits aside, in the same margin of other pages,
// and page numbers there.
func dropRunning(pages [][]pdfLine) [][]pdfLine {
	// A line's key is its margin and its text with digits masked: the
	// same words at the head of one page and the foot of another are text.
	key := func(l pdfLine) string {
		return strconv.Itoa(l.zone) + strings.Map(func(r rune) rune {
			if unicode.IsDigit(r) {
				return '#'
			}
			if unicode.IsSpace(r) {
				return -1
			}
			return r
		}, l.text)
	}
	seen := map[string]int{}
	for _, lines := range pages {
		keys := map[string]bool{}
		for _, l := range lines {
			if l.zone != 0 {
				keys[key(l)] = true
			}
		}
		for k := range keys {
			seen[k]++
		}
	}
	need := max(2, int(math.Ceil(0.4*float64(len(pages)))))
	out := make([][]pdfLine, len(pages))
	for i, lines := range pages {
		for _, l := range lines {
			if l.zone != 0 && (rePageNumber.MatchString(l.text) || seen[key(l)] >= need) {
				continue
			}
			out[i] = append(out[i], l)
		}
	}
	return out
}

// pageLayout is what a page's body lines have in common.
type pageLayout struct {
	left, right float64 // the text block's usual left and right edges
	pitch       float64 // the usual distance between line tops
}

func layoutOf(lines []pdfLine) pageLayout {
	var lefts, rights, pitches []float64
	for i, l := range lines {
		lefts = append(lefts, math.Round(l.left))
		rights = append(rights, l.right)
		if i > 0 {
			if d := lines[i-1].top - l.top; d > 0 {
				pitches = append(pitches, d)
			}
		}
	}
	p := pageLayout{left: mode(lefts), pitch: median(pitches)}
	if len(rights) > 0 {
		slices.Sort(rights)
		p.right = rights[len(rights)*9/10]
	}
	return p
}

// mode is the most frequent value, the smallest among ties.
func mode(xs []float64) float64 {
	n := map[float64]int{}
	best, bestN := 0.0, 0
	for _, x := range xs {
		n[x]++
		if n[x] > bestN || n[x] == bestN && x < best {
			best, bestN = x, n[x]
		}
	}
	return best
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

// pdfParagraphs joins lines into paragraphs as the text version of the same
// document has them. A line starts a new paragraph when it is indented from
// the text block's left edge, opens with a heading number (一、 （一） 1.),
// follows a large vertical gap or a change of font size, or follows a line
// that stopped short of the right edge. Table rows stay one line each. A
// paragraph goes on across a page break. Lines broken between Chinese
// characters are joined without a space.
func pdfParagraphs(pages [][]pdfLine) []block {
	pages = dropRunning(pages)
	var (
		out  []block
		cur  strings.Builder
		prev *pdfLine
		lay  pageLayout
	)
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, block{text: cur.String()})
			cur.Reset()
		}
	}
	if len(pages) > 0 {
		var title []pdfLine
		title = titleLines(pages)
		pages[0] = pages[0][len(title):]
		for _, l := range title {
			if latinEdge(cur.String(), l.text) {
				cur.WriteByte(' ')
			}
			cur.WriteString(l.text)
		}
		if cur.Len() > 0 {
			out = append(out, block{text: cur.String(), kind: kindTitle})
			cur.Reset()
		}
	}
	for _, lines := range pages {
		newPage := true
		lay = layoutOf(lines)
		for i := range lines {
			l := &lines[i]
			if prev == nil || l.cells || prev.cells || startsParagraph(*prev, *l, lay, newPage) {
				flush()
			} else if latinEdge(cur.String(), l.text) {
				cur.WriteByte(' ')
			}
			cur.WriteString(l.text)
			prev, newPage = l, false
		}
	}
	flush()
	return out
}

// titleLines returns the lines opening the first page in a type clearly
// larger than the document's body text: the title, which may wrap.
func titleLines(pages [][]pdfLine) []pdfLine {
	var heights []float64
	for _, lines := range pages {
		for _, l := range lines {
			heights = append(heights, l.height())
		}
	}
	body := median(heights)
	n := 0
	for n < len(pages[0]) && pages[0][n].height() > 1.3*body && !pages[0][n].cells {
		n++
	}
	return pages[0][:n]
}

// startsParagraph reports whether line l begins a new paragraph after prev.
func startsParagraph(prev, l pdfLine, lay pageLayout, newPage bool) bool {
	h := max(l.height(), 1)
	if rank, _ := numberRank(l.text); rank >= 0 {
		return true
	}
	if l.left-lay.left > 0.8*h {
		return true // first-line indent, or centred text
	}
	if lay.right-prev.right > 1.5*h {
		return true // prev ended short: the last line of its paragraph
	}
	if r := l.height() / max(prev.height(), 1); r > 1.5 || r < 1/1.5 {
		return true
	}
	return !newPage && lay.pitch > 0 && prev.top-l.top > 1.6*lay.pitch
}

// looksPDF reports whether data starts like a PDF file: the %PDF- header
// within its first kilobyte, as readers accept it.
func looksPDF(data []byte) bool {
	return bytes.Contains(data[:min(len(data), 1024)], []byte("%PDF-"))
}
