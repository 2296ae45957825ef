package lexicon

import (
	"slices"
	"strconv"
	"strings"
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
	marks := map[string][]IntentMark{}
	for _, w := range l.Intents {
		marks[w.Word] = w.Marks
	}
	for w, want := range map[string][]IntentMark{
		"你好":          {MarkHello},
		"who are you": {MarkHelp},
		"省长":          {MarkWho, MarkVerb},
		"什么报告":        {MarkTitle, MarkGov, MarkWhen},
	} {
		if got := marks[w]; !slices.Equal(got, want) {
			t.Errorf("intent word %q: marks %v, want %v", w, got, want)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	good, err := Load(data)
	if err != nil || good == nil {
		t.Fatal(err)
	}
	base := fstest.MapFS{}
	for _, name := range []string{"synonyms.txt", "colloquial.tsv", "stops.txt", "weak.txt", "units.txt", "places.txt", "fillers.txt", "glossary.tsv", "kinds.tsv", "corpus_df.tsv", "intents.tsv", "kindwords.txt", "contrasts.txt", "t2s_runes.txt"} {
		b, err := data.ReadFile("data/" + name)
		if err != nil {
			t.Fatal(err)
		}
		base["data/"+name] = &fstest.MapFile{Data: b}
	}
	for _, tc := range []struct{ name, bad string }{
		{"places.txt", "[nowhere]\n市\n"},
		{"corpus_df.tsv", "gdp\t3\n"},
		{"corpus_df.tsv", "sentences\t10\ngdp\tmany\n"},
		{"corpus_df.tsv", "sentences\t0\ngdp\t3\n"},
		{"corpus_df.tsv", "sentences\t10\ngdp\t3\ncpi\t4\n"},
		{"corpus_df.tsv", "sentences\t10\ngdp\t3\ngdp\t4\n"},
		{"corpus_df.tsv", "sentences\t10\ngdp 3\n"},
		{"glossary.tsv", "gdp\n"},
		{"kinds.tsv", "figure\n"},
		{"kinds.tsv", "figure\t多少(\n"},
		{"kindwords.txt", "是指\n"},
		{"kindwords.txt", "[define]\n是指\n"},
		{"glossary.tsv", "gdp\t\n"},
		{"glossary.tsv", "gdp\tgdp\tsoon\n"},
		{"glossary.tsv", "gdp\tgdp\ngross domestic product|GDP\tgdp\n"},
		{"glossary.tsv", "the\t的\tdrop\n"},
		{"glossary.tsv", "what is\t是多少\task-what\n"},
		{"glossary.tsv", "how much\t多少|几\task-figure\n"},
		{"glossary.tsv", "|\tgdp\n"},
		{"glossary.tsv", "gdp\tgdp\t\textra\n"},
		{"intents.tsv", "hello\n"},
		{"intents.tsv", "hello\t你好\t您好\n"},
		{"intents.tsv", "hello\t\n"},
		{"intents.tsv", "soon\t你好\n"},
		{"intents.tsv", "hello+\t你好\n"},
		{"intents.tsv", "hello\t你好\nthanks\t你好\n"},
		{"intents.tsv", "hello\tHello\n"},
		{"intents.tsv", "help\twho  are you\n"},
		{"t2s_runes.txt", "# no runes\n"},
	} {
		fs := fstest.MapFS{}
		for k, v := range base {
			fs[k] = v
		}
		fs["data/"+tc.name] = &fstest.MapFile{Data: []byte(tc.bad)}
		if _, err := Load(fs); err == nil {
			t.Errorf("Load with bad %s %q: no error", tc.name, tc.bad)
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

func TestEnglishWords(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"What is the GDP growth target this year?", []string{"What", "is", "the", "GDP", "growth", "target", "this", "year"}},
		{"Beijing's PM2.5 concentration", []string{"Beijing", "PM2.5", "concentration"}},
		{"R&D spending in the 14th Five-Year Plan.", []string{"R&D", "spending", "in", "the", "14th", "Five", "Year", "Plan"}},
		{"what’s the rate, 2025?", []string{"what", "the", "rate", "2025"}},
		{"residents' income & jobs", []string{"residents", "income", "jobs"}},
	} {
		if got := EnglishWords(tc.in); strings.Join(got, " ") != strings.Join(tc.want, " ") || len(got) != len(tc.want) {
			t.Errorf("EnglishWords(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestGlossAt(t *testing.T) {
	l := Default()
	for _, tc := range []struct {
		words   string
		chinese string
		role    Role
		n       int
	}{
		{"gdp growth target", "gdp", RoleIndicator, 1},
		{"surveyed urban unemployment rate target", "城镇调查失业率", RoleIndicator, 4},
		{"energy consumption per unit of gdp", "单位地区生产总值能耗", RoleIndicator, 6},
		{"energy consumption", "能耗", RoleIndicator, 2},
		{"this year", "今年", RoleTime, 2},
		{"14th five year plan", "十四五", RoleTime, 4},
		{"how many jobs", "多少", RoleAskFigure, 2},
		{"what are the key tasks", "是多少", RoleAskList, 2},
		{"key tasks", "重点任务", RoleTopic, 2},
		{"the", "", RoleDrop, 1},
		{"museums", "", "", 0},
	} {
		g, n := l.GlossAt(strings.Fields(tc.words))
		if n != tc.n || n > 0 && (g.Chinese != tc.chinese || g.Role != tc.role) {
			t.Errorf("GlossAt(%q) = %+v, %d; want %q %q, %d", tc.words, g, n, tc.chinese, tc.role, tc.n)
		}
	}
	if g, _ := l.GlossAt([]string{"what", "is"}); g.Other != "是什么" {
		t.Errorf("what is: other form %q, want 是什么", g.Other)
	}
}

// BenchmarkLoad parses every vocabulary file, what the first question of a
// process pays once (the OpenCC converter is built later, and only for
// text it may change: BenchmarkFirstQuestion).
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFirstQuestion is what a fresh process pays for the lexicon and
// its first question: Load, then Normalize. A question in simplified
// characters never builds the OpenCC converter; one in traditional
// characters builds it.
func BenchmarkFirstQuestion(b *testing.B) {
	for _, tc := range []struct{ name, q string }{
		{"simplified", "今年失业率目标是多少"},
		{"traditional", "今年失業率目標是多少"},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				l, err := Load(data)
				if err != nil {
					b.Fatal(err)
				}
				sink = l.Normalize(tc.q)
			}
		})
	}
}

// TestCorpusDFLookup checks the search of the corpus rows against every
// row of the file, and grams that are not in it.
func TestCorpusDFLookup(t *testing.T) {
	l := Default()
	b, err := data.ReadFile("data/corpus_df.tsv")
	if err != nil {
		t.Fatal(err)
	}
	rows := 0
	grams := map[string]bool{}
	for line := range strings.Lines(string(b)) {
		g, _, _ := strings.Cut(line, "\t")
		grams[g] = true
	}
	for line := range strings.Lines(string(b)) {
		g, n, _ := strings.Cut(strings.TrimSuffix(line, "\n"), "\t")
		if strings.HasPrefix(g, "#") || g == "sentences" {
			continue
		}
		rows++
		if got := strconv.Itoa(l.CorpusDF(g)); got != n {
			t.Fatalf("CorpusDF(%q) = %s, want %s", g, got, n)
		}
		for _, absent := range []string{g + "\x00", g[:len(g)-1]} {
			if !grams[absent] && l.CorpusDF(absent) != 0 {
				t.Fatalf("CorpusDF(%q) = %d, want 0", absent, l.CorpusDF(absent))
			}
		}
	}
	if rows < 10000 || l.CorpusDF("") != 0 || l.CorpusDF("\uffff\uffff") != 0 {
		t.Errorf("%d rows; CorpusDF of empty and last grams: %d %d", rows, l.CorpusDF(""), l.CorpusDF("\uffff\uffff"))
	}
}

func BenchmarkCorpusDF(b *testing.B) {
	l := Default()
	b.ReportAllocs()
	for b.Loop() {
		sink = strconv.Itoa(l.CorpusDF("失业") + l.CorpusDF("率目"))
	}
}
