package knowledge

import (
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// markdownBlocks parses Markdown and returns its block-level texts: ATX and
// setext headings as headings, paragraphs, list items and quotes as text.
// Inline markup (emphasis, links, code) is reduced to its text; images and
// raw HTML are dropped.
func markdownBlocks(src string) []block {
	source := []byte(src)
	doc := goldmark.New().Parser().Parse(text.NewReader(source))
	var out []block
	var inlineText func(n ast.Node, b *strings.Builder)
	inlineText = func(n ast.Node, b *strings.Builder) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch t := c.(type) {
			case *ast.Text:
				// CommonMark leaves "**提振消费。**实施" unparsed (its
				// flanking rules misread CJK punctuation): drop the markers.
				v := strings.ReplaceAll(string(t.Segment.Value(source)), "**", "")
				b.WriteString(strings.ReplaceAll(v, "__", ""))
				if t.SoftLineBreak() || t.HardLineBreak() {
					b.WriteByte('\n')
				}
			case *ast.String:
				b.Write(t.Value)
			case *ast.Image, *ast.RawHTML:
			case *ast.CodeSpan:
				inlineText(t, b)
			default:
				inlineText(c, b)
			}
		}
	}
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch t := c.(type) {
			case *ast.Heading:
				var b strings.Builder
				inlineText(t, &b)
				kind := kindHeading
				if t.Level == 1 {
					kind = kindTitle
				}
				out = append(out, block{text: b.String(), kind: kind})
			case *ast.Paragraph, *ast.TextBlock:
				var b strings.Builder
				inlineText(t, &b)
				// A soft line break inside a Markdown paragraph is the
				// author's wrapping, except where lines are whole
				// paragraphs of a report pasted without blank lines.
				for _, line := range strings.Split(b.String(), "\n") {
					out = append(out, block{text: line})
				}
			case *ast.FencedCodeBlock, *ast.CodeBlock:
				lines := t.Lines()
				for i := 0; i < lines.Len(); i++ {
					seg := lines.At(i)
					out = append(out, block{text: string(seg.Value(source))})
				}
			case *ast.HTMLBlock, *ast.ThematicBreak:
			default:
				walk(c)
			}
		}
	}
	walk(doc)
	return out
}
