// Package knowledge turns a government work report (政府工作报告) as found —
// a web page, a text file, a Word document, in UTF-8 or GBK — into clean,
// numbered paragraphs with their section headings and metadata, and extracts
// the report's targets. It does no logging and no I/O beyond reading the
// source it is given.
package knowledge

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// Report is one cleaned report. Paragraph numbers (Paragraph.N) run 1..N in
// reading order and are what citations show, so they are stable for the same
// input.
type Report struct {
	// Title is the report's own title, e.g. "2026年北京市政府工作报告".
	Title string
	// Government is the issuing government, e.g. "北京市人民政府".
	Government string
	// Date is the delivery date as YYYY-MM-DD, or "" when the report does not give it.
	Date string
	// Year is the year "今年" means in the report: the year whose plan it sets out.
	Year int
	// Source names where the report came from (file path, URL or upload name).
	Source string
	// Sections is the heading tree, in reading order.
	Sections []*Section
	// Paragraphs are the report's body paragraphs (headings excluded).
	Paragraphs []Paragraph
}

// Section is one heading of the report's outline.
type Section struct {
	// Title is the heading as written, e.g. "二、2023年工作安排".
	Title string
	// Level is the heading's depth in the outline, 1 for the outermost
	// (附件, 一、 or an unnumbered part title), deeper for （一）, 1. and
	// bold run-in headings under it.
	Level int
	// First is the number of the first paragraph under this heading (0 if none).
	First int
	// Children are the sub-headings.
	Children []*Section
}

// Paragraph is one numbered body paragraph.
type Paragraph struct {
	// N is the paragraph number, 1-based, in reading order.
	N int
	// Section is the heading path, outermost first; empty before the first heading.
	Section []string
	// Text is the paragraph verbatim (whitespace trimmed).
	Text string
	// Sentences is Text split on sentence punctuation; joined they give Text.
	Sentences []string
}

// SectionPath returns the heading path joined with " / ".
func (p Paragraph) SectionPath() string { return strings.Join(p.Section, " / ") }

// ID returns a short stable identifier derived from the report's text, so the
// same report loaded twice gets the same ID.
func (r *Report) ID() string {
	h := sha256.New()
	for _, p := range r.Paragraphs {
		h.Write([]byte(p.Text))
		h.Write([]byte{'\n'})
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// Paragraph returns paragraph n (1-based) and whether it exists.
func (r *Report) Paragraph(n int) (Paragraph, bool) {
	if n < 1 || n > len(r.Paragraphs) {
		return Paragraph{}, false
	}
	return r.Paragraphs[n-1], true
}

// Chunk is a retrieval unit: a whole paragraph, or a run of its sentences
// when the paragraph is long. It keeps its paragraph's number and section.
type Chunk struct {
	// ID is "p<N>" or "p<N>.<part>", unique within a report.
	ID string
	// Paragraph is the number of the paragraph the chunk comes from.
	Paragraph int
	// Part counts the chunks of one paragraph from 0.
	Part int
	// Section is the paragraph's heading path.
	Section []string
	// Text is the chunk's text, verbatim from the paragraph.
	Text string
}
