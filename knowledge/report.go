// Package knowledge turns a government work report (政府工作报告) as found —
// a web page, a text file, a Word document, in UTF-8 or GBK — into clean,
// numbered paragraphs with their section headings and metadata — among them
// the header facts (when, where and by whom it was delivered) and the names
// the report's own area goes by — dates every paragraph, item and clause
// with the time it speaks of (Scopes, from the one time-word table,
// TimeWords) and extracts the report's targets. It does no logging and no I/O beyond reading the source it is given.
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
	// Kind is what the document is: "政府工作报告" for a work report, or
	// the kind a policy document's title ends in ("通知", "意见", "实施方案",
	// "公告", "答记者问" …).
	Kind string
	// Issuer is the body that issued a policy document, as its title,
	// information table or signature names it ("国务院办公厅"); "" for a
	// work report.
	Issuer string
	// Number is a policy document's number ("国办发〔2018〕123号"), or "".
	Number string
	// Delivery is the header line saying when and where the report was
	// delivered ("——2026年1月25日在北京市第十六届人民代表大会第四次会议上"),
	// or nil when the report has none.
	Delivery *Fact
	// Speakers are the header lines naming who delivered the report, in
	// reading order: bylines ("北京市市长 殷勇") and captions saying so
	// ("殷勇同志作政府工作报告。").
	Speakers []Fact
	// Places are the names the report's own area goes by, longest first:
	// its name with and without its administrative unit and the peoples in
	// it, alone and after the areas containing it, and the words the
	// report uses for it (宁波市镇海区 → 宁波市镇海区, 宁波镇海区, 镇海区, 镇海,
	// 全区, 本区, 我区, 区里, 区政府 …). Names are NFKC, without spaces,
	// brackets or quotes. Empty for the State Council's report.
	Places []string
	// Within are the names of the areas containing the report's own,
	// outermost first, each with and without its unit (宁波市, 宁波 for
	// 宁波市镇海区). A question naming one alone may be about that area.
	Within []string
	// Source names where the report came from (file path, URL or upload name).
	Source string
	// Warnings say what was wrong with the source although it loaded, once
	// each: WarnTruncated.
	Warnings []string
	// Sections is the heading tree, in reading order.
	Sections []*Section
	// Paragraphs are the report's body paragraphs (headings excluded).
	Paragraphs []Paragraph
}

// KindWorkReport is the Kind of a government work report; policy
// documents carry their own (通知, 意见, 实施方案, …).
const KindWorkReport = "政府工作报告"

// WarnTruncated is the warning of a source cut off in the middle of a
// character: the valid text before the cut was loaded.
const WarnTruncated = "文件不完整：结尾截断在一个字符中间，已读入截断前的文本 (the file is truncated: it ends in the middle of a character; the text before the cut was loaded)"

// Fact is one line of the report's header with what it states: the
// delivery line, or a line naming the speaker. Fields that do not apply to
// the line, or that it does not state separably, are empty.
type Fact struct {
	// Paragraph is the number of the paragraph that is the line.
	Paragraph int
	// Text is the paragraph's text, verbatim.
	Text string
	// Date is the delivery date as YYYY-MM-DD (delivery line).
	Date string
	// Venue is the meeting the report was delivered at, e.g.
	// "北京市第十六届人民代表大会第四次会议" (delivery line).
	Venue string
	// Name is the speaker's name, e.g. "殷勇" (speaker line).
	Name string
	// Office is the speaker's title as the line gives it, e.g. "北京市市长",
	// "国务院总理" (speaker line).
	Office string
	// Caption marks a sentence saying that the speaker delivered the report
	// ("殷勇同志作政府工作报告。"), as opposed to a byline that names them.
	Caption bool
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

// Opening returns the paragraphs before the report's first heading, at
// most eight: its header (delivery line, speaker) and opening address.
func (r *Report) Opening() []Paragraph {
	n := len(r.Paragraphs)
	for _, s := range r.Sections {
		if s.First > 0 {
			n = s.First - 1
			break
		}
	}
	return r.Paragraphs[:min(n, 8, len(r.Paragraphs))]
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
