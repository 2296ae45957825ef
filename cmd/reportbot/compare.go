package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"sort"
	"strconv"
	"strings"

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
func cmdCompare(ctx context.Context, e *env, ids []string, asJSON bool) error {
	lib, err := openLibrary(ctx, e, newLogger(e, slog.LevelWarn))
	if err != nil {
		return fmt.Errorf("targets -compare: %w", err)
	}
	reports := lib.Reports()
	if len(ids) > 0 {
		var picked []rag.ReportInfo
		for _, id := range ids {
			full, err := matchID(reports, id)
			if err != nil {
				return err
			}
			for _, ri := range reports {
				if ri.ID == full {
					picked = append(picked, ri)
				}
			}
		}
		reports = picked
	}
	switch {
	case len(reports) < 2 && len(ids) > 0:
		return usagef("targets -compare: name two or more reports (see reportbot list)")
	case len(reports) < 2:
		return usagef("targets -compare: load two or more reports first (reportbot load PATH|URL…); the library has %d", len(reports))
	}
	sort.SliceStable(reports, func(i, j int) bool {
		if reports[i].Government != reports[j].Government {
			return reports[i].Government < reports[j].Government
		}
		return reports[i].Year < reports[j].Year
	})
	out := compareJSON{}
	rows := map[string]*compareRowJSON{}
	var order []string
	latest := map[string]map[string]knowledge.Target{} // key → government → target of its latest year so far
	for _, ri := range reports {
		ix, err := lib.Index(ri.ID)
		if err != nil {
			return fmt.Errorf("targets -compare: %w", err)
		}
		out.Reports = append(out.Reports, compareReportJSON{ID: ri.ID, Title: ri.Title, Government: ri.Government, Year: ri.Year})
		for _, t := range knowledge.Targets(ix.Report()) {
			if t.Secondary {
				continue
			}
			k := t.Key()
			row := rows[k]
			if row == nil {
				row = &compareRowJSON{Indicator: t.Indicator, Values: map[string]compareCellJSON{}}
				rows[k] = row
				order = append(order, k)
			}
			if _, ok := row.Values[ri.ID]; ok {
				continue // the first statement of it in this report
			}
			cell := compareCellJSON{Text: t.Goal(), Paragraph: t.Paragraph}
			if p := t.Previous; p != nil {
				cell.Previous = &resultJSON{Value: p.Value, Text: p.Text, Paragraph: p.Paragraph}
			}
			row.Values[ri.ID] = cell
			if ri.Government != "" {
				if latest[k] == nil {
					latest[k] = map[string]knowledge.Target{}
				}
				if before, ok := latest[k][ri.Government]; ok {
					if row.Change == nil {
						row.Change = map[string]string{}
					}
					row.Change[ri.Government] = change(before, t)
				}
				latest[k][ri.Government] = t
			}
		}
	}
	// The indicators most reports set come first, in the order first seen.
	sort.SliceStable(order, func(i, j int) bool { return len(rows[order[i]].Values) > len(rows[order[j]].Values) })
	for _, k := range order {
		out.Rows = append(out.Rows, *rows[k])
	}
	if asJSON {
		return writeJSON(e.stdout, out)
	}
	writeCompareTable(e.stdout, out)
	return nil
}

// change compares two years' targets for one indicator by their figures:
// 提高, 持平 or 降低 ("" when either has no figure or the units differ).
func change(before, after knowledge.Target) string {
	a, b := knowledge.Figures(before.Value), knowledge.Figures(after.Value)
	if len(a) == 0 || len(b) == 0 || a[0].Unit != b[0].Unit {
		return ""
	}
	x, y := (a[0].Value+a[0].High)/2, (b[0].Value+b[0].High)/2
	switch {
	case y > x:
		return "提高"
	case y < x:
		return "降低"
	}
	return "持平"
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
			s := cell.Text + " §" + strconv.Itoa(cell.Paragraph)
			if p := cell.Previous; p != nil {
				s += "（上年 " + p.Value + "）"
			}
			line = append(line, s)
		}
		rows = append(rows, line)
		govs := make([]string, 0, len(row.Change))
		for g := range row.Change {
			govs = append(govs, g)
		}
		sort.Strings(govs)
		for _, g := range govs {
			if row.Change[g] != "" {
				notes = append(notes, fmt.Sprintf("%s：%s目标%s", row.Indicator, strings.TrimSuffix(g, "人民政府"), row.Change[g]))
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
