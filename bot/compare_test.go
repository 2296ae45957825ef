package bot

import "testing"

// TestComparisonChart: the chart draws the chosen row's reports that state
// it in the row's main unit, with last year's actuals only when some
// report gives them.
func TestComparisonChart(t *testing.T) {
	q := func(v float64, unit, label string) *Quantity { return &Quantity{Value: v, Unit: unit, Label: label} }
	c := Comparison{
		Reports: []string{"广东省 2026", "北京市 2026", "河北省 2026", "扬州市 2024"},
		Rows: []ComparisonRow{
			{Indicator: "一般公共预算收入增长", Targets: []*Quantity{q(3, "%", "3%左右"), nil, nil, nil}, Previous: make([]*Quantity, 4)},
			{Indicator: "地区生产总值增长",
				Targets:  []*Quantity{q(4.75, "%", "4.5%—5%"), q(5, "%", "5%左右"), q(5, "%", "5%以上"), q(300, "亿元", "300亿元")},
				Previous: []*Quantity{nil, q(5.4, "%", "5.4%"), nil, nil}},
		},
		Chart: 1,
	}
	bars, ok := ComparisonChart(c)
	if !ok {
		t.Fatal("no chart")
	}
	if len(bars.Groups) != 3 || bars.Groups[2] != "河北省 2026" || bars.Unit != "%" {
		t.Errorf("groups %v unit %q: want the three reports in %%", bars.Groups, bars.Unit)
	}
	if len(bars.Series) != 2 || bars.Series[1].Values[0].OK || !bars.Series[1].Values[1].OK || bars.Series[0].Values[0].Label != "4.5%—5%" {
		t.Errorf("series %+v", bars.Series)
	}
	c.Rows[1].Previous = make([]*Quantity, 4)
	if bars, _ := ComparisonChart(c); len(bars.Series) != 1 {
		t.Errorf("no actuals at all: want the target series only, got %d", len(bars.Series))
	}
	for _, row := range []int{0, -1, 2} {
		c.Chart = row
		if _, ok := ComparisonChart(c); ok {
			t.Errorf("row %d: one report or no row is not a chart", row)
		}
	}
}
