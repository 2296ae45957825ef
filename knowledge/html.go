package knowledge

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// block is one line of text as the source's markup delivers it, before
// cleaning: a paragraph, a heading or a page title.
type block struct {
	text string
	kind blockKind
}

type blockKind int

const (
	kindText    blockKind = iota
	kindHeading           // the markup says heading (HTML h2–h6, Markdown #)
	kindTitle             // the markup says document title (HTML <title>/<h1>)
	kindHeader            // a line of the report's header kept as a paragraph
	kindRow               // a table row, its cells joined by " | "
)

// skipped elements never hold report text.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Svg: true, atom.Iframe: true, atom.Form: true, atom.Input: true,
	atom.Select: true, atom.Button: true, atom.Textarea: true, atom.Nav: true,
	atom.Aside: true, atom.Footer: true, atom.Head: true, atom.Object: true,
	atom.Embed: true, atom.Canvas: true, atom.Video: true, atom.Audio: true,
}

// blockLevel elements end the line before and after them.
var blockLevel = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Br: true, atom.Li: true, atom.Ul: true,
	atom.Ol: true, atom.Tr: true, atom.Td: true, atom.Th: true, atom.Table: true,
	atom.Section: true, atom.Article: true, atom.Header: true, atom.Main: true,
	atom.Blockquote: true, atom.Pre: true, atom.H1: true, atom.H2: true,
	atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true, atom.Dd: true,
	atom.Dt: true, atom.Dl: true, atom.Hr: true, atom.Center: true, atom.Figure: true,
	atom.Figcaption: true, atom.Caption: true, atom.Address: true,
}

// htmlBlocks parses an HTML page and returns the lines of its main content:
// the smallest element that holds nearly all of the page's paragraph-like
// text, so that menus, sidebars and footers outside it fall away. The page
// title comes first as a kindTitle block.
func htmlBlocks(text string) ([]block, error) {
	doc, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return nil, err
	}
	var out []block
	if t := findFirst(doc, atom.Title); t != nil {
		if s := strings.TrimSpace(textOf(t)); s != "" {
			out = append(out, block{text: s, kind: kindTitle})
		}
	}
	root := findFirst(doc, atom.Body)
	if root == nil {
		root = doc
	}
	main := mainContent(root)
	if main != root {
		// The report's own title often sits just outside the content box.
		if h := findFirst(root, atom.H1); h != nil && !contains(main, h) {
			if s := strings.TrimSpace(textOf(h)); s != "" {
				out = append(out, block{text: s, kind: kindTitle})
			}
		}
	}
	if main != root {
		out = append(out, labelRows(root, main)...)
	}
	w := &htmlWriter{}
	w.walk(main)
	w.flush()
	return append(out, w.blocks...), nil
}

// htmlWriter flattens a DOM subtree into lines.
type htmlWriter struct {
	buf    strings.Builder
	kind   blockKind
	blocks []block
}

func (w *htmlWriter) flush() {
	if s := strings.TrimSpace(unescapeTwice(w.buf.String())); s != "" {
		w.blocks = append(w.blocks, block{text: s, kind: w.kind})
	}
	w.buf.Reset()
	w.kind = kindText
}

func (w *htmlWriter) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.buf.WriteString(collapseSpace(n.Data))
		return
	case html.ElementNode:
		if skipped[n.DataAtom] || hidden(n) {
			return
		}
	}
	if n.Type == html.ElementNode && n.DataAtom == atom.Tr {
		if row, ok := tableRow(n); ok {
			w.flush()
			if row != "" {
				w.blocks = append(w.blocks, block{text: row, kind: kindRow})
			}
			return
		}
	}
	isBlock := n.Type == html.ElementNode && blockLevel[n.DataAtom]
	if isBlock {
		w.flush()
		switch n.DataAtom {
		case atom.H1:
			w.kind = kindTitle
		case atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
			w.kind = kindHeading
		}
	}
	if n.Type == html.ElementNode && n.DataAtom == atom.Img {
		return // alt texts are captions, not report text
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
	if isBlock {
		w.flush()
	}
}

// reEntity is an HTML entity: &ldquo; &#8220; &#x201C;.
var reEntity = regexp.MustCompile(`&(?:[a-zA-Z]{2,8}|#[0-9]{2,6}|#[xX][0-9a-fA-F]{2,5});`)

// unescapeTwice resolves entities left in a page's text after parsing: a
// CMS that escaped its text twice (&amp;ldquo;) shows &ldquo; to readers.
func unescapeTwice(s string) string {
	if !strings.Contains(s, "&") || !reEntity.MatchString(s) {
		return s
	}
	return html.UnescapeString(s)
}

// tableRow returns a table row of data as one line, its cells joined by
// " | " (指标 | 目标), so that a row's label and value stay together. A row
// whose cells hold paragraphs or other tables lays out the page instead of
// holding data: ok is false and its content is read as blocks.
func tableRow(tr *html.Node) (row string, ok bool) {
	var cells []string
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if c.DataAtom != atom.Td && c.DataAtom != atom.Th {
			return "", false
		}
		if holdsBlocks(c) {
			return "", false
		}
		if s := strings.TrimSpace(collapseSpace(unescapeTwice(visibleText(c)))); s != "" {
			cells = append(cells, s)
		}
	}
	return strings.Join(cells, " | "), true
}

// holdsBlocks reports whether n contains block-level elements other than
// line breaks.
func holdsBlocks(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (blockLevel[c.DataAtom] && c.DataAtom != atom.Br || holdsBlocks(c)) {
			return true
		}
	}
	return false
}

// visibleText is the text under n outside skipped and hidden elements,
// with line breaks as spaces.
func visibleText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
		case n.Type == html.ElementNode && (skipped[n.DataAtom] || hidden(n)):
			return
		case n.Type == html.ElementNode && n.DataAtom == atom.Br:
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// labelRows returns the data rows outside main that hold a page label —
// 发文机关：, 发文字号：, 成文日期： in a policy page's information table —
// so that the facts they state reach the metadata.
func labelRows(root, main *html.Node) []block {
	var out []block
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n == main || n.Type == html.ElementNode && (skipped[n.DataAtom] || hidden(n)) {
			return
		}
		if n.Type == html.ElementNode && n.DataAtom == atom.Tr {
			if row, ok := tableRow(n); ok {
				if strings.ContainsAny(row, ":：") {
					out = append(out, block{text: row, kind: kindRow})
				}
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return out
}

// hidden reports whether an element is hidden by its attributes.
func hidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch strings.ToLower(a.Key) {
		case "hidden":
			return true
		case "style":
			s := strings.ReplaceAll(strings.ToLower(a.Val), " ", "")
			if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}

// mainContent returns the deepest element under root that holds at least
// 90% of root's paragraph-like text (text in lines long enough and
// punctuated like prose), outside links.
func mainContent(root *html.Node) *html.Node {
	scores := map[*html.Node]int{}
	var score func(n *html.Node) int
	score = func(n *html.Node) int {
		if n.Type == html.ElementNode && (skipped[n.DataAtom] || n.DataAtom == atom.A || hidden(n)) {
			return 0
		}
		if n.Type == html.TextNode {
			if proseLike(n.Data) {
				return utf8.RuneCountInString(strings.TrimSpace(n.Data))
			}
			return 0
		}
		total := 0
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			total += score(c)
		}
		scores[n] = total
		return total
	}
	all := score(root)
	if all == 0 {
		return root
	}
	best := root
	for {
		var next *html.Node
		for c := best.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && scores[c]*10 >= all*9 {
				next = c
				break
			}
		}
		if next == nil {
			return best
		}
		best = next
	}
}

// proseLike reports whether a text node reads like report prose.
func proseLike(s string) bool {
	s = strings.TrimSpace(s)
	return utf8.RuneCountInString(s) >= 20 && strings.ContainsAny(s, "，。；,;")
}

func findFirst(n *html.Node, a atom.Atom) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == a {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := findFirst(c, a); f != nil {
			return f
		}
	}
	return nil
}

func contains(root, n *html.Node) bool {
	for p := n; p != nil; p = p.Parent {
		if p == root {
			return true
		}
	}
	return false
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(collapseSpace(n.Data))
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// collapseSpace turns runs of HTML white space (source line breaks and
// indentation) into one space, as a browser renders them.
func collapseSpace(s string) string {
	if !strings.ContainsAny(s, " \t\r\n\f") {
		return s
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		if r == ' ' || r == '\t' || r == '\r' || r == '\n' || r == '\f' {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}
