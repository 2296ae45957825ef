package knowledge

import (
	"context"
	"fmt"
	"strings"

	"golang.org/x/net/html"
)

// Parse reads a report from its bytes. name (a file name or URL) hints at
// the format by its extension; the content decides where they disagree.
// Plain text, Markdown, HTML, .docx and PDF (its text layer) are read, in UTF-8, UTF-16 with BOM
// or GBK/GB18030.
func Parse(name string, data []byte) (*Report, error) {
	r, err := parse(name, data)
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", displayName(name), err)
	}
	return r, nil
}

func parse(name string, data []byte) (*Report, error) {
	if len(data) > MaxBytes {
		return nil, fmt.Errorf("%d MB, limit %d MB: %w", len(data)>>20, MaxBytes>>20, ErrTooLarge)
	}
	if len(strings.TrimSpace(string(data))) == 0 {
		return nil, fmt.Errorf("the file is empty: %w", ErrEmpty)
	}
	f, err := detectFormat(name, data)
	if err != nil {
		return nil, err
	}
	var (
		blocks   []block
		warnings []string
	)
	switch f {
	case formatDocx:
		if blocks, err = docxBlocks(data); err != nil {
			return nil, err
		}
	case formatPDF:
		if blocks, err = pdfBlocks(data); err != nil {
			return nil, err
		}
	default:
		d, err := decodeText(data, f == formatHTML)
		if err != nil {
			return nil, err
		}
		text := d.text
		if d.truncated {
			warnings = append(warnings, WarnTruncated)
		}
		switch f {
		case formatHTML:
			if blocks, err = htmlBlocks(text); err != nil {
				return nil, fmt.Errorf("read HTML: %w", err)
			}
		case formatMarkdown:
			// YAML front matter is the file's metadata, not its text.
			blocks = markdownBlocks(frontMatterRE.ReplaceAllString(text, ""))
		default:
			for _, line := range strings.Split(text, "\n") {
				blocks = append(blocks, block{text: line})
			}
		}
		if f != formatHTML {
			// Text copied from a page keeps its entities (&ldquo;, &nbsp;);
			// the HTML parser resolves them in a page.
			for i := range blocks {
				if strings.Contains(blocks[i].text, "&") {
					blocks[i].text = html.UnescapeString(blocks[i].text)
				}
				blocks[i].text = unescapeR(blocks[i].text)
			}
		}
	}
	c := clean(blocks)
	body := make([]block, 0, len(c.header)+len(c.body))
	for _, h := range c.header {
		body = append(body, block{text: h, kind: kindHeader})
	}
	r := structure(append(body, c.body...))
	if len(r.Paragraphs) == 0 {
		return nil, fmt.Errorf("no report paragraphs found in the %s: %w", f, ErrEmpty)
	}
	r.Source = name
	r.Warnings = warnings
	fillMeta(r, c)
	Annotate(r)
	return r, nil
}

func displayName(name string) string {
	if name == "" {
		return "input"
	}
	return name
}

// lineKind is what one body line is in the report's outline.
type lineKind int

const (
	linePara       lineKind = iota
	lineHeading             // numbered, or marked as a heading by the markup
	linePlainHead           // a short unnumbered title line: 名词解释, 主要预期目标
	lineSoloHead            // a one-sentence line heading the paragraph after it
	lineReportHead          // the report's title repeated inside the body
)

// runInRank is the rank of bold-style headings that govern one paragraph.
const runInRank = 5

// structure numbers the body's paragraphs and gives each its heading path.
func structure(body []block) *Report {
	kinds := classify(body)
	r := &Report{}
	var st outline
	for i, b := range body {
		switch kinds[i] {
		case lineReportHead:
			continue
		case lineHeading:
			rank, _ := numberRank(b.text)
			if rank < 0 {
				rank = 1
			}
			st.push(r, b.text, rank, scopeOpen)
			continue
		case linePlainHead:
			rank := runInRank
			if i+1 < len(body) && restartsNumbering(body[i+1:]) {
				rank = 1
			}
			st.push(r, b.text, rank, scopeOpen)
			continue
		case lineSoloHead:
			st.push(r, strings.TrimRight(trimClosers(b.text), "。.！!"), runInRank, scopeOpen)
			continue
		}
		st.popRunIn()
		if signature(body, i) {
			st.stack = nil // a document's signature closes every section
		}
		text := b.text
		n := len(r.Paragraphs) + 1
		switch h, rank := runInHeading(text, body, i, kinds); {
		case h == "":
			// A paragraph without a lead of its own ends the section a
			// numbered paragraph opened ("（十）…。…" then "过去一年，…").
			st.popLed()
		case rank == runInRank:
			st.push(r, h, rank, scopePara) // a bold lead heads its paragraph only
		default:
			st.push(r, h, rank, scopeLed) // "（一）…。…" goes on over bold-led paragraphs
		}
		st.markFirst(n)
		r.Paragraphs = append(r.Paragraphs, Paragraph{
			N:         n,
			Section:   st.path(),
			Text:      text,
			Sentences: Sentences(text),
		})
	}
	return r
}

// classify decides for each body line whether it is a heading or a paragraph.
func classify(body []block) []lineKind {
	kinds := make([]lineKind, len(body))
	solo := make([]bool, len(body))
	for i, b := range body {
		t := b.text
		switch {
		case b.kind == kindHeader || b.kind == kindRow || signature(body, i):
			kinds[i] = linePara
		case b.kind == kindTitle && strings.Contains(t, "工作报告"):
			kinds[i] = lineReportHead
		case b.kind == kindHeading || b.kind == kindTitle || question(t) || headingShaped(t) && !itemBeforeSibling(body, i):
			kinds[i] = lineHeading
		case plainHeadingShaped(t) && i+1 < len(body):
			kinds[i] = linePlainHead
		default:
			next := ""
			if i+1 < len(body) {
				next = body[i+1].text
			}
			solo[i] = soloShaped(t, next)
		}
	}
	// A one-sentence line heads the paragraph after it only where the page
	// does this repeatedly (bold lead lines); once alone, it is a paragraph.
	for i := range body {
		if !solo[i] {
			continue
		}
		for j := max(0, i-4); j <= min(len(body)-1, i+4); j++ {
			if j != i && solo[j] {
				kinds[i] = lineSoloHead
				break
			}
		}
	}
	return kinds
}

// itemBeforeSibling reports whether a short numbered line that ends a
// sentence is an item of a list rather than a heading: the next line is
// numbered at the same rank (（二十）…政策。 then （二十一）…), where a heading
// would be followed by its own text.
func itemBeforeSibling(body []block, i int) bool {
	if !endsSentence(body[i].text) || i+1 >= len(body) {
		return false
	}
	rank, _ := numberRank(body[i].text)
	next, _ := numberRank(body[i+1].text)
	return rank >= 0 && next == rank && !headingShaped(body[i+1].text)
}

// question reports whether a line is a question of a press Q&A (问：…？),
// which heads the answer after it.
func question(s string) bool {
	return (strings.HasPrefix(s, "问：") || strings.HasPrefix(s, "问:")) && runeLen(s) <= 100
}

// soloShaped reports whether line is a single short sentence followed by a
// much longer paragraph, as a bold lead line is.
func soloShaped(line, next string) bool {
	n := runeLen(line)
	if rank, _ := numberRank(line); rank >= 0 {
		return false
	}
	if n < 6 || n > 32 || next == "" || strings.HasPrefix(line, "各位") || headingShaped(next) {
		return false
	}
	body := strings.TrimRight(trimClosers(line), "。.！!")
	if body == line || strings.ContainsAny(body, "。！？!?；;") {
		return false
	}
	return runeLen(next) >= 2*n && runeLen(next) >= 40
}

// restartsNumbering reports whether the lines after a plain heading begin a
// fresh numbered list (一、 or 1.), as after 名词解释 or 附件.
func restartsNumbering(rest []block) bool {
	for _, b := range rest[:min(len(rest), 3)] {
		t := b.text
		if strings.HasPrefix(t, "1.") || strings.HasPrefix(t, "1．") || strings.HasPrefix(t, "1、") || strings.HasPrefix(t, "一、") || strings.HasPrefix(t, "（一）") {
			return true
		}
	}
	return false
}

// runInHeading returns the bold-style heading a paragraph opens with, if
// any: a numbered lead ("（一）着力扩大内需。…", "1.“两重”：…"), or a short
// first sentence without inner punctuation where a neighbouring paragraph
// under the same heading opens the same way.
func runInHeading(text string, body []block, i int, kinds []lineKind) (string, int) {
	if rank, n := numberRank(text); rank >= 0 {
		if reArticle.MatchString(text) {
			return strings.TrimSpace(text[:n]), rank // 第三条 heads its article
		}
		if h := leadOf(text, 50); h != "" && n < len(h) {
			return h, rank
		}
		return "", 0
	}
	h := leadSentence(text)
	if h == "" {
		return "", 0
	}
	for _, j := range []int{i - 1, i + 1} {
		if j >= 0 && j < len(body) && kinds[j] == linePara && leadSentence(body[j].text) != "" {
			return h, runInRank
		}
	}
	return "", 0
}

// leadSentence returns a paragraph's first sentence without its full stop
// when it is short (4–20 characters), has no inner punctuation, and more
// text follows.
func leadSentence(text string) string {
	i := strings.IndexAny(text, "。！!")
	if i <= 0 {
		return ""
	}
	s := text[:i]
	n := runeLen(s)
	if strings.HasPrefix(s, "各位") || n < 4 || n > 20 || hasAnyPunct(s) || runeLen(text[i:]) < 10 {
		return ""
	}
	return s
}

// leadOf returns a numbered paragraph's lead: the text up to its first
// colon or full stop ("（一）突出扩大内需战略基点，…扩投资"), when that is
// at most max characters and a single clause list.
func leadOf(text string, max int) string {
	i := strings.IndexAny(text, "：:。")
	if i <= 0 {
		return ""
	}
	s := text[:i]
	if runeLen(s) > max || strings.ContainsAny(s, "；;") {
		return ""
	}
	return s
}

// outline is the stack of open headings while paragraphs are numbered.
type outline struct {
	stack []openSection
}

type openSection struct {
	sec   *Section
	rank  int
	scope scope
}

// scope is how far an open heading reaches.
type scope int

const (
	scopeOpen scope = iota // until the next heading of its rank or above
	scopePara              // the paragraph that opens with it
	scopeLed               // its paragraph and the bold-led paragraphs after it
)

func (o *outline) push(r *Report, title string, rank int, sc scope) {
	for len(o.stack) > 0 && o.stack[len(o.stack)-1].rank >= rank {
		o.stack = o.stack[:len(o.stack)-1]
	}
	s := &Section{Title: title, Level: len(o.stack) + 1}
	if len(o.stack) == 0 {
		r.Sections = append(r.Sections, s)
	} else {
		p := o.stack[len(o.stack)-1].sec
		p.Children = append(p.Children, s)
	}
	o.stack = append(o.stack, openSection{sec: s, rank: rank, scope: sc})
}

func (o *outline) popRunIn() { o.popScope(scopePara) }

func (o *outline) popLed() { o.popScope(scopeLed) }

func (o *outline) popScope(sc scope) {
	if n := len(o.stack); n > 0 && o.stack[n-1].scope == sc {
		o.stack = o.stack[:n-1]
	}
}

func (o *outline) markFirst(n int) {
	for _, s := range o.stack {
		if s.sec.First == 0 {
			s.sec.First = n
		}
	}
}

func (o *outline) path() []string {
	if len(o.stack) == 0 {
		return nil
	}
	p := make([]string, len(o.stack))
	for i, s := range o.stack {
		p[i] = s.sec.Title
	}
	return p
}

// Load reads a report from a file path or an http(s) URL with the default
// loader.
func Load(ctx context.Context, src string) (*Report, error) {
	return (&Loader{}).Load(ctx, src)
}
