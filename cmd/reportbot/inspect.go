package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/reportbot/reportbot/knowledge"
)

func init() {
	register(command{
		name:    "inspect",
		summary: "show a report as reportbot reads it: metadata, sections, numbered paragraphs",
		run:     cmdInspect,
	})
}

func cmdInspect(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "inspect", "[-report PATH|URL] [-json]")
	src := fs.String("report", "", "report file or http(s) URL (default: the built-in 2023 镇海 report)")
	asJSON := fs.Bool("json", false, "print one JSON object")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("inspect takes no arguments, got %q", fs.Arg(0))
	}
	r, err := loadReport(ctx, e, *src)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeInspectJSON(e.stdout, r)
	}
	writeInspectText(e.stdout, r)
	return nil
}

type inspectJSON struct {
	Title      string          `json:"title"`
	Government string          `json:"government"`
	Date       string          `json:"date"`
	Year       int             `json:"year"`
	Source     string          `json:"source"`
	Kind       string          `json:"kind"`
	Issuer     string          `json:"issuer,omitempty"`
	Number     string          `json:"number,omitempty"`
	Warnings   []string        `json:"warnings,omitempty"`
	Delivery   *factJSON       `json:"delivery"`
	Speakers   []factJSON      `json:"speakers"`
	Places     []string        `json:"places"`
	Within     []string        `json:"within"`
	Paragraphs []paragraphJSON `json:"paragraphs"`
}

// factJSON is a header fact; what does not apply to its line is left out.
type factJSON struct {
	Paragraph int    `json:"paragraph"`
	Text      string `json:"text"`
	Date      string `json:"date,omitempty"`
	Venue     string `json:"venue,omitempty"`
	Name      string `json:"name,omitempty"`
	Office    string `json:"office,omitempty"`
	Caption   bool   `json:"caption,omitempty"`
}

func toFactJSON(f knowledge.Fact) factJSON {
	return factJSON{Paragraph: f.Paragraph, Text: f.Text, Date: f.Date, Venue: f.Venue, Name: f.Name, Office: f.Office, Caption: f.Caption}
}

type paragraphJSON struct {
	N       int    `json:"n"`
	Section string `json:"section"`
	Text    string `json:"text"`
}

func writeInspectJSON(w io.Writer, r *knowledge.Report) error {
	out := inspectJSON{Title: r.Title, Government: r.Government, Date: r.Date, Year: r.Year, Source: r.Source,
		Kind: r.Kind, Issuer: r.Issuer, Number: r.Number, Warnings: r.Warnings,
		Speakers: []factJSON{}, Places: append([]string{}, r.Places...), Within: append([]string{}, r.Within...)}
	if r.Delivery != nil {
		d := toFactJSON(*r.Delivery)
		out.Delivery = &d
	}
	for _, f := range r.Speakers {
		out.Speakers = append(out.Speakers, toFactJSON(f))
	}
	out.Paragraphs = make([]paragraphJSON, len(r.Paragraphs))
	for i, p := range r.Paragraphs {
		out.Paragraphs[i] = paragraphJSON{N: p.N, Section: p.SectionPath(), Text: p.Text}
	}
	return writeJSON(w, out)
}

func writeInspectText(w io.Writer, r *knowledge.Report) {
	for _, warn := range r.Warnings {
		fmt.Fprintf(w, "警告 Warning:     %s\n", warn)
	}
	fmt.Fprintf(w, "标题 Title:       %s\n", r.Title)
	if r.Kind != "" && r.Kind != "政府工作报告" {
		fmt.Fprintf(w, "类型 Kind:        %s\n", r.Kind)
		fmt.Fprintf(w, "发文 Issuer:      %s\n", orDash(r.Issuer))
		fmt.Fprintf(w, "文号 Number:      %s\n", orDash(r.Number))
	}
	fmt.Fprintf(w, "政府 Government:  %s\n", orDash(r.Government))
	fmt.Fprintf(w, "日期 Date:        %s\n", orDash(r.Date))
	venue := ""
	if d := r.Delivery; d != nil {
		venue = fmt.Sprintf("%s (§%d)", orDash(d.Venue), d.Paragraph)
	}
	fmt.Fprintf(w, "会议 Venue:       %s\n", orDash(venue))
	var speakers []string
	for _, f := range r.Speakers {
		speakers = append(speakers, fmt.Sprintf("%s (§%d)", f.Text, f.Paragraph))
	}
	fmt.Fprintf(w, "报告人 Speaker:   %s\n", orDash(strings.Join(speakers, "；")))
	fmt.Fprintf(w, "地名 Places:      %s\n", orDash(strings.Join(r.Places, " ")))
	fmt.Fprintf(w, "年份 Year:        %d\n", r.Year)
	fmt.Fprintf(w, "段落 Paragraphs:  %d\n", len(r.Paragraphs))
	fmt.Fprintln(w, "\n目录 Sections:")
	var tree func(ss []*knowledge.Section, depth int)
	tree = func(ss []*knowledge.Section, depth int) {
		for _, s := range ss {
			first := ""
			if s.First > 0 {
				first = fmt.Sprintf("  (§%d)", s.First)
			}
			fmt.Fprintf(w, "%s%s%s\n", strings.Repeat("  ", depth+1), s.Title, first)
			tree(s.Children, depth+1)
		}
	}
	tree(r.Sections, 0)
	fmt.Fprintln(w, "\n段落 Paragraphs:")
	for _, p := range r.Paragraphs {
		if sec := p.SectionPath(); sec != "" {
			fmt.Fprintf(w, "\n§%d  [%s]\n%s\n", p.N, sec, p.Text)
		} else {
			fmt.Fprintf(w, "\n§%d\n%s\n", p.N, p.Text)
		}
	}
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
