package chart

import (
	"bufio"
	"bytes"
	"errors"
	"image"
	"image/png"
	"os"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// sample is the chart of the task: four reports, one target missing.
func sample() Bars {
	return Bars{
		Title:  "地区生产总值增长目标",
		Unit:   "增长（%）",
		Groups: []string{"广东省 2026", "北京市 2026", "四川省 2026", "河北省 2024"},
		Series: []Series{
			{Name: "目标", Values: []Value{
				{5, "5%左右", true}, {5, "5%左右", true}, {5.5, "5.5%左右", true}, {}}},
			{Name: "上年实际", Values: []Value{
				{5.4, "5.4%", true}, {5.2, "5.2%", true}, {5.7, "5.7%", true}, {5.5, "5.5%", true}}},
		},
	}
}

// eight is a chart of eight reports with ranges, whose names and labels
// do not fit on one line at their natural size.
func eight() Bars {
	b := Bars{Title: "地区生产总值增长目标", Unit: "%"}
	names := []string{"广东省 2026", "北京市 2026", "四川省 2026", "河北省 2024", "内蒙古自治区 2026", "黑龙江省 2026", "新疆维吾尔自治区 2026", "宁夏回族自治区 2026"}
	b.Groups = names
	var t, r []Value
	for i := range names {
		t = append(t, Value{4.5 + float64(i%3)*0.5, "4.5%—5%", true})
		r = append(r, Value{5 + float64(i%4)*0.2, "5.2%", true})
	}
	b.Series = []Series{{Name: "目标", Values: t}, {Name: "上年实际", Values: r}}
	return b
}

func decode(t *testing.T, b Bars) image.Image {
	t.Helper()
	data, err := PNG(b)
	if err != nil {
		t.Fatalf("PNG: %v", err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	return img
}

// inked counts the pixels of r in img that are not near white.
func inked(img image.Image, r image.Rectangle) int {
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			if cr < 0xD000 || cg < 0xD000 || cb < 0xD000 {
				n++
			}
		}
	}
	return n
}

// differ counts the pixels where a and b differ within r.
func differ(a, b image.Image, r image.Rectangle) int {
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if a.At(x, y) != b.At(x, y) {
				n++
			}
		}
	}
	return n
}

func TestPNGSize(t *testing.T) {
	for name, b := range map[string]Bars{"sample": sample(), "eight": eight()} {
		img := decode(t, b)
		if got := img.Bounds().Size(); got != image.Pt(Width, Height) {
			t.Errorf("%s: size %v, want %dx%d", name, got, Width, Height)
		}
	}
}

func TestPNGNotBlankAndFollowsData(t *testing.T) {
	a := decode(t, sample())
	all := a.Bounds()
	if n := inked(a, all); n < all.Dx()*all.Dy()/100 {
		t.Fatalf("only %d inked pixels: blank picture", n)
	}
	// Bars in the series colours are drawn: the blue of 目标.
	blue := 0
	for y := 0; y < all.Dy(); y++ {
		for x := 0; x < all.Dx(); x++ {
			r, g, b, _ := a.At(x, y).RGBA()
			if r>>8 == 0x3B && g>>8 == 0x6F && b>>8 == 0xB6 {
				blue++
			}
		}
	}
	if blue < 2000 {
		t.Errorf("%d pixels of the first series' colour, want bars", blue)
	}

	other := sample()
	other.Series[0].Values[0] = Value{3, "3%", true}
	b := decode(t, other)
	if n := differ(a, b, all); n < 500 {
		t.Errorf("a lower bar changed only %d pixels", n)
	}
	again := decode(t, sample())
	if n := differ(a, again, all); n != 0 {
		t.Errorf("the same data drew %d different pixels", n)
	}
}

func TestPNGErrors(t *testing.T) {
	none := sample()
	for i := range none.Series {
		for j := range none.Series[i].Values {
			none.Series[i].Values[j].OK = false
		}
	}
	short := sample()
	short.Series[1].Values = short.Series[1].Values[:3]
	nan := sample()
	nan.Series[0].Values[0].Value = 0 / zero
	for _, tc := range []struct {
		name string
		b    Bars
		want string
	}{
		{"no groups", Bars{Series: []Series{{Name: "目标"}}}, "no groups"},
		{"no series", Bars{Groups: []string{"广东省 2026"}}, "no series"},
		{"mismatched", short, `"上年实际" has 3 values for 4 groups`},
		{"no bar", none, "no bar"},
		{"NaN", nan, "not a number"},
	} {
		data, err := PNG(tc.b)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err %v, want one saying %q", tc.name, err, tc.want)
		}
		if data != nil {
			t.Errorf("%s: %d bytes with the error", tc.name, len(data))
		}
	}
}

var zero float64

func TestCovers(t *testing.T) {
	f, err := os.Open("../../knowledge/data/provinces.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	rows := 0
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		for _, field := range strings.Split(line, "\t") {
			if !Covers(field) {
				t.Errorf("Covers(%q) = false", field)
			}
		}
		// The names the charts show: 广东省, 内蒙古自治区 and so on.
		for _, suffix := range []string{"省", "市", "自治区", "维吾尔自治区", "回族自治区", "壮族自治区", "特别行政区"} {
			if !Covers(strings.Split(line, "\t")[0] + suffix) {
				t.Errorf("Covers(%q) = false", strings.Split(line, "\t")[0]+suffix)
			}
		}
		rows++
	}
	if rows < 34 {
		t.Fatalf("read %d provinces", rows)
	}
	for _, s := range []string{"地区生产总值增长5%左右", "4.5%—5%", "居民消费价格涨幅3%左右", "（）：，。、“”～"} {
		if !Covers(s) {
			t.Errorf("Covers(%q) = false", s)
		}
	}
	// 龘 is outside GB2312 level 1 and no data file uses it; ㄅ is bopomofo;
	// 😀 is an emoji.
	for _, s := range []string{"龘", "广东龘", "ㄅ", "😀"} {
		if Covers(s) {
			t.Errorf("Covers(%q) = true", s)
		}
	}
}

// TestCoversGB2312Level1: the subset holds all 3755 hanzi of GB2312
// level 1 (rows 0xB0-0xD7), as scripts/font-subset.sh asks for.
func TestCoversGB2312Level1(t *testing.T) {
	dec := simplifiedchinese.GBK.NewDecoder()
	n := 0
	for hi := 0xB0; hi <= 0xD7; hi++ {
		for lo := 0xA1; lo <= 0xFE && !(hi == 0xD7 && lo > 0xF9); lo++ {
			s, err := dec.String(string([]byte{byte(hi), byte(lo)}))
			if err != nil {
				t.Fatal(err)
			}
			if !Covers(s) {
				t.Errorf("Covers(%q) = false (GB2312 %X%X)", s, hi, lo)
			}
			n++
		}
	}
	if n != 3755 {
		t.Fatalf("enumerated %d characters, want 3755", n)
	}
}

// TestLayout: group names stay level when they fit, slant for eight
// reports; a long title wraps to lines that fit the picture.
func TestLayout(t *testing.T) {
	hdlr, err := handler()
	if err != nil {
		t.Fatal(err)
	}
	p, err := sample().plot(hdlr)
	if err != nil {
		t.Fatal(err)
	}
	if r := p.X.Tick.Label.Rotation; r != 0 {
		t.Errorf("four groups: names rotated by %v", r)
	}
	if p, err = eight().plot(hdlr); err != nil {
		t.Fatal(err)
	}
	if p.X.Tick.Label.Rotation == 0 {
		t.Error("eight groups: names level, they overlap")
	}
	long := sample()
	long.Title = strings.Repeat("地区生产总值增长、居民消费价格涨幅，", 4) + "GDP 2026"
	if p, err = long.plot(hdlr); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(p.Title.Text, "\n")
	if len(lines) < 2 {
		t.Fatalf("long title on one line: %q", p.Title.Text)
	}
	for _, l := range lines {
		if w := p.Title.TextStyle.Width(l); w > px(Width) {
			t.Errorf("title line %q is %v wide, the picture %v", l, w, px(Width))
		}
		if strings.HasPrefix(l, "，") || strings.HasPrefix(l, "、") {
			t.Errorf("title line %q starts with punctuation", l)
		}
	}
	if !strings.HasSuffix(p.Title.Text, "GDP 2026") && !strings.HasSuffix(p.Title.Text, "\n2026") {
		t.Errorf("title %q lost or split its end", p.Title.Text)
	}
}

func TestRoundTicks(t *testing.T) {
	var got []string
	for _, tk := range (roundTicks{}).Ticks(0, 6.6) {
		got = append(got, tk.Label)
	}
	if strings.Join(got, " ") != "0 2 4 6" {
		t.Errorf("ticks 0..6.6: %v", got)
	}
	got = nil
	for _, tk := range (roundTicks{}).Ticks(-2.5, 0.7) {
		got = append(got, tk.Label)
	}
	if strings.Join(got, " ") != "-2 -1 0" {
		t.Errorf("ticks -2.5..0.7: %v", got)
	}
	got = nil
	for _, tk := range (roundTicks{}).Ticks(0, 0.66) {
		got = append(got, tk.Label)
	}
	if strings.Join(got, " ") != "0.0 0.2 0.4 0.6" {
		t.Errorf("ticks 0..0.66: %v", got)
	}
}

// titleArea is the band of the picture the title is drawn in.
var titleArea = image.Rect(0, 0, Width, 34)

func titled(t *testing.T, title string) image.Image {
	b := sample()
	b.Title = title
	return decode(t, b)
}

// TestHanziRender checks that hanzi are drawn as their own glyphs: 广东 and
// 北京 both ink the title band, and differently. A font or renderer that
// cannot draw them would leave the band empty, or draw the same
// missing-glyph boxes for both.
func TestHanziRender(t *testing.T) {
	gd, bj, blank := titled(t, "广东"), titled(t, "北京"), titled(t, " ")
	if n := inked(blank, titleArea); n != 0 {
		t.Fatalf("title band has %d inked pixels without a title; the band is wrong", n)
	}
	ngd, nbj := inked(gd, titleArea), inked(bj, titleArea)
	if ngd < 100 || nbj < 100 {
		t.Fatalf("title 广东 inks %d pixels, 北京 %d: hanzi not drawn", ngd, nbj)
	}
	if n := differ(gd, bj, titleArea); n < 100 {
		t.Errorf("titles 广东 and 北京 differ in %d pixels: the same glyph drawn for both", n)
	}
	// A rune the font lacks is drawn as '?', never as the font's box.
	lack, q := titled(t, "龘"), titled(t, "?")
	if n := differ(lack, q, titleArea); n != 0 {
		t.Errorf("title 龘 differs from ? in %d pixels", n)
	}
}

// TestLabelFallback: a label with a rune the font lacks is replaced by
// the value itself.
func TestLabelFallback(t *testing.T) {
	if got := barLabel(Value{5, "5%龘", true}); got != "5" {
		t.Errorf("label %q, want the value 5", got)
	}
	if got := barLabel(Value{5, "5%左右", true}); got != "5%左右" {
		t.Errorf("label %q, want it as written", got)
	}
	if got := barLabel(Value{}); got != missingLabel {
		t.Errorf("label %q for no bar", got)
	}
}

// TestSample writes the sample charts when CHART_SAMPLE names a file,
// e.g. CHART_SAMPLE=/tmp/chart-sample.png go test -run Sample ./bot/chart/;
// the eight-group chart goes beside it.
func TestSample(t *testing.T) {
	path := os.Getenv("CHART_SAMPLE")
	if path == "" {
		t.Skip("CHART_SAMPLE not set")
	}
	long := eight()
	long.Groups[0], long.Groups[6] = long.Groups[6], long.Groups[0]
	for suffix, b := range map[string]Bars{"": sample(), "-8": eight(), "-8long": long} {
		data, err := PNG(b)
		if err != nil {
			t.Fatal(err)
		}
		out := strings.TrimSuffix(path, ".png") + suffix + ".png"
		if err := os.WriteFile(out, data, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s (%d bytes)", out, len(data))
	}
}

func BenchmarkPNG(b *testing.B) {
	bars := sample()
	if _, err := PNG(bars); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := PNG(bars); err != nil {
			b.Fatal(err)
		}
	}
}

// TestConcurrent draws from several goroutines at once (run with -race):
// the font is parsed once and shared.
func TestConcurrent(t *testing.T) {
	want, err := PNG(sample())
	if err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			got, err := PNG(sample())
			if err == nil && !bytes.Equal(got, want) {
				err = errors.New("a concurrent drawing differs")
			}
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
