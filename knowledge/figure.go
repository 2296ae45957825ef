package knowledge

import (
	"bufio"
	_ "embed"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// This file is the one reader of figures as values: 5%, 5.5％, 百分之三,
// 三千亿元, 1.2万亿元, 两万人, 一百二十万千瓦, 五成, 5%—5.5%, 0.5个百分点,
// 1.5倍. A figure is read into a value in its unit's base (3000亿元 is
// 3e11 元), so two notations of one quantity compare equal and a different
// quantity never does. Targets keep their own verbatim grammar
// (targets_parse.go); everything that compares figures uses this one.

//go:embed data/units.tsv
var unitsTSV string

// Figure is one quantity found in a text.
type Figure struct {
	Start, End int    // byte offsets of Text in the string read
	Text       string // as written
	// Value is the quantity in Unit (for a range, its low end); High is the
	// high end of a range and equals Value otherwise.
	Value, High float64
	// Number is the first number as written, before any magnitude or unit
	// factor: 3 for 3000亿元 written 3千亿元, 3000 for 3000亿元.
	Number float64
	// Unit is the canonical unit (%, 个百分点, 元, 人, …); "" for a bare
	// number such as a year, a date or a count.
	Unit  string
	Range bool
}

// Bare reports whether the figure has no unit.
func (f Figure) Bare() bool { return f.Unit == "" }

// String prints the figure in one canonical notation (Arabic digits, base
// unit); reading it back gives the same value and unit.
func (f Figure) String() string {
	v := strconv.FormatFloat(f.Value, 'f', -1, 64)
	if f.Range {
		v += "—" + strconv.FormatFloat(f.High, 'f', -1, 64)
	}
	return v + f.Unit
}

// Same reports whether f and g state one quantity: the same unit and the
// same value (and high end). A bare number is the same as any figure whose
// written number or value it equals.
func (f Figure) Same(g Figure) bool {
	if f.Bare() || g.Bare() {
		n := f
		o := g
		if !f.Bare() {
			n, o = g, f
		}
		return closeTo(n.Value, o.Number) || closeTo(n.Value, o.Value) || closeTo(n.Value, o.High)
	}
	return f.Unit == g.Unit && closeTo(f.Value, g.Value) && closeTo(f.High, g.High)
}

// Ends returns the figure's ends as single figures: a range gives two, each
// in the range's unit.
func (f Figure) Ends() []Figure {
	if !f.Range {
		return []Figure{f}
	}
	lo, hi := f, f
	lo.Range, hi.Range = false, false
	lo.High = lo.Value
	hi.Value = hi.High
	return []Figure{lo, hi}
}

func closeTo(a, b float64) bool {
	d := math.Abs(a - b)
	return d <= 1e-9*math.Max(math.Abs(a), math.Abs(b)) || d < 1e-12
}

type unitInfo struct {
	canonical string
	factor    float64
}

var units = sync.OnceValue(func() (t struct {
	byName map[string]unitInfo
	names  []string // longest first
}) {
	t.byName = map[string]unitInfo{}
	sc := bufio.NewScanner(strings.NewReader(unitsTSV))
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			panic("knowledge: bad units.tsv line: " + line)
		}
		factor, err := strconv.ParseFloat(f[2], 64)
		if err != nil {
			panic("knowledge: bad units.tsv factor: " + line)
		}
		t.byName[f[0]] = unitInfo{f[1], factor}
		t.names = append(t.names, f[0])
	}
	sort.SliceStable(t.names, func(i, j int) bool { return len(t.names[i]) > len(t.names[j]) })
	return t
})

// unitAt returns the longest unit that s starts with.
func unitAt(s string) (string, unitInfo, bool) {
	u := units()
	for _, n := range u.names {
		if strings.HasPrefix(s, n) {
			return n, u.byName[n], true
		}
	}
	return "", unitInfo{}, false
}

var hanDigits = map[rune]float64{'零': 0, '〇': 0, '○': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}

var magnitudes = map[rune]float64{'十': 10, '百': 100, '千': 1e3, '万': 1e4, '亿': 1e8}

func isHanNumeral(r rune) bool {
	_, d := hanDigits[r]
	_, m := magnitudes[r]
	return d || m
}

// foldDigit maps full-width digits, point and percent sign to ASCII.
func foldDigit(r rune) rune {
	switch {
	case r >= '０' && r <= '９':
		return r - '０' + '0'
	case r == '．':
		return '.'
	case r == '％':
		return '%'
	case r == '／':
		return '/'
	}
	return r
}

// numeral is one token of a written number: a digit value (m == 0) or a
// magnitude character's factor.
type numeral struct{ d, m float64 }

// evalNumerals reads a run of digits and magnitudes the Chinese way: 三千亿
// is 3e11, 一百二十万 is 1.2e6, 十二亿五千万 is 1.25e9, and an Arabic
// number before magnitudes (1.2万亿) is the first digit. ok is false when
// the run holds no digit.
func evalNumerals(ts []numeral) (float64, bool) {
	if len(ts) > 0 && ts[0].m != 0 && (ts[0].m == 10 || len(ts) > 1) {
		// An implicit one: 十二 is 12, 百万 is 1e6, 万亿 is 1e12.
		ts = append([]numeral{{d: 1}}, ts...)
	}
	var total, section, num float64
	seen, wan := false, false
	for _, t := range ts {
		if t.m == 0 {
			num, seen = t.d, true
			continue
		}
		switch {
		case t.m == 1e8:
			total = (total + section + num) * t.m
			section, wan = 0, false
		case t.m == 1e4:
			if wan {
				return 0, false // two 万 groups: 四百万三千万 is no number
			}
			wan = true
			total += (section + num) * t.m
			section = 0
		default:
			section += num * t.m
		}
		num = 0
	}
	return total + section + num, seen
}

// hanValue reads a Chinese numeral (二〇二五, 三千亿, 一百二十万, 五点五,
// 三点五万). ok is false when rs is no numeral.
func hanValue(rs []rune) (float64, bool) {
	positional := len(rs) > 1
	for _, r := range rs {
		if _, ok := hanDigits[r]; !ok {
			positional = false
		}
	}
	if positional { // 二〇二五
		var v float64
		for _, r := range rs {
			v = v*10 + hanDigits[r]
		}
		return v, true
	}
	var ts []numeral
	for k := 0; k < len(rs); k++ {
		r := rs[k]
		if r == '点' {
			// A decimal part follows a digit: 五点五, 三点五万.
			if len(ts) == 0 || ts[len(ts)-1].m != 0 {
				return 0, false
			}
			f, scale, j := 0.0, 0.1, k+1
			for ; j < len(rs); j++ {
				d, ok := hanDigits[rs[j]]
				if !ok {
					break
				}
				f += d * scale
				scale /= 10
			}
			if j == k+1 {
				return 0, false
			}
			ts[len(ts)-1].d += f
			k = j - 1
			continue
		}
		if d, ok := hanDigits[r]; ok {
			ts = append(ts, numeral{d: d})
		} else {
			ts = append(ts, numeral{m: magnitudes[r]})
		}
	}
	return evalNumerals(ts)
}

// number is one number read at a position, before its unit.
type number struct {
	end     int // byte offset after the number and its magnitudes
	value   float64
	written float64 // the number before magnitudes
	han     bool    // written in Chinese numerals
	lone    bool    // the single numeral 一 (一个, 一项: an article, not a count)
	percent string  // "%" or "‰" when written 百分之…/千分之…
}

// numbersAt returns the readings of a number starting at byte i of s, the
// longest first: 120万千瓦 reads as 120万 before 千瓦 and as 120万千.
func numbersAt(s string, i int) []number {
	if strings.HasPrefix(s[i:], "百分之") || strings.HasPrefix(s[i:], "千分之") {
		p := "%"
		if strings.HasPrefix(s[i:], "千分之") {
			p = "‰"
		}
		var out []number
		if rest := s[i+len("百分之"):]; strings.HasPrefix(rest, "百") && !strings.HasPrefix(rest, "百分") {
			out = append(out, number{end: i + len("百分之百"), value: 100, written: 100, percent: p})
		}
		for _, n := range numbersAt(s, i+len("百分之")) {
			if n.percent == "" {
				n.percent, n.lone = p, false
				out = append(out, n)
			}
		}
		return out
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	if d := foldDigit(r); d >= '0' && d <= '9' {
		j := i
		var b strings.Builder
		dot := false
		for j < len(s) {
			r, w := utf8.DecodeRuneInString(s[j:])
			r = foldDigit(r)
			switch {
			case r >= '0' && r <= '9':
			case r == ',' && b.Len() > 0 && j+w+3 <= len(s) && allDigits(s[j+w:j+w+3]):
				j += w // thousands separator: 1,200
				continue
			case r == '.' && !dot && j+w < len(s) && isDigitRune(s[j+w:]):
				dot = true
			default:
				goto done
			}
			b.WriteRune(r)
			j += w
		}
	done:
		n, err := strconv.ParseFloat(b.String(), 64)
		if err != nil {
			return nil
		}
		var mags []rune
		var ends []int
		k := j
		for k < len(s) {
			r, w := utf8.DecodeRuneInString(s[k:])
			if _, ok := magnitudes[r]; !ok || r == '十' && len(mags) == 0 {
				break
			}
			mags = append(mags, r)
			k += w
			ends = append(ends, k)
		}
		out := make([]number, 0, len(mags)+1)
		for m := len(mags); m > 0; m-- {
			ts := []numeral{{d: n}}
			for _, r := range mags[:m] {
				ts = append(ts, numeral{m: magnitudes[r]})
			}
			v, _ := evalNumerals(ts)
			out = append(out, number{end: ends[m-1], value: v, written: n})
		}
		return append(out, number{end: j, value: n, written: n})
	}
	if !isHanNumeral(r) && r != '点' {
		return nil
	}
	var rs []rune
	var ends []int
	for k := i; k < len(s); {
		r, w := utf8.DecodeRuneInString(s[k:])
		if !isHanNumeral(r) && r != '点' {
			break
		}
		rs = append(rs, r)
		k += w
		ends = append(ends, k)
	}
	var out []number
	for m := len(rs); m > 0; m-- {
		v, ok := hanValue(rs[:m])
		if !ok {
			continue
		}
		out = append(out, number{end: ends[m-1], value: v, written: v, han: true, lone: m == 1 && rs[0] == '一'})
	}
	return out
}

// isDigitRune reports whether s starts with an ASCII or full-width digit.
func isDigitRune(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	r = foldDigit(r)
	return r >= '0' && r <= '9'
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// single reads one figure (no range) at byte i: the longest number reading
// that a unit follows, or else the longest bare Arabic number. Chinese
// numerals count only with a unit or as 百分之…, and a lone 一 not at all.
// factor is the unit's factor (10 for 成), so a range's bare first end can
// be read in the second end's unit.
func single(s string, i int) (f Figure, magnitude, factor float64, ok bool) {
	readings := numbersAt(s, i)
	for _, n := range readings {
		if n.percent != "" {
			return Figure{Start: i, End: n.end, Value: n.value, High: n.value, Number: n.written, Unit: n.percent}, n.value / nonZero(n.written), 1, true
		}
		rest := s[n.end:]
		name, u, ok := unitAt(foldedPrefix(rest))
		if !ok || n.lone {
			continue
		}
		v := n.value * u.factor
		return Figure{Start: i, End: n.end + foldedLen(rest, name), Value: v, High: v, Number: n.written, Unit: u.canonical}, n.value / nonZero(n.written), u.factor, true
	}
	for _, n := range readings {
		if n.han || n.lone {
			continue
		}
		if n.value == n.written { // no Chinese magnitude: maybe English words
			if m := englishRE.FindStringSubmatchIndex(s[n.end:]); m != nil && (m[2] >= 0 || m[4] >= 0) {
				mag := 1.0
				if m[2] >= 0 {
					mag = englishMagnitudes[strings.ToLower(s[n.end+m[2]:n.end+m[3]])]
				}
				unit := ""
				if m[4] >= 0 {
					unit = englishUnit(s[n.end+m[4] : n.end+m[5]])
				}
				v := n.value * mag
				return Figure{Start: i, End: n.end + m[1], Value: v, High: v, Number: n.written, Unit: unit}, mag, 1, true
			}
		}
		return Figure{Start: i, End: n.end, Value: n.value, High: n.value, Number: n.written}, n.value / nonZero(n.written), 1, true
	}
	return Figure{}, 0, 0, false
}

// englishRE reads the words after a number in an English answer: 1.2
// trillion yuan, 5.5 percent, 0.5 percentage points, 2 times.
var englishRE = regexp.MustCompile(`(?i)^ ?(?:(thousand|million|billion|trillion)\b ?)?(?:(percentage points?|per ?cent|yuan|RMB|US dollars?|dollars?|times)\b)?`)

var englishMagnitudes = map[string]float64{"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}

func englishUnit(w string) string {
	w = strings.ToLower(w)
	switch {
	case strings.HasPrefix(w, "percentage"):
		return "个百分点"
	case strings.HasPrefix(w, "per"):
		return "%"
	case w == "yuan" || w == "rmb":
		return "元"
	case strings.Contains(w, "dollar"):
		return "美元"
	case w == "times":
		return "倍"
	}
	return ""
}

func nonZero(v float64) float64 {
	if v == 0 {
		return 1
	}
	return v
}

// foldedPrefix width-folds the first few runes of s, enough for any unit.
func foldedPrefix(s string) string {
	var b strings.Builder
	for k, n := 0, 0; k < len(s) && n < 8; n++ {
		r, w := utf8.DecodeRuneInString(s[k:])
		b.WriteRune(foldDigit(r))
		k += w
	}
	return b.String()
}

// foldedLen is the byte length in s of the folded prefix name.
func foldedLen(s, name string) int {
	k := 0
	for n := utf8.RuneCountInString(name); n > 0 && k < len(s); n-- {
		_, w := utf8.DecodeRuneInString(s[k:])
		k += w
	}
	return k
}

var rangeDashes = []string{"——", "—", "－", "-", "–", "~", "～", "〜", "至", "到"}

func asciiLetterRune(r rune) bool { return r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' }

// Figures returns every figure in s, in order. A number glued to ASCII
// letters (PM2.5, 5G, G20) is a name, not a figure.
func Figures(s string) []Figure {
	var out []Figure
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		percent := strings.HasPrefix(s[i:], "百分之") || strings.HasPrefix(s[i:], "千分之")
		d := foldDigit(r)
		if !percent && !(d >= '0' && d <= '9') && !isHanNumeral(r) {
			i += w
			continue
		}
		// Start only at a number's first character: not inside 二十 or 1.5.
		if prev, _ := utf8.DecodeLastRuneInString(s[:i]); i > 0 && !percent {
			p := foldDigit(prev)
			if asciiLetterRune(p) || p == '.' || isHanNumeral(prev) && !(d >= '0' && d <= '9') || p >= '0' && p <= '9' {
				i += w
				continue
			}
		}
		f, mag, _, ok := single(s, i)
		if !ok {
			i += w
			continue
		}
		if next, _ := utf8.DecodeRuneInString(s[f.End:]); f.Bare() && f.End < len(s) && asciiLetterRune(foldDigit(next)) {
			i = f.End // 5G, 4K
			continue
		}
		f = withRange(s, f, mag)
		f.Text = s[f.Start:f.End]
		out = append(out, f)
		i = f.End
	}
	return out
}

// withRange extends f over a dash and a second figure in one unit: 5%—5.5%,
// 5—5.5%, 3—5万人, 百分之五至百分之五点五. mag is f's own magnitude.
func withRange(s string, f Figure, mag float64) Figure {
	rest := s[f.End:]
	trimmed := strings.TrimLeft(rest, " ")
	for _, d := range rangeDashes {
		if !strings.HasPrefix(trimmed, d) {
			continue
		}
		j := f.End + len(rest) - len(trimmed) + len(d)
		for j < len(s) && s[j] == ' ' {
			j++
		}
		g, gmag, gfactor, ok := single(s, j)
		if !ok || g.Bare() {
			return f
		}
		if f.Bare() {
			// The bare end is read in the second end's unit, and in its
			// magnitude unless it has its own (3—5万人, 3万—5万人).
			if mag == 1 {
				mag = gmag
			}
			f.Value = f.Number * mag * gfactor
		} else if f.Unit != g.Unit {
			return f
		}
		if g.Value < f.Value {
			return f
		}
		f.Unit, f.High, f.End, f.Range = g.Unit, g.Value, g.End, true
		return f
	}
	return f
}
