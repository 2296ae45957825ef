package rag

import (
	"fmt"
	"sort"

	"github.com/reportbot/reportbot/knowledge"
)

// Comparison lines up the main targets of several reports by indicator.
type Comparison struct {
	// Reports are the columns, by government and year.
	Reports []ReportInfo
	// Rows are the indicators, the ones most reports set first.
	Rows []ComparisonRow
}

// ComparisonRow is one indicator across the reports.
type ComparisonRow struct {
	// Indicator is the name as the first report to set it writes it.
	Indicator string
	// Cells holds each report's target, by report ID; a report that sets
	// none has no cell.
	Cells map[string]knowledge.Target
	// Change says, per government with two years compared, how the later
	// target moved against the earlier: 提高, 持平 or 降低.
	Change map[string]string
}

// Compare lines up the main targets of the reports with the given IDs (all
// of the library's when none is given); at least two are needed.
func (l *Library) Compare(ids []string) (Comparison, error) {
	reports := l.Reports()
	if len(ids) > 0 {
		var picked []ReportInfo
		for _, id := range ids {
			for _, ri := range reports {
				if ri.ID == id {
					picked = append(picked, ri)
				}
			}
		}
		reports = picked
	}
	if len(reports) < 2 {
		return Comparison{}, fmt.Errorf("compare: %d report(s); two or more are needed", len(reports))
	}
	sort.SliceStable(reports, func(i, j int) bool {
		if reports[i].Government != reports[j].Government {
			return reports[i].Government < reports[j].Government
		}
		return reports[i].Year < reports[j].Year
	})
	c := Comparison{Reports: reports}
	rows := map[string]*ComparisonRow{}
	var order []string
	last := map[string]map[string]knowledge.Target{} // key → government → its latest year's target so far
	for _, ri := range reports {
		ix, err := l.Index(ri.ID)
		if err != nil {
			return Comparison{}, fmt.Errorf("compare: %w", err)
		}
		for _, t := range knowledge.Targets(ix.Report()) {
			if t.Secondary {
				continue
			}
			k := t.Key()
			row := rows[k]
			if row == nil {
				row = &ComparisonRow{Indicator: t.Indicator, Cells: map[string]knowledge.Target{}}
				rows[k] = row
				order = append(order, k)
			}
			if _, ok := row.Cells[ri.ID]; ok {
				continue // the first statement of it in this report
			}
			row.Cells[ri.ID] = t
			if ri.Government == "" {
				continue
			}
			if last[k] == nil {
				last[k] = map[string]knowledge.Target{}
			}
			if before, ok := last[k][ri.Government]; ok {
				if w := targetChange(before, t); w != "" {
					if row.Change == nil {
						row.Change = map[string]string{}
					}
					row.Change[ri.Government] = w
				}
			}
			last[k][ri.Government] = t
		}
	}
	sort.SliceStable(order, func(i, j int) bool { return len(rows[order[i]].Cells) > len(rows[order[j]].Cells) })
	for _, k := range order {
		c.Rows = append(c.Rows, *rows[k])
	}
	return c, nil
}

// targetChange compares two years' targets for one indicator by their
// figures: 提高, 持平 or 降低 ("" when either has no figure or the units
// differ). A range counts by its middle.
func targetChange(before, after knowledge.Target) string {
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
