// Package mrkdwn renders Markdown as chat models write it (bold, lists,
// headings, links, code, tables) for the surfaces reportbot answers on:
// Slack's mrkdwn, which differs from Markdown, and plain text for a
// terminal. It parses with goldmark (GitHub-flavoured), so what a model
// means by its Markdown is what is rendered.
package mrkdwn

import (
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

var md = goldmark.New(goldmark.WithExtensions(extension.GFM))

// Slack returns md as Slack mrkdwn: **bold** and headings as *bold*,
// *italic* as _italic_, lists with • and numbers, [text](url) as <url|text>,
// ~~struck~~ as ~struck~, table rows as lines of cells. Text is escaped (&,
// <, >), so nothing in it becomes a mention or a link by accident.
func Slack(source string) string { return render(source, true) }

// Plain returns md as plain text for a terminal: the same lines, with the
// Markdown punctuation gone and links written as text (url).
func Plain(source string) string { return render(source, false) }

// zwsp lets Slack see a formatting mark next to CJK text or punctuation,
// where it otherwise ignores it (控制在*3%*以内).
const zwsp = "\u200b"

func render(source string, slack bool) string {
	src := []byte(source)
	doc := md.Parser().Parse(text.NewReader(src))
	r := &renderer{src: src, slack: slack}
	r.blocks(doc, "")
	return strings.TrimRight(strings.Join(r.lines, "\n"), "\n ")
}

type renderer struct {
	src   []byte
	slack bool
	lines []string
}

// blocks renders the block children of n, each line prefixed by indent.
func (r *renderer) blocks(n ast.Node, indent string) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		r.block(c, indent)
	}
}

func (r *renderer) add(indent, s string) {
	for _, l := range strings.Split(s, "\n") {
		r.lines = append(r.lines, indent+l)
	}
}

func (r *renderer) block(n ast.Node, indent string) {
	switch n := n.(type) {
	case *ast.Heading:
		t := r.inlines(n)
		if r.slack && t != "" {
			t = zwsp + "*" + t + "*" + zwsp
		}
		r.add(indent, t)
	case *ast.Paragraph, *ast.TextBlock:
		r.add(indent, r.inlines(n))
	case *ast.List:
		i := n.Start
		for item := n.FirstChild(); item != nil; item = item.NextSibling() {
			mark := "• "
			if n.IsOrdered() {
				mark = strconv.Itoa(i) + ". "
				i++
			}
			first := len(r.lines)
			r.blocks(item, indent+strings.Repeat(" ", len([]rune(mark))))
			if first < len(r.lines) {
				r.lines[first] = indent + mark + strings.TrimPrefix(r.lines[first], indent+strings.Repeat(" ", len([]rune(mark))))
			} else {
				r.lines = append(r.lines, indent+mark)
			}
		}
	case *ast.Blockquote:
		prefix := "> "
		if !r.slack {
			prefix = "  "
		}
		r.blocks(n, indent+prefix)
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		var b strings.Builder
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			b.Write(seg.Value(r.src))
		}
		code := strings.TrimRight(b.String(), "\n")
		if r.slack {
			code = "```\n" + escape(code) + "\n```"
		}
		r.add(indent, code)
	case *ast.ThematicBreak:
		r.add(indent, "———")
	case *east.Table:
		for row := n.FirstChild(); row != nil; row = row.NextSibling() {
			var cells []string
			for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
				cells = append(cells, r.inlines(cell))
			}
			line := strings.Join(cells, " | ")
			if _, head := row.(*east.TableHeader); head && r.slack {
				line = zwsp + "*" + line + "*" + zwsp
			}
			r.add(indent, line)
		}
	case *ast.HTMLBlock:
		var b strings.Builder
		for i := 0; i < n.Lines().Len(); i++ {
			seg := n.Lines().At(i)
			b.Write(seg.Value(r.src))
		}
		r.add(indent, r.text(strings.TrimRight(b.String(), "\n")))
	default:
		r.blocks(n, indent)
	}
}

// inlines renders the inline children of n as one string.
func (r *renderer) inlines(n ast.Node) string {
	var b strings.Builder
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		r.inline(&b, c)
	}
	return strings.TrimSpace(b.String())
}

func (r *renderer) inline(b *strings.Builder, n ast.Node) {
	switch n := n.(type) {
	case *ast.Text:
		b.WriteString(r.text(string(n.Segment.Value(r.src))))
		switch {
		case n.HardLineBreak() || n.SoftLineBreak():
			b.WriteString("\n")
		}
	case *ast.String:
		b.WriteString(r.text(string(n.Value)))
	case *ast.Emphasis:
		inner := r.inlines(n)
		if !r.slack || inner == "" {
			b.WriteString(inner)
			return
		}
		mark := "_"
		if n.Level >= 2 {
			mark = "*"
		}
		b.WriteString(zwsp + mark + inner + mark + zwsp)
	case *east.Strikethrough:
		inner := r.inlines(n)
		if r.slack && inner != "" {
			inner = zwsp + "~" + inner + "~" + zwsp
		}
		b.WriteString(inner)
	case *ast.CodeSpan:
		var c strings.Builder
		for t := n.FirstChild(); t != nil; t = t.NextSibling() {
			if s, ok := t.(*ast.Text); ok {
				c.Write(s.Segment.Value(r.src))
			}
		}
		if r.slack {
			b.WriteString("`" + escape(c.String()) + "`")
		} else {
			b.WriteString(c.String())
		}
	case *ast.Link:
		r.link(b, string(n.Destination), r.inlines(n))
	case *ast.AutoLink:
		u := string(n.URL(r.src))
		r.link(b, u, u)
	case *ast.Image:
		r.link(b, string(n.Destination), r.inlines(n))
	case *ast.RawHTML:
		for i := 0; i < n.Segments.Len(); i++ {
			seg := n.Segments.At(i)
			b.WriteString(r.text(string(seg.Value(r.src))))
		}
	default:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			r.inline(b, c)
		}
	}
}

// link writes a link: <url|text> in Slack (only http, https and mailto, so
// a model cannot make other schemes clickable), text (url) in plain text.
func (r *renderer) link(b *strings.Builder, url, label string) {
	safe := strings.HasPrefix(url, "https://") || strings.HasPrefix(url, "http://") || strings.HasPrefix(url, "mailto:")
	switch {
	case r.slack && safe && (label == "" || label == escape(url)):
		b.WriteString("<" + strings.NewReplacer("|", "%7C", ">", "%3E", "<", "%3C").Replace(url) + ">")
	case r.slack && safe:
		b.WriteString("<" + strings.NewReplacer("|", "%7C", ">", "%3E", "<", "%3C").Replace(url) + "|" + strings.ReplaceAll(label, "|", "｜") + ">")
	case label == "" || label == url || label == escape(url):
		b.WriteString(r.text(url))
	default:
		b.WriteString(label + " (" + r.text(url) + ")")
	}
}

func (r *renderer) text(s string) string {
	if r.slack {
		return escape(s)
	}
	return s
}

// escape makes text safe inside mrkdwn.
func escape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}
