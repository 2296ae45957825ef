package knowledge

import (
	"math/rand"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestFigures(t *testing.T) {
	tests := []struct {
		in   string
		want []string // canonical String() of each figure found
	}{
		{"城镇登记失业率控制在3%以内", []string{"3%"}},
		{"控制在百分之三以内", []string{"3%"}},
		{"增长５．５％左右", []string{"5.5%"}},
		{"百分之五点五", []string{"5.5%"}},
		{"百分之百", []string{"100%"}},
		{"千分之三", []string{"3‰"}},
		{"三千亿元", []string{"300000000000元"}},
		{"3000亿元", []string{"300000000000元"}},
		{"3千亿元", []string{"300000000000元"}},
		{"0.3万亿元", []string{"300000000000元"}},
		{"1.2万亿元", []string{"1200000000000元"}},
		{"两万人", []string{"20000人"}},
		{"新增就业2万人以上", []string{"20000人"}},
		{"一百二十万千瓦", []string{"1200000千瓦"}},
		{"120万千瓦", []string{"1200000千瓦"}},
		{"新增装机120万千瓦时", []string{"1200000千瓦时"}},
		{"十二亿五千万元", []string{"1250000000元"}},
		{"一万亿元", []string{"1000000000000元"}},
		{"五成", []string{"50%"}},
		{"九成以上", []string{"90%"}},
		{"5%—5.5%", []string{"5—5.5%"}},
		{"5%至5.5%", []string{"5—5.5%"}},
		{"5—5.5%", []string{"5—5.5%"}},
		{"5-5.5%", []string{"5—5.5%"}},
		{"百分之五至百分之五点五", []string{"5—5.5%"}},
		{"3—5万人", []string{"30000—50000人"}},
		{"3万—5万人", []string{"30000—50000人"}},
		{"下降0.5个百分点", []string{"0.5个百分点"}},
		{"提高两个百分点", []string{"2个百分点"}},
		{"高于全国0.4百分点", []string{"0.4个百分点"}},
		{"增长1.5倍", []string{"1.5倍"}},
		{"9580张", []string{"9580张"}},
		{"1,200亿元", []string{"120000000000元"}},
		{"2025年3月5日", []string{"2025", "3", "5"}},
		{"PM2.5平均浓度下降到30微克/立方米", []string{"30微克/立方米"}},
		{"5G基站和G20峰会", nil},
		{"十四五规划", nil},
		{"统一大市场，一批项目，一个中心", nil},
		{"完成三项工作", []string{"3项"}},
		{"从3%提高到5%", []string{"3%", "5%"}},
		{"3%至5万人", []string{"3%", "50000人"}},
		{"二〇二五年", nil},
		{"GDP growth of around 5.5 percent", []string{"5.5%"}},
		{"revenue of 120 billion yuan", []string{"120000000000元"}},
		{"1.2 trillion yuan", []string{"1200000000000元"}},
		{"down 0.5 percentage points", []string{"0.5个百分点"}},
		{"within 3% in 2023", []string{"3%", "2023"}},
		{"20,000 new jobs", []string{"20000"}},
	}
	for _, tt := range tests {
		var got []string
		for _, f := range Figures(tt.in) {
			got = append(got, f.String())
		}
		if strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("Figures(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFigureSame(t *testing.T) {
	one := func(s string) Figure {
		fs := Figures(s)
		if len(fs) != 1 {
			t.Fatalf("Figures(%q) = %v, want one", s, fs)
		}
		return fs[0]
	}
	same := [][2]string{
		{"3%", "百分之三"}, {"3000亿元", "三千亿元"}, {"0.3万亿元", "3千亿元"}, {"50%", "五成"},
		{"5%—5.5%", "百分之五至百分之五点五"}, {"2万人", "两万人"}, {"2025", "2025年"}, {"3", "3%"},
		{"1200亿元", "120 billion yuan"}, {"5.5%", "5.5 per cent"}, {"2万人", "20,000"},
	}
	for _, p := range same {
		if a, b := one(p[0]), one(p[1]); !a.Same(b) || !b.Same(a) {
			t.Errorf("%q and %q should be the same figure (%v, %v)", p[0], p[1], a, b)
		}
	}
	differ := [][2]string{
		{"3%", "百分之五"}, {"3%", "3个百分点"}, {"3000亿元", "3000万元"}, {"5%—5.5%", "5%"}, {"2万人", "2万户"},
	}
	for _, p := range differ {
		if a, b := one(p[0]), one(p[1]); a.Same(b) || b.Same(a) {
			t.Errorf("%q and %q should differ", p[0], p[1])
		}
	}
}

// hanNumeral writes n (< 1e16) in Chinese numerals, the way reports do:
// 一百二十万, 三千亿, 十二 (not 一十二).
func hanNumeral(n int64) string {
	digits := []rune("零一二三四五六七八九")
	if n == 0 {
		return "零"
	}
	group := func(g int64) string { // 0 < g < 10000
		var b strings.Builder
		zero := false
		for i, m := range []int64{1000, 100, 10, 1} {
			d := g / m % 10
			if d == 0 {
				zero = b.Len() > 0
				continue
			}
			if zero {
				b.WriteRune('零')
				zero = false
			}
			if !(d == 1 && m == 10 && b.Len() == 0) {
				b.WriteRune(digits[d])
			}
			b.WriteString([]string{"千", "百", "十", ""}[i])
		}
		return b.String()
	}
	var b strings.Builder
	for _, u := range []struct {
		v    int64
		name string
	}{{1e12, "万亿"}, {1e8, "亿"}, {1e4, "万"}, {1, ""}} {
		g := n / u.v
		n %= u.v
		if g == 0 {
			continue
		}
		if g >= 10000 { // only for 万亿 groups
			return ""
		}
		if b.Len() > 0 && g < 1000 {
			b.WriteRune('零')
		}
		b.WriteString(group(g) + u.name)
	}
	return b.String()
}

// TestFigureProperty writes random quantities in Arabic digits, in Arabic
// digits with magnitudes and in Chinese numerals, with random units and
// qualifiers around them, and reads each back to its value.
func TestFigureProperty(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	unitNames := []string{"元", "亿元", "万元", "万人", "人", "吨", "万吨", "千瓦", "万千瓦", "%", "个百分点", "倍", "亩", "公里"}
	factor := map[string]float64{"亿元": 1e8, "万元": 1e4, "万人": 1e4, "万吨": 1e4, "万千瓦": 1e4}
	canon := map[string]string{"亿元": "元", "万元": "元", "万人": "人", "万吨": "吨", "万千瓦": "千瓦"}
	for i := 0; i < 3000; i++ {
		n := rng.Int63n(1_000_000) + 2
		if rng.Intn(3) == 0 {
			n = rng.Int63n(1e12) + 2
		}
		unit := unitNames[rng.Intn(len(unitNames))]
		want := float64(n)
		if f, ok := factor[unit]; ok {
			want *= f
		}
		c := unit
		if x, ok := canon[unit]; ok {
			c = x
		}
		var written string
		switch rng.Intn(3) {
		case 0:
			written = strconv.FormatInt(n, 10) + unit
		case 1:
			if strings.HasPrefix(unit, "万") && n >= 1e4 {
				n = n%1e4 + 2 // 一百二十万千瓦, never 四百七十六万四千万千瓦
				want = float64(n) * factor[unit]
			}
			written = hanNumeral(n) + unit
			if unit == "%" {
				written = "百分之" + hanNumeral(n)
			}
		case 2: // a decimal with a magnitude: 1.25万亿元
			if unit == "%" || unit == "个百分点" || unit == "倍" || strings.HasPrefix(unit, "万") {
				written = strconv.FormatInt(n, 10) + unit
				break
			}
			tenths := n % 1000
			written = strconv.FormatInt(tenths/10, 10) + "." + strconv.FormatInt(tenths%10, 10) + "万" + unit
			want = (float64(tenths) / 10) * 1e4
			if f, ok := factor[unit]; ok {
				want *= f
			}
			if tenths/10 == 0 {
				continue
			}
		}
		if written == unit {
			continue
		}
		s := "全年" + []string{"达到", "控制在", "增长", ""}[rng.Intn(4)] + written + []string{"以上", "左右", "，", ""}[rng.Intn(4)]
		fs := Figures(s)
		if len(fs) != 1 || !closeTo(fs[0].Value, want) || fs[0].Unit != c {
			t.Fatalf("Figures(%q) = %v, want one figure %v %s", s, fs, want, c)
		}
		// And printed back, it reads the same.
		back := Figures(fs[0].String())
		if len(back) != 1 || !back[0].Same(fs[0]) {
			t.Fatalf("%q printed as %q reads back as %v", s, fs[0].String(), back)
		}
	}
}

// TestFiguresRoundTripOnReports reads every figure of the dev reports,
// prints it in canonical form and reads that back: the value and unit must
// survive.
func TestFiguresRoundTripOnReports(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "reports", "*.txt"))
	if len(files) == 0 {
		t.Fatal("no dev reports in testdata/reports")
	}
	total := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, fig := range Figures(string(data)) {
			total++
			back := Figures(fig.String())
			if len(back) != 1 || !back[0].Same(fig) || back[0].Unit != fig.Unit {
				t.Errorf("%s: %q printed as %q reads back as %v", filepath.Base(f), fig.Text, fig.String(), back)
			}
		}
	}
	if total < 500 {
		t.Errorf("only %d figures in the dev reports; the reader misses most", total)
	}
}
