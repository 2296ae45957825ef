// Package chart draws grouped bar charts of report figures as PNG images,
// for Slack's /report 目标 comparison. Text is drawn with an embedded subset
// of Noto Sans CJK SC, so the images need no fonts on the host.
package chart

import (
	"bytes"
	"errors"
	"fmt"
	"image/color"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// Value is one bar: Value is the height; Label is the figure as written
// ("4.5%—5%", "5%左右"); OK false means no bar (the report sets none).
type Value struct {
	Value float64
	Label string
	OK    bool
}

// Series is one set of bars, one per group (e.g. 目标, 上年实际).
type Series struct {
	Name   string
	Values []Value
}

// Bars is a grouped bar chart: one group per report (Groups are names like
// 广东省 2026), one bar per series in each group.
type Bars struct {
	Title  string
	Unit   string
	Groups []string
	Series []Series
}

// The picture's size in pixels, and the resolution it is drawn at.
const (
	Width  = 1000
	Height = 600
	dpi    = 96
)

// Font sizes, in points.
const (
	titleSize  = 16
	axisSize   = 13
	tickSize   = 12
	legendSize = 12
	valueSize  = 11
	minValue   = 9  // the smallest a value label shrinks to before it turns upright
	uprightSz  = 10 // the largest size of upright value labels
)

// missingLabel marks a group's place for a bar the report does not set.
const missingLabel = "无"

// palette colours the series in order; it repeats past its end.
var palette = []color.RGBA{
	{0x3B, 0x6F, 0xB6, 0xFF}, // blue
	{0xE0, 0x8A, 0x3C, 0xFF}, // orange
	{0x4E, 0x9F, 0x5D, 0xFF}, // green
	{0xC2, 0x4B, 0x4F, 0xFF}, // red
	{0x7E, 0x6B, 0xB0, 0xFF}, // purple
	{0x8C, 0x6D, 0x52, 0xFF}, // brown
}

var (
	grey = color.Gray{Y: 0x70}
	ink  = color.Gray{Y: 0x20}
)

// check returns why b cannot be drawn, or nil.
func (b Bars) check() error {
	if len(b.Groups) == 0 {
		return errors.New("chart: no groups")
	}
	if len(b.Series) == 0 {
		return errors.New("chart: no series")
	}
	bars := 0
	for _, s := range b.Series {
		if len(s.Values) != len(b.Groups) {
			return fmt.Errorf("chart: series %q has %d values for %d groups", s.Name, len(s.Values), len(b.Groups))
		}
		for i, v := range s.Values {
			if !v.OK {
				continue
			}
			if math.IsNaN(v.Value) || math.IsInf(v.Value, 0) {
				return fmt.Errorf("chart: series %q, group %q: value %v is not a number", s.Name, b.Groups[i], v.Value)
			}
			bars++
		}
	}
	if bars == 0 {
		return errors.New("chart: no bar to draw (no series sets a value)")
	}
	return nil
}

// PNG renders b. It fails with a clear error for no groups, mismatched
// lengths, or no bar at all.
func PNG(b Bars) ([]byte, error) {
	if err := b.check(); err != nil {
		return nil, err
	}
	hdlr, err := handler()
	if err != nil {
		return nil, err
	}
	p, err := b.plot(hdlr)
	if err != nil {
		return nil, err
	}
	c := vgimg.NewWith(vgimg.UseWH(px(Width), px(Height)), vgimg.UseDPI(dpi), vgimg.UseBackgroundColor(color.White))
	p.Draw(draw.New(c))
	var out bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: c}).WriteTo(&out); err != nil {
		return nil, fmt.Errorf("chart: encode PNG: %w", err)
	}
	return out.Bytes(), nil
}

// px is n pixels as a length at the drawing resolution.
func px(n int) vg.Length { return vg.Length(n) * vg.Inch / dpi }

// style returns a text style of the given size in the embedded font.
func style(hdlr text.Handler, size vg.Length, c color.Color) text.Style {
	s := text.Style{Color: c, Handler: hdlr, XAlign: draw.XCenter, YAlign: draw.YBottom}
	s.Font.Typeface = typeface
	s.Font.Size = size
	return s
}

// restyle draws every text of p in the embedded font, keeping gonum's
// alignments and rotations.
func restyle(p *plot.Plot, hdlr text.Handler) {
	p.TextHandler = hdlr
	for _, s := range []*text.Style{&p.Title.TextStyle, &p.X.Label.TextStyle, &p.Y.Label.TextStyle, &p.X.Tick.Label, &p.Y.Tick.Label, &p.Legend.TextStyle} {
		s.Handler = hdlr
		s.Font.Typeface, s.Font.Variant = typeface, ""
		s.Color = ink
	}
	p.Title.TextStyle.Font.Size = titleSize
	p.Y.Label.TextStyle.Font.Size = axisSize
	p.X.Tick.Label.Font.Size = tickSize
	p.Y.Tick.Label.Font.Size = tickSize
	p.Legend.TextStyle.Font.Size = legendSize
}

// plot lays b out: bar widths, value label sizes and the group names'
// wrapping or rotation follow from the number of groups and bars.
func (b Bars) plot(hdlr text.Handler) (*plot.Plot, error) {
	p := plot.New()
	restyle(p, hdlr)
	p.Title.Text = wrap(drawable(b.Title), p.Title.TextStyle, px(Width)-vg.Points(40))
	p.Title.Padding = vg.Points(8)
	p.Y.Label.Text = drawable(b.Unit)
	p.Y.Tick.Marker = roundTicks{}
	grid := plotter.NewGrid()
	grid.Vertical.Width = 0
	grid.Horizontal.Color = color.Gray{Y: 0xD4}
	p.Add(grid)

	n, m := len(b.Groups), len(b.Series)
	// The data area is the canvas less the Y axis and margins; an estimate,
	// as gonum fixes it only when drawing, good enough to size bars by.
	area := px(Width) - vg.Points(90)
	slot := area / vg.Length(n) // one group
	gap := vg.Points(3)         // between the bars of a group
	barW := max(min(slot*0.8/vg.Length(m)-gap, vg.Points(56)), vg.Points(2))
	names := groupNames(b.Groups, slot, p)

	// Value labels at their natural size if the widest fits its bar and
	// the gap beside it (the whole slot when it is its group's only bar),
	// else shrunk to fit, else upright when even minValue does not fit.
	vsize, upright := vg.Length(valueSize), false
	room := barW + gap
	if m == 1 {
		room = slot * 0.9
	}
	if widest := widestAt(hdlr, b, vsize); widest > room {
		vsize = max(vsize*room/widest, minValue)
		if widestAt(hdlr, b, vsize) > room {
			// Upright labels stand side by side: no thicker than a bar.
			vsize, upright = min(uprightSz, max(room/1.4, 6)), true
		}
	}

	lo, hi := 0.0, 0.0
	for _, s := range b.Series {
		for _, v := range s.Values {
			if v.OK {
				lo, hi = min(lo, v.Value), max(hi, v.Value)
			}
		}
	}
	if hi == lo {
		hi = lo + 1
	}
	// Headroom above the bars for the value labels and the legend (one
	// row per series, top left): their height as a share of the plot's.
	plotH := px(Height) - vg.Points(110)
	legend := vg.Length(m)*(p.Legend.TextStyle.FontExtents().Height+vg.Points(3)) + vg.Points(6)
	need := legend + vsize*1.6
	if upright {
		need = legend + widestAt(hdlr, b, vsize) + vg.Points(6)
	}
	need = min(need, plotH/2)
	span := hi - lo
	head := span * float64(need) / float64(plotH-need)
	p.Y.Min, p.Y.Max = lo, hi+head
	if lo < 0 {
		p.Y.Min = lo - span*float64(vsize*1.6)/float64(plotH)
	}

	for j, s := range b.Series {
		heights := make(plotter.Values, n)
		for i, v := range s.Values {
			if v.OK {
				heights[i] = v.Value
			}
		}
		bar, err := plotter.NewBarChart(heights, barW)
		if err != nil {
			return nil, fmt.Errorf("chart: series %q: %w", s.Name, err)
		}
		bar.LineStyle.Width = 0
		bar.Color = palette[j%len(palette)]
		bar.Offset = (vg.Length(j) - vg.Length(m-1)/2) * (barW + gap)
		p.Add(bar)
		p.Legend.Add(drawable(s.Name), bar)

		for i, v := range s.Values {
			l, err := valueLabel(hdlr, v, float64(i), bar.Offset, vsize, upright)
			if err != nil {
				return nil, err
			}
			p.Add(l)
		}
	}
	p.NominalX(names...)
	p.X.Min, p.X.Max = -0.5, float64(n)-0.5
	p.X.Tick.Length = 0
	p.X.Padding = 0
	p.Legend.Top, p.Legend.Left = true, true
	p.Legend.Padding = vg.Points(3)
	p.Legend.XOffs, p.Legend.YOffs = vg.Points(8), -vg.Points(4)
	return p, nil
}

// widestAt is the width of b's widest value label at size.
func widestAt(hdlr text.Handler, b Bars, size vg.Length) vg.Length {
	s := style(hdlr, size, ink)
	w := vg.Length(0)
	for _, se := range b.Series {
		for _, v := range se.Values {
			w = max(w, s.Width(barLabel(v)))
		}
	}
	return w
}

// barLabel is what is written above a bar: the figure as the report wrote
// it, or the value itself when that is missing or has a rune the font
// lacks; missingLabel where there is no bar.
func barLabel(v Value) string {
	switch {
	case !v.OK:
		return missingLabel
	case v.Label != "" && Covers(v.Label):
		return v.Label
	}
	return fmt.Sprintf("%g", v.Value)
}

// valueLabel is the label of one bar, above it (below a negative one).
func valueLabel(hdlr text.Handler, v Value, x float64, offset, size vg.Length, upright bool) (*plotter.Labels, error) {
	y := 0.0
	if v.OK {
		y = v.Value
	}
	l, err := plotter.NewLabels(plotter.XYLabels{XYs: plotter.XYs{{X: x, Y: y}}, Labels: []string{barLabel(v)}})
	if err != nil {
		return nil, fmt.Errorf("chart: value label: %w", err)
	}
	c := color.Color(ink)
	if !v.OK {
		c = grey
	}
	s := style(hdlr, size, c)
	gap := vg.Points(3)
	switch {
	case upright && v.OK:
		s.Rotation = math.Pi / 2
		s.XAlign, s.YAlign = draw.XLeft, draw.YCenter
		if v.OK && v.Value < 0 {
			s.XAlign = draw.XRight
			gap = -gap
		}
	case v.OK && v.Value < 0:
		s.YAlign = draw.YTop
		gap = -gap
	}
	l.TextStyle[0] = s
	l.Offset = vg.Point{X: offset, Y: gap}
	return l, nil
}

// groupNames returns the X axis names, set on p's tick style: on one line
// when they fit their slot, wrapped at spaces into lines when that fits,
// otherwise slanted.
func groupNames(groups []string, slot vg.Length, p *plot.Plot) []string {
	s := p.X.Tick.Label
	lines := func(f func(string) string) ([]string, bool) {
		names := make([]string, len(groups))
		fit := true
		for i, g := range groups {
			names[i] = f(drawable(g))
			for _, line := range strings.Split(names[i], "\n") {
				fit = fit && s.Width(line) <= slot*0.92
			}
		}
		return names, fit
	}
	oneLine, fit := lines(func(g string) string { return g })
	if fit {
		return oneLine
	}
	if wrapped, fit := lines(func(g string) string { return strings.Join(strings.Fields(g), "\n") }); fit {
		return wrapped
	}
	p.X.Tick.Label.Rotation = math.Pi / 6
	p.X.Tick.Label.XAlign, p.X.Tick.Label.YAlign = draw.XRight, draw.YTop
	return oneLine
}

// roundTicks marks the Y axis at a round step (1, 2 or 5 times a power of
// ten), about six marks over the range.
type roundTicks struct{}

func (roundTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(hi > lo) {
		return nil
	}
	raw := (hi - lo) / 6
	pow := math.Pow(10, math.Floor(math.Log10(raw)))
	step := 10 * pow
	for _, f := range []float64{1, 2, 5} {
		if raw <= f*pow {
			step = f * pow
			break
		}
	}
	decimals := max(0, int(-math.Floor(math.Log10(step)+1e-9)))
	var out []plot.Tick
	for k := math.Ceil(lo/step - 1e-9); k*step <= hi+step*1e-9; k++ {
		v := k * step
		// v+0 turns a negative zero into 0, which would print as -0.
		out = append(out, plot.Tick{Value: v, Label: strconv.FormatFloat(v+0, 'f', decimals, 64)})
	}
	return out
}

// wrap breaks s into lines no wider than width in style st: between
// runes, but not inside a run of Latin letters and digits, and not before
// closing punctuation.
func wrap(s string, st text.Style, width vg.Length) string {
	if st.Width(s) <= width {
		return s
	}
	var tokens []string
	for _, r := range s {
		n := len(tokens)
		switch {
		case n > 0 && r < 0x80 && r != ' ' && isWord(tokens[n-1]):
			tokens[n-1] += string(r)
		case n > 0 && strings.ContainsRune("，。、：；！？）」』”’%", r):
			tokens[n-1] += string(r)
		default:
			tokens = append(tokens, string(r))
		}
	}
	var lines []string
	line := ""
	for _, tok := range tokens {
		if line != "" && st.Width(line+tok) > width {
			lines = append(lines, strings.TrimRight(line, " "))
			line = strings.TrimLeft(tok, " ")
			continue
		}
		line += tok
	}
	return strings.Join(append(lines, line), "\n")
}

// isWord reports whether tok ends in a Latin letter or digit.
func isWord(tok string) bool {
	r := tok[len(tok)-1]
	return r < 0x80 && (r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '.' || r == '%')
}
