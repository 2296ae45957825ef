package lexicon

import (
	"testing"
	"testing/fstest"
)

func TestNormalize(t *testing.T) {
	l := Default()
	for _, tc := range []struct{ in, want string }{
		{"今年失业率目标是多少", "今年失业率目标是多少"},
		{"请问今年失业率目标是多少", "今年失业率目标是多少"},
		{"请问一下，今年失业率目标是多少？", "今年失业率目标是多少？"},
		{"我想知道今年失业率目标是多少", "今年失业率目标是多少"},
		{"麻烦问下今年GDP目标定的多少", "今年GDP目标定的多少"},
		{"能告诉我今年GDP目标是多少吗？", "今年GDP目标是多少？"},
		{"今年失业率目标是多少，谢谢", "今年失业率目标是多少"},
		{"今年失业率目标是多少？谢谢！", "今年失业率目标是多少？"},
		{"今年失業率目標是多少", "今年失业率目标是多少"},
		{"請問去年財政收入增長了多少", "去年财政收入增长了多少"},
		{"２０２５年ＧＤＰ增长了多少％", "2025年GDP增长了多少%"},
		{"今年  GDP\u3000目标 是多少", "今年 GDP 目标 是多少"},
		{"那CPI呢？", "那CPI呢？"},
		{"今年GDP目标是多少呢？", "今年GDP目标是多少？"},
		{"是5%吧", "是5%"},
		{"pls 今年GDP目标是多少", "今年GDP目标是多少"},
		{"今年PM2.5浓度目标是多少", "今年PM2.5浓度目标是多少"},
		{"今年\x00失业率\u200b目标\x1b是多少", "今年失业率目标是多少"},
		{"谢谢", "谢谢"},
		{"你好", "你好"},
		{"你好，请问今年的重点任务有哪些", "今年的重点任务有哪些"},
		{"What is the GDP target this year?", "What is the GDP target this year?"},
		{"  What   is  CPI ", "What is CPI"},
	} {
		if got := l.Normalize(tc.in); got != tc.want {
			t.Errorf("Normalize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestDefaultTables(t *testing.T) {
	l := Default()
	if g := l.Group("社零"); len(g) == 0 || g[1] != "社会消费品零售总额" {
		t.Errorf("Group(社零) = %v", g)
	}
	if got := l.Colloquialize("gdp冲到多少"); got != "gdp达到多少" {
		t.Errorf("Colloquialize = %q", got)
	}
	for i := 1; i < len(l.Stops); i++ {
		if len([]rune(l.Stops[i])) > len([]rune(l.Stops[i-1])) {
			t.Fatalf("stops not longest first at %q", l.Stops[i])
		}
	}
	var five int
	for _, w := range l.Time {
		if w.Scope == ScopeFiveYear {
			five++
			if w.First < 2000 {
				t.Errorf("%s: first year %d", w.Word, w.First)
			}
		}
	}
	if five < 4 {
		t.Errorf("five-year plans = %d", five)
	}
	if len(l.Glossary) == 0 || len(l.Units) == 0 || len(l.PlaceSuffixes) == 0 || !l.Weak["增长"] {
		t.Error("a table is empty")
	}
}

func TestLoadErrors(t *testing.T) {
	good, err := Load(data)
	if err != nil || good == nil {
		t.Fatal(err)
	}
	base := fstest.MapFS{}
	for _, name := range []string{"synonyms.txt", "colloquial.tsv", "stops.txt", "weak.txt", "units.txt", "places.txt", "time.tsv", "fillers.txt", "glossary.tsv"} {
		b, err := data.ReadFile("data/" + name)
		if err != nil {
			t.Fatal(err)
		}
		base["data/"+name] = &fstest.MapFile{Data: b}
	}
	for name, bad := range map[string]string{
		"time.tsv":     "今年\tsoon\n",
		"places.txt":   "[nowhere]\n市\n",
		"glossary.tsv": "gdp\n",
	} {
		fs := fstest.MapFS{}
		for k, v := range base {
			fs[k] = v
		}
		fs["data/"+name] = &fstest.MapFile{Data: []byte(bad)}
		if _, err := Load(fs); err == nil {
			t.Errorf("Load with bad %s: no error", name)
		}
	}
	delete(base, "data/units.txt")
	if _, err := Load(base); err == nil {
		t.Error("Load without units.txt: no error")
	}
}

var sink string

func BenchmarkNormalize(b *testing.B) {
	l := Default()
	for _, q := range []string{"今年GDP增速目标定的多少？", "請問今年失業率目標是多少，謝謝"} {
		b.Run(q, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sink = l.Normalize(q)
			}
		})
	}
}
