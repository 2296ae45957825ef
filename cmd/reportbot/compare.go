package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/reportbot/reportbot/bot"
	"github.com/reportbot/reportbot/bot/chart"
	"github.com/reportbot/reportbot/knowledge"
	"github.com/reportbot/reportbot/rag"
)

// compareJSON is the wire form of `targets -compare -json`.
type compareJSON struct {
	Reports []compareReportJSON `json:"reports"`
	Rows    []compareRowJSON    `json:"rows"`
}

type compareReportJSON struct {
	ID         string `json:"id"`
	Title      string `json:"title"`
	Government string `json:"government"`
	Year       int    `json:"year"`
}

type compareRowJSON struct {
	Indicator string                     `json:"indicator"`
	Values    map[string]compareCellJSON `json:"values"`
	// Change says, per government with two years in the table, how the
	// later target moved against the earlier: 提高, 持平 or 降低.
	Change map[string]string `json:"change,omitempty"`
}

type compareCellJSON struct {
	Text      string      `json:"text"`
	Paragraph int         `json:"paragraph"`
	Previous  *resultJSON `json:"previous,omitempty"`
}

// cmdCompare lines up the main targets of the library's reports (all of
// them, or those named by ID) by indicator.
func cmdCompare(ctx context.Context, e *env, ids []string, asJSON bool, chartFile, indicator string) error {
	lib, err := openLibrary(ctx, e, newLogger(e, slog.LevelWarn))
	if err != nil {
		return fmt.Errorf("targets -compare: %w", err)
	}
	var full []string
	for _, id := range ids {
		f, err := matchID(lib.Reports(), id)
		if err != nil {
			return err
		}
		full = append(full, f)
	}
	c, err := lib.Compare(full)
	if err != nil {
		if len(ids) > 0 {
			return usagef("targets -compare: name two or more reports (see reportbot list)")
		}
		return usagef("targets -compare: load two or more reports first (reportbot load PATH|URL…); the library has %d", len(lib.Reports()))
	}
	if chartFile != "" {
		if _, ok := namedRow(c, indicator); indicator != "" && !ok {
			return usagef("targets -chart: -indicator %q names no indicator two or more of these reports set as a figure", indicator)
		}
		if err := writeChart(chartFile, botComparison(c, indicator)); err != nil {
			return err
		}
	}
	out := compareJSON{}
	for _, ri := range c.Reports {
		out.Reports = append(out.Reports, compareReportJSON{ID: ri.ID, Title: ri.Title, Government: ri.Government, Year: ri.Year})
	}
	for _, row := range c.Rows {
		r := compareRowJSON{Indicator: row.Indicator, Values: map[string]compareCellJSON{}, Change: row.Change}
		for id, t := range row.Cells {
			cell := compareCellJSON{Text: t.Goal(), Paragraph: t.Paragraph}
			if p := t.Previous; p != nil {
				cell.Previous = &resultJSON{Value: p.Value, Text: p.Text, Paragraph: p.Paragraph}
			}
			r.Values[id] = cell
		}
		out.Rows = append(out.Rows, r)
	}
	if asJSON {
		return writeJSON(e.stdout, out)
	}
	writeCompareTable(e.stdout, out)
	return nil
}

func writeCompareTable(w io.Writer, c compareJSON) {
	head := []string{"指标 Indicator"}
	for _, r := range c.Reports {
		head = append(head, strings.TrimSuffix(orDash(r.Government), "人民政府")+" "+strconv.Itoa(r.Year))
	}
	rows := [][]string{head}
	var notes []string
	for _, row := range c.Rows {
		line := []string{row.Indicator}
		for _, r := range c.Reports {
			cell, ok := row.Values[r.ID]
			if !ok {
				line = append(line, "—")
				continue
			}
			prev := ""
			if cell.Previous != nil {
				prev = cell.Previous.Value
			}
			line = append(line, compareCell(cell.Text, cell.Paragraph, prev))
		}
		rows = append(rows, line)
		govs := make([]string, 0, len(row.Change))
		for g := range row.Change {
			govs = append(govs, g)
		}
		sort.Strings(govs)
		for _, g := range govs {
			if row.Change[g] != "" {
				notes = append(notes, changeNote(row.Indicator, g, row.Change[g]))
			}
		}
	}
	widths := make([]int, len(head))
	for _, row := range rows {
		for i, cell := range row {
			widths[i] = max(widths[i], displayWidth(cell))
		}
	}
	for _, row := range rows {
		var b strings.Builder
		for i, cell := range row {
			b.WriteString(cell)
			if i < len(row)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-displayWidth(cell)+2))
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
	if len(notes) > 0 {
		fmt.Fprintln(w)
		for _, n := range notes {
			fmt.Fprintln(w, n)
		}
	}
}

// compareCell is one report's target in a comparison: 5%左右 §32（上年 5.4%）.
func compareCell(goal string, para int, previous string) string {
	s := goal + " §" + strconv.Itoa(para)
	if previous != "" {
		s += "（上年 " + previous + "）"
	}
	return s
}

// changeNote says how a government's target moved: 地区生产总值增长：河北省目标降低.
func changeNote(indicator, government, change string) string {
	return fmt.Sprintf("%s：%s目标%s", indicator, strings.TrimSuffix(government, "人民政府"), change)
}

// quantity reads a figure as written for the chart: a range counts by its
// middle; nil when value states no figure with a unit.
func quantity(value, label string) *bot.Quantity {
	fs := knowledge.Figures(value)
	if len(fs) == 0 || fs[0].Bare() {
		return nil
	}
	return &bot.Quantity{Value: (fs[0].Value + fs[0].High) / 2, Unit: fs[0].Unit, Label: label}
}

// chartRow picks the indicator to chart: the one the words name (GDP,
// 失业率, 居民消费价格), else the first that two or more reports state as
// a figure; -1 when none is.
func chartRow(c rag.Comparison, words string) int {
	if i, ok := namedRow(c, words); ok {
		return i
	}
	for i, row := range c.Rows {
		if rowFigures(row) >= 2 {
			return i
		}
	}
	return -1
}

// rowFigures counts the reports that state a row's target as a figure.
func rowFigures(row rag.ComparisonRow) int {
	n := 0
	for _, t := range row.Cells {
		if quantity(t.Value, "") != nil {
			n++
		}
	}
	return n
}

// namedRow is the row of the indicator the words name (GDP, 失业率) that
// two or more reports state as a figure.
func namedRow(c rag.Comparison, words string) (int, bool) {
	key := func(row rag.ComparisonRow) string {
		for _, t := range row.Cells { // one key for the whole row
			return strings.TrimRight(t.Key(), "↑↓")
		}
		return ""
	}
	for _, w := range strings.Fields(words) {
		k := strings.TrimRight(knowledge.Target{Indicator: w}.Key(), "↑↓")
		if _, place := knowledge.ProvinceOf(w); place || utf8.RuneCountInString(k) < 2 {
			continue
		}
		for i, row := range c.Rows {
			if strings.Contains(key(row), k) && rowFigures(row) >= 2 {
				return i, true
			}
		}
	}
	return -1, false
}

// botComparison is c as the bot shows it, and as charts draw it; words may
// name the indicator to chart.
func botComparison(c rag.Comparison, words string) bot.Comparison {
	out := bot.Comparison{}
	for _, ri := range c.Reports {
		out.Reports = append(out.Reports, ri.ShortName())
	}
	out.Chart = chartRow(c, words)
	for _, row := range c.Rows {
		r := bot.ComparisonRow{Indicator: row.Indicator}
		for _, ri := range c.Reports {
			cell := ""
			var target, previous *bot.Quantity
			if t, ok := row.Cells[ri.ID]; ok {
				prev := ""
				if t.Previous != nil {
					prev = t.Previous.Value
					previous = quantity(prev, prev)
				}
				cell = compareCell(t.Goal(), t.Paragraph, prev)
				target = quantity(t.Value, t.Goal())
			}
			r.Cells = append(r.Cells, cell)
			r.Targets = append(r.Targets, target)
			r.Previous = append(r.Previous, previous)
		}
		out.Rows = append(out.Rows, r)
		for g, w := range row.Change {
			out.Notes = append(out.Notes, changeNote(row.Indicator, g, w))
		}
	}
	sort.Strings(out.Notes)
	return out
}

// writeChart draws the comparison's chart row into file, written aside and
// renamed so a failure leaves no half-written picture.
func writeChart(file string, c bot.Comparison) error {
	bars, ok := bot.ComparisonChart(c)
	if !ok {
		return fmt.Errorf("targets -chart: no indicator is stated as a figure by two or more of these reports")
	}
	data, err := chart.PNG(bars)
	if err != nil {
		return fmt.Errorf("targets -chart: %w", err)
	}
	tmp := file + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return fmt.Errorf("targets -chart: %w", err)
	}
	if err := os.Rename(tmp, file); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("targets -chart: %w", err)
	}
	return nil
}
