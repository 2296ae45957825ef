package bot

import (
	"context"
	"time"
)

// Question is what a user asked, as the answer engine needs it.
type Question struct {
	// Text is the question with the bot mention removed and whitespace trimmed.
	Text string
	// Report is the report of the channel asked in (/report use), for a
	// question that names no place or year; "" is the library's default.
	Report string
	// Context holds earlier questions of the same thread (or DM conversation),
	// oldest first, so that 「那CPI呢？」 can be read as a follow-up.
	Context []string
}

// Answer is the engine's reply to a Question.
type Answer struct {
	// Text is the answer itself: plain text (Slack mrkdwn characters are
	// escaped by the bot), or Markdown when Markdown is set.
	Text string
	// Markdown says Text is Markdown, as a chat model writes it: the bot
	// renders it as Slack mrkdwn.
	Markdown bool
	// Found reports whether the report answers the question. When false, Text
	// may explain what was looked for; the bot shows a not-found message otherwise.
	Found bool
	// Mode says how the answer was made, e.g. "extractive" or an LLM model name.
	Mode string
	// Degraded says why the answer was made with less than the usual
	// means (for example lexical retrieval only), or is "".
	Degraded string
	// ReportTitle and ReportYear name the report the answer comes from.
	ReportTitle string
	ReportYear  int
	// Citations are the paragraphs the answer rests on, in the order of their
	// markers [N] in Text.
	Citations []Citation
}

// Citation points at one paragraph of the report.
type Citation struct {
	// N is the marker number used in Answer.Text ([1], [2], ...).
	N int
	// Paragraph is the paragraph number in the report (shown as §Paragraph).
	Paragraph int
	// Section is the paragraph's heading path, e.g. "二、2026年工作安排 / （一）...".
	Section string
	// Quote is the sentence quoted from the paragraph.
	Quote string
	// Report names the report the paragraph is in, for an answer drawn
	// from several (广东省 2026); "" otherwise.
	Report string
}

// Answerer answers questions about the active report. It is implemented
// outside bot (the rag engine); bot only knows this interface.
type Answerer interface {
	Answer(ctx context.Context, q Question) (Answer, error)
}

// AnswererFunc adapts a function to Answerer.
type AnswererFunc func(ctx context.Context, q Question) (Answer, error)

// Answer calls f.
func (f AnswererFunc) Answer(ctx context.Context, q Question) (Answer, error) { return f(ctx, q) }

// TargetTable is the active report's list of targets (主要预期目标).
type TargetTable struct {
	ReportTitle string
	ReportYear  int
	Rows        []TargetRow
}

// TargetRow is one target, e.g. 地区生产总值增长 5%左右 (上年 5.2%).
type TargetRow struct {
	// Indicator names what is measured, e.g. "地区生产总值增长".
	Indicator string
	// Value is the target figure, e.g. "5%"; Qualifier how it is meant, e.g. "左右" or "以上".
	Value     string
	Qualifier string
	// Previous is last year's value where the report states it, else "".
	Previous string
	// Paragraph is the paragraph the target is stated in; Quote the sentence.
	Paragraph int
	Quote     string
}

// Targets lists the active report's targets.
type Targets interface {
	Targets(ctx context.Context) (TargetTable, error)
}

// TargetsFunc adapts a function to Targets.
type TargetsFunc func(ctx context.Context) (TargetTable, error)

// Targets calls f.
func (f TargetsFunc) Targets(ctx context.Context) (TargetTable, error) { return f(ctx) }

// Source is a report handed to a Reloader. The bot downloads URLs and Slack
// uploads itself, so that the http/https rule and the size and time limits
// hold in one place: Data is always set.
type Source struct {
	// URL is where the report was downloaded from ("" for an upload).
	URL string
	// Name is a file name or the URL; it hints at the format (.txt, .html, .docx).
	Name string
	// ContentType is the HTTP Content-Type or Slack mimetype, possibly with a charset.
	ContentType string
	// Data is the report's bytes.
	Data []byte
}

// Stage is a step of a reload, reported to the admin as it happens.
type Stage int

// Reload stages, in order. The bot itself reports StageDownloading.
const (
	StageDownloading Stage = iota // 下载中
	StageParsed                   // 解析完成 N 段: detail is the paragraph count
	StageEmbedding                // 向量化
	StageSwitched                 // 已切换
)

// ReportInfo describes a loaded report.
type ReportInfo struct {
	Title      string
	Year       int
	Paragraphs int
	// Source is where the report came from (path, URL or upload name).
	Source string
	// Warning is what the admin should know although the reload worked
	// (the data dir could not be written: the report is lost at restart).
	Warning string
}

// Status describes what is serving now, for /report status.
type Status struct {
	Report   ReportInfo
	LoadedAt time.Time
	// Mode is "extractive" or the LLM model answers are generated with.
	Mode string
	// Degraded lists why the bot serves with less than it should (a
	// damaged or read-only data dir, a report source it could not reach);
	// empty when all is well. /healthz and /report status show it.
	Degraded []string
}

// Reloader replaces the active report. Reload must build the new report
// aside and switch to it atomically only when everything succeeded: on error
// the old report keeps serving, and the error's text is shown to the admin as
// the reason. progress may be called with StageParsed (detail: the paragraph
// count), StageEmbedding and StageSwitched; it must not be called after
// Reload returns.
type Reloader interface {
	Reload(ctx context.Context, src Source, progress func(stage Stage, detail string)) (ReportInfo, error)
	Status() Status
}

// Deps are the services the bot talks to. Answerer and Reloader are
// required; without Targets, /report 目标 says targets are unavailable.
type Deps struct {
	Answerer Answerer
	Targets  Targets
	Reloader Reloader
	// Library, when set, lists the loaded reports (/report list) and
	// finds the one a channel uses (/report use).
	Library Library
}

// LibraryReport is one report of the library.
type LibraryReport struct {
	ID string
	// Name is how answers name it: 广东省 2026.
	Name  string
	Title string
	// Default marks the library's default report.
	Default bool
}

// Library is the set of loaded reports, as /report list, /report use and
// /report 目标 广东 北京 need it. It is implemented outside bot.
type Library interface {
	Reports() []LibraryReport
	// Find returns the reports a user's words name: an ID or its start, a
	// place, a year (广东, 河北 2024).
	Find(words string) []LibraryReport
	// Compare lines up the targets of the reports the words name.
	Compare(ctx context.Context, words string) (Comparison, error)
	// Remove takes the report with this ID out of the library (and its
	// data directory); the default moves to another report.
	Remove(ctx context.Context, id string) error
}

// Comparison is targets side by side: one row per indicator, one cell per
// report (Reports, in order; "" where a report sets none).
type Comparison struct {
	Reports []string // 广东省 2026
	Rows    []ComparisonRow
	// Notes say how a government's targets moved between its two years.
	Notes []string
	// Chart is the index of the row to draw as a bar chart (the indicator
	// the user named, else the one most reports set as a figure), or -1.
	Chart int
}

// ComparisonRow is one indicator across the reports.
type ComparisonRow struct {
	Indicator string
	Cells     []string // 5%左右 §32（上年 5.4%）
	// Targets and Previous are, per report as in Cells, the target and
	// last year's actual as quantities for the chart; nil where the report
	// states none or states it in words.
	Targets, Previous []*Quantity
}

// Quantity is a figure to draw: Value in Unit (a range by its middle),
// Label as the report writes it.
type Quantity struct {
	Value float64
	Unit  string // %, 亿元, …
	Label string // 4.5%—5%
}
