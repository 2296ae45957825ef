package rag

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"

	"github.com/reportbot/reportbot/rag/lexicon"
)

func TestReadEnglish(t *testing.T) {
	lx := lexicon.Default()
	tests := []struct {
		q      string
		want   englishQuestion
		wantOK bool
	}{
		// Targets of the year.
		{"What is the GDP growth target this year?", englishQuestion{"今年gdp增长目标是多少", "GDP growth target (this year)", true}, true},
		{"What's this year's economic growth target?", englishQuestion{"今年gdp增长目标是多少", "Economic growth target (this year)", true}, true},
		{"What is the target for consumer prices this year?", englishQuestion{"今年居民消费价格目标是多少", "Target for consumer prices (this year)", true}, true},
		{"What is the registered urban unemployment rate target for 2023?", englishQuestion{"2023年城镇登记失业率目标是多少", "Registered urban unemployment rate target (2023)", true}, true},
		{"What is Beijing's surveyed unemployment rate target?", englishQuestion{"北京城镇调查失业率目标是多少", "Beijing surveyed unemployment rate target", true}, true},
		{"How much will budget revenue grow this year?", englishQuestion{"今年一般公共预算收入增长多少", "Budget revenue grow (this year)", true}, true},
		{"What is the fixed-asset investment growth target?", englishQuestion{"固定资产投资增长目标是多少", "Fixed asset investment growth target", true}, true},
		{"What is the target for energy consumption per unit of GDP?", englishQuestion{"单位地区生产总值能耗目标是多少", "Target for energy consumption per unit of GDP", true}, true},
		{"What is the PM2.5 concentration target?", englishQuestion{"pm2.5目标是多少", "PM2.5 concentration target", true}, true},
		// The goal word follows everything asked about; 和 joins them.
		{"What are the targets for GDP and CPI this year?", englishQuestion{"今年gdp和居民消费价格目标是多少", "Targets for GDP and CPI (this year)", true}, true},
		// Last year's results and the latest figures.
		{"How many new urban jobs were created last year?", englishQuestion{"去年城镇新增就业多少", "New urban jobs (last year)", true}, true},
		{"What was the total value of imports and exports in 2025?", englishQuestion{"2025年进出口总量是多少", "Total value of imports and exports (2025)", true}, true},
		{"How much did retail sales grow last year?", englishQuestion{"去年社会消费品零售总额增长多少", "Retail sales grow (last year)", true}, true},
		{"What was per capita disposable income last year?", englishQuestion{"去年居民人均可支配收入是多少", "Per capita disposable income (last year)", true}, true},
		{"How much did industrial value added grow last year?", englishQuestion{"去年规模以上工业增加值增长多少", "Industrial value added grow (last year)", true}, true},
		{"How much grain is Sichuan aiming to produce this year?", englishQuestion{"四川今年粮食产量多少", "Sichuan grain (this year)", true}, true},
		{"What was Chengdu's GDP last year?", englishQuestion{"成都去年gdp是多少", "Chengdu GDP (last year)", true}, true},
		{"What is the forest coverage rate now?", englishQuestion{"目前森林覆盖率是多少", "Forest coverage rate (now)", true}, true},
		{"How many high-tech enterprises are there now?", englishQuestion{"目前高新技术企业多少", "High tech enterprises (now)", true}, true},
		{"What was the R&D intensity last year?", englishQuestion{"去年研发投入强度是多少", "R&D intensity (last year)", true}, true},
		{"How many special bonds were issued last year?", englishQuestion{"去年专项债券多少", "Special bonds (last year)", true}, true},
		// Five-year plans.
		{"What is the average annual GDP growth target of the 15th Five-Year Plan?", englishQuestion{"十五五gdp年均增长目标是多少", "Average annual GDP growth target (15th Five Year Plan)", true}, true},
		{"How much will R&D spending increase over the next five years?", englishQuestion{"今后五年研发投入增长多少", "R&D spending increase (next five years)", true}, true},
		{"What was GDP growth in the past five years?", englishQuestion{"过去五年gdp增长是多少", "GDP growth (past five years)", true}, true},
		// Lists and descriptions: the question names more than indicators.
		{"What are the key tasks for this year?", englishQuestion{"今年重点任务有哪些", "Key tasks (this year)", false}, true},
		{"What does the report say about pensions and healthcare?", englishQuestion{"养老和医疗是什么", "Pensions and healthcare", false}, true},
		{"What are the education goals for the 15th Five-Year Plan?", englishQuestion{"十五五教育目标有哪些", "Education goals (15th Five Year Plan)", false}, true},
		{"How will housing be improved?", englishQuestion{"住房如何", "Housing", false}, true},
		// Who, when, where.
		{"When will rail transit be extended?", englishQuestion{"轨道交通什么时候", "Rail transit", false}, true},
		{"Where will the new industries be located?", englishQuestion{"新兴产业哪里", "New industries", false}, true},
		// Nothing the glossary reads: the question is left to the rest.
		{"Hello", englishQuestion{}, false},
		{"Who delivered the report?", englishQuestion{}, false},
		{"What is the target this year?", englishQuestion{}, false},
		{"How many museums are there?", englishQuestion{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			got, ok := readEnglish(lx, tt.q)
			if ok != tt.wantOK {
				t.Fatalf("readEnglish ok = %v, want %v (%+v)", ok, tt.wantOK, got)
			}
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(englishQuestion{})); diff != "" {
				t.Errorf("readEnglish (-want +got):\n%s", diff)
			}
		})
	}
}

// leadFigureRE is a figure as the report writes it, led by its digits
// (5%左右, 107万人): English answers lead with it.
var leadFigureRE = regexp.MustCompile(`\d[^\s,—」]*`)

// hanOutsideQuotes returns the ideographs of s outside 「」 and “” quotes
// and outside the figures it leads with.
func hanOutsideQuotes(s string) string {
	var out []rune
	depth := 0
	for _, r := range leadFigureRE.ReplaceAllString(s, "") {
		switch r {
		case '「', '“':
			depth++
		case '」', '”':
			depth--
		default:
			if depth == 0 && unicode.Is(unicode.Han, r) {
				out = append(out, r)
			}
		}
	}
	return string(out)
}

// TestEnglishAnswer checks that an English question is answered in English:
// an English lead naming what was asked, the figure as the report writes
// it, the report's words quoted verbatim with [n] markers, and no other
// Chinese outside the quotes.
func TestEnglishAnswer(t *testing.T) {
	indexes := map[string]*Index{}
	tests := []struct {
		report, q string
		found     bool
		lead      string // the answer starts with it
		contains  []string
	}{
		{"beijing2026", "What is the GDP growth target this year?", true, "GDP growth target (this year): 5%左右 — 「", []string{"地区生产总值增长5%左右"}},
		{"beijing2026", "What was the surveyed urban unemployment rate last year?", true, "Surveyed urban unemployment rate (last year): 4.1% — 「", []string{"城镇调查失业率4.1%"}},
		{"beijing2026", "What are the targets for GDP and CPI this year?", true, "Targets for GDP and CPI (this year):\n5%左右 — 「", []string{"居民消费价格涨幅2%左右"}},
		{"zhenhai2023", "What is the registered urban unemployment rate target this year?", true, "Registered urban unemployment rate target (this year): 3%以内 — 「", []string{"控制在3%以内"}},
		{"sichuan2026", "How many new urban jobs were created last year?", true, "New urban jobs (last year): 107万人 — 「", []string{"城镇新增就业107万人"}},
		{"sichuan2026", "What are the future industries?", true, "Future industries: 「", []string{"量子科技"}},
		// A part the report does not cover is said so in English.
		{"sichuan2026", "What were GDP and unemployment last year?", true, "GDP and unemployment (last year): ", []string{"The report does not say: “失业率”."}},
		{"beijing2026", "What is this year's minimum wage?", false, "The report does not say: “What is this year's minimum wage”.", nil},
		{"guangdong2026", "What is Guangdong's CPI target this year?", false, "The report does not say: “What is Guangdong's CPI target this year”.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.report+"/"+tt.q, func(t *testing.T) {
			ix := indexes[tt.report]
			if ix == nil {
				ix = buildTestIndex(t, loadTestReport(t, tt.report))
				indexes[tt.report] = ix
			}
			a, err := Extract(context.Background(), ix, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			assertAnswer(t, a, tt.found, tt.contains, nil)
			if !strings.HasPrefix(a.Text, tt.lead) {
				t.Errorf("answer %q does not start with %q", a.Text, tt.lead)
			}
			if han := hanOutsideQuotes(a.Text); han != "" {
				t.Errorf("answer %q has Chinese %q outside its quotes", a.Text, han)
			}
			if !tt.found {
				return
			}
			marks := markerRE.FindAllString(a.Text, -1)
			if len(marks) == 0 || len(a.Citations) == 0 {
				t.Fatalf("answer %q has no citation markers", a.Text)
			}
			// Every quote is the report's own words.
			for _, m := range regexp.MustCompile(`「([^」]*)」`).FindAllStringSubmatch(a.Text, -1) {
				for _, item := range strings.Split(m[1], "；") {
					if !quotedFromCitations(a, item) {
						t.Errorf("quote %q is not in the cited paragraphs", item)
					}
				}
			}
		})
	}
}

// quotedFromCitations reports whether s is in a cited paragraph.
func quotedFromCitations(a Answer, s string) bool {
	for _, c := range a.Citations {
		if strings.Contains(c.Text, s) {
			return true
		}
	}
	return false
}

// TestEnglishChineseUnchanged checks that a Chinese question is not read
// through the glossary: its answer is the same with English words in the
// lexicon or not.
func TestEnglishChineseUnchanged(t *testing.T) {
	ix := buildTestIndex(t, smallReport())
	for _, q := range []string{"今年GDP目标多少", "今年gdp增长目标是多少", "去年城镇新增就业多少"} {
		a, err := Extract(context.Background(), ix, q)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(a.Text, " — ") || strings.HasPrefix(a.Text, "GDP") || !hasHan(a.Text) || strings.Contains(a.Text, "」[") {
			t.Errorf("%s: answer %q reads as English", q, a.Text)
		}
	}
}

func TestLeadFigures(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want []string
	}{
		{"地区生产总值增长5%左右", []string{"5%左右"}},
		{"城镇登记失业率控制在3%以内", []string{"3%以内"}},
		{"全市地区生产总值5.2万亿元、增长5.4%、高于全国0.4个百分点", []string{"5.2万亿元", "5.4%", "0.4个百分点"}},
		{"粮食产量730亿斤以上", []string{"730亿斤以上"}},
		{"地区生产总值增长3.9%、总量连续37年居全国首位", []string{"3.9%"}},
		{"细颗粒物年均浓度控制在29微克/立方米左右", []string{"29微克/立方米左右"}},
		{"PM2.5浓度下降", nil},
		{"2026年1月25日", nil},
		{"新增1个、2个、3个、4个", nil}, // too many to lead with
	} {
		if got := leadFigures(tt.s); !cmp.Equal(got, tt.want) {
			t.Errorf("leadFigures(%q) = %q, want %q", tt.s, got, tt.want)
		}
	}
}

func TestNotInReportTopics(t *testing.T) {
	for _, topics := range [][]string{{"失业率"}, {"失业率", "今年gdp"}} {
		got, ok := notInReportTopics(notInReport(append([]string(nil), topics...), false))
		if !ok || !cmp.Equal(got, topics) {
			t.Errorf("notInReportTopics(notInReport(%q)) = %q, %v", topics, got, ok)
		}
	}
	if _, ok := notInReportTopics("地区生产总值增长5%左右[1]"); ok {
		t.Error("an answer line read as not in the report")
	}
}
