package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"golang.org/x/text/width"

	"github.com/reportbot/reportbot/knowledge"
)

func init() {
	register(command{
		name:    "targets",
		summary: "list the report's expected targets for its year (主要预期目标), with citations",
		run:     cmdTargets,
	})
}

func cmdTargets(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "targets", "[-report PATH|URL] [-json] | -compare [-report ID]… [-json] [-chart FILE.png [-indicator WORD]]")
	var reports listFlag
	fs.Var(&reports, "report", "report file or http(s) URL (default: the library's default report, or the built-in 2023 镇海 report); with -compare, a library report ID, repeatable (default: every report)")
	asJSON := fs.Bool("json", false, "print one JSON object")
	compare := fs.Bool("compare", false, "line up the main targets of the library's reports by indicator, one column per report")
	chartFile := fs.String("chart", "", "with -compare: also write a bar chart PNG of one indicator (targets and last year's actuals) to this file")
	indicator := fs.String("indicator", "", "with -chart: the indicator to draw (GDP, 失业率, 一般公共预算收入…; default: the first most reports state as a figure)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("targets takes no arguments, got %q", fs.Arg(0))
	}
	if *compare {
		return cmdCompare(ctx, e, reports, *asJSON, *chartFile, *indicator)
	}
	if *chartFile != "" || *indicator != "" {
		return usagef("targets: -chart and -indicator go with -compare")
	}
	if len(reports) > 1 {
		return usagef("targets: one -report, or -compare for several")
	}
	src := new(string)
	if len(reports) == 1 {
		*src = reports[0]
	}
	var r *knowledge.Report
	if *src == "" {
		r = defaultReport(ctx, e)
	} else {
		var err error
		if r, err = loadReport(ctx, e, *src); err != nil {
			return err
		}
		warnLoaded(e, r)
	}
	ts := knowledge.Targets(r)
	if *asJSON {
		return writeTargetsJSON(e.stdout, r, ts)
	}
	writeTargetsTable(e.stdout, r, ts)
	return nil
}

// targetsJSON is the wire form of `targets -json`: exactly one object.
type targetsJSON struct {
	Report  targetsReportJSON `json:"report"`
	Targets []targetJSON      `json:"targets"`
}

type targetsReportJSON struct {
	Title string `json:"title"`
	Year  int    `json:"year"`
}

type targetJSON struct {
	Indicator string      `json:"indicator"`
	Value     string      `json:"value"`
	Qualifier string      `json:"qualifier"`
	Text      string      `json:"text"`
	Paragraph int         `json:"paragraph"`
	Secondary bool        `json:"secondary"`
	Previous  *resultJSON `json:"previous"`
}

type resultJSON struct {
	Value     string `json:"value"`
	Text      string `json:"text"`
	Paragraph int    `json:"paragraph"`
}

func writeTargetsJSON(w io.Writer, r *knowledge.Report, ts []knowledge.Target) error {
	out := targetsJSON{Report: targetsReportJSON{Title: r.Title, Year: r.Year}, Targets: []targetJSON{}}
	for _, t := range ts {
		j := targetJSON{Indicator: t.Indicator, Value: t.Value, Qualifier: t.Qualifier, Text: t.Text,
			Paragraph: t.Paragraph, Secondary: t.Secondary}
		if p := t.Previous; p != nil {
			j.Previous = &resultJSON{Value: p.Value, Text: p.Text, Paragraph: p.Paragraph}
		}
		out.Targets = append(out.Targets, j)
	}
	return writeJSON(w, out)
}

// noTargetsMessage is what a report without a targets paragraph prints.
const noTargetsMessage = "该报告没有“主要预期目标”段落，未列出目标。 (The report has no 主要预期目标 paragraph: no targets listed.)"

func writeTargetsTable(w io.Writer, r *knowledge.Report, ts []knowledge.Target) {
	title := r.Title
	if title == "" {
		title = "(untitled report)"
	}
	if r.Year > 0 {
		title += fmt.Sprintf(" · %d年主要预期目标 Targets for %d", r.Year, r.Year)
	}
	fmt.Fprintln(w, title)
	fmt.Fprintln(w)
	if len(ts) == 0 {
		fmt.Fprintln(w, noTargetsMessage)
		return
	}
	rows := [][]string{{"指标 Indicator", "目标 Target", "去年 Last year", "出处 Source"}}
	var secondary [][]string
	for _, t := range ts {
		last := "—"
		if p := t.Previous; p != nil {
			last = p.Value + " §" + strconv.Itoa(p.Paragraph)
		}
		row := []string{t.Indicator, t.Goal(), last, "§" + strconv.Itoa(t.Paragraph)}
		if t.Secondary {
			secondary = append(secondary, row)
		} else {
			rows = append(rows, row)
		}
	}
	nMain := len(rows)
	rows = append(rows, secondary...)
	widths := make([]int, len(rows[0]))
	for _, row := range rows {
		for i, c := range row {
			widths[i] = max(widths[i], displayWidth(c))
		}
	}
	for i, row := range rows {
		if i == nMain && len(secondary) > 0 {
			fmt.Fprintln(w)
			fmt.Fprintln(w, "计划中的其他目标 Other targets in the year's plan:")
		}
		var b strings.Builder
		for j, c := range row {
			b.WriteString(c)
			if j < len(row)-1 {
				b.WriteString(strings.Repeat(" ", widths[j]-displayWidth(c)+2))
			}
		}
		fmt.Fprintln(w, b.String())
		if i == 0 {
			var rule strings.Builder
			for j, n := range widths {
				rule.WriteString(strings.Repeat("-", n))
				if j < len(widths)-1 {
					rule.WriteString("  ")
				}
			}
			fmt.Fprintln(w, rule.String())
		}
	}
}

// displayWidth is the number of terminal columns s takes: East Asian wide
// and full-width characters take two.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}

// listFlag is a flag that may be given several times.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(v string) error {
	*l = append(*l, v)
	return nil
}
