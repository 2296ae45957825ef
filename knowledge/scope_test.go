package knowledge

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSentenceScopes(t *testing.T) {
	for _, tt := range []struct {
		name string
		text string
		para Scope
		want []Scope // per clause, in order
	}{
		{"year carried to next sentences", "刚刚过去的2025年，生产总值增长5%。工业增长6%。", ScopePeriodReview,
			[]Scope{ScopeReview, ScopeReview, ScopeReview}},
		{"period clause inside a year", "2025年生产总值增长5%，五年年均增长5.5%，财政收入增长2%。", ScopeAny,
			[]Scope{ScopeReview, ScopePeriodReview, ScopeReview}},
		{"base year is no scope", "生产总值比2020年增长30%。", ScopePeriodReview,
			[]Scope{ScopePeriodReview}},
		{"heading when unmarked", "工业增长6%，投资增长3%。", ScopePlan,
			[]Scope{ScopePlan, ScopePlan}},
		{"this year marker", "过去一年，生产总值增长5%。今年，生产总值增长5%左右。", ScopeAny,
			[]Scope{ScopeReview, ScopeReview, ScopePlan, ScopePlan}},
		{"level reached at the end of a span", "地区生产总值从2020年的3万亿元增长到2025年的4万亿元。", ScopePeriodReview,
			[]Scope{ScopeReview}},
		{"annual average is no period", "2025年，细颗粒物年均浓度30微克/立方米，下降5%。", ScopePeriodReview,
			[]Scope{ScopeReview, ScopeReview, ScopeReview}},
		{"this year aside in a review", "实施了垃圾热解气化项目一期工程，今年上半年可建成投入使用。完成农村改厕5083座。", ScopeReview,
			[]Scope{ScopePlan, ScopePlan, ScopeReview}},
		{"the year that closes a period", "刚刚过去的一年，是“十四五”收官之年。我们稳就业、稳企业，地区生产总值增长5.1％。", ScopeReview,
			[]Scope{ScopeReview, ScopeReview, ScopeReview, ScopeReview}},
		{"last year, the period's final year", "去年是十四五最后一年，生产总值增长5%。", ScopeAny,
			[]Scope{ScopeReview, ScopeReview}},
		{"a period named as a thing done", "生产总值增长5.1%，能耗降幅完成“十四五”任务。", ScopeReview,
			[]Scope{ScopeReview, ScopePeriodReview}},
		{"a period as time words", "生产总值增长6%，“十四五”时期累计增长30%。", ScopeReview,
			[]Scope{ScopePeriodReview, ScopePeriodReview}},
		{"last year as a base", "今年赤字率拟按2.8%左右安排、比去年有所下调。", ScopeReview,
			[]Scope{ScopePlan}},
		{"last year as a base, reviewed", "过去一年，粮食产量比上年增长2%。", ScopeAny,
			[]Scope{ScopeReview, ScopeReview}},
		{"period plan", "今后五年，生产总值年均增长5%。", ScopePlan,
			[]Scope{ScopePeriodPlan, ScopePeriodPlan}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var fcl [][]string
			for _, s := range Items(Paragraph{Text: tt.text}) {
				var fs []string
				for _, cl := range Clauses(s) {
					fs = append(fs, Fold(cl))
				}
				fcl = append(fcl, fs)
			}
			var got []Scope
			for _, ss := range sentenceScopes(fcl, tt.para, 2026) {
				got = append(got, ss...)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("scopes = %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("scopes = %v, want %v", got, tt.want)
					break
				}
			}
		})
	}
}

func TestScopes(t *testing.T) {
	r := &Report{Year: 2026, Paragraphs: []Paragraph{
		{N: 1, Section: []string{"一、2025年和“十四五”工作回顾"}, Text: "五年来，生产总值年均增长5.5%。"},
		{N: 2, Section: []string{"一、2025年和“十四五”工作回顾"}, Text: "过去一年，生产总值增长5%；工业增长6%。"},
		{N: 3, Section: []string{"二、2026年工作安排"}, Text: "今年发展的主要预期目标是：生产总值增长5%左右。2025年为5.2%。"},
		{N: 4, Section: []string{"三、“十五五”时期的主要目标"}, Text: "到2030年，生产总值迈上新台阶。"},
	}}
	var got []string
	for _, ps := range Scopes(r) {
		var items []string
		for _, it := range ps.Items {
			var cs []string
			for _, c := range it.Clauses {
				cs = append(cs, c.String())
			}
			items = append(items, it.Scope.String()+"("+strings.Join(cs, " ")+")")
		}
		got = append(got, ps.Scope.String()+": "+strings.Join(items, " "))
	}
	want := []string{
		"period-review: period-review(period-review period-review)",
		"review: review(review review) review(review)",
		"plan: plan(plan plan) review(review)",
		"period-plan: period-plan(period-plan period-plan)",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Scopes (-want +got):\n%s", diff)
	}
}

func TestItemsAndClauses(t *testing.T) {
	p := Paragraph{Sentences: []string{"一是稳增长；二是“促改革”，", "三是惠民生。"}}
	if diff := cmp.Diff([]string{"一是稳增长；", "二是“促改革”，", "三是惠民生。"}, Items(p)); diff != "" {
		t.Errorf("Items (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"他说：", "“好。”", "再见！"}, Clauses("他说：“好。” 再见！")); diff != "" {
		t.Errorf("Clauses (-want +got):\n%s", diff)
	}
}

func TestTimeWords(t *testing.T) {
	ts := TimeWords()
	if len(ts) == 0 {
		t.Fatal("TimeWords: empty table")
	}
	five := 0
	for _, w := range ts {
		if w.Word == "" || w.Scope == ScopeAny {
			t.Errorf("row %+v: no word or no scope", w)
		}
		if w.Scope == ScopeFiveYear {
			five++
			if w.First < 2000 {
				t.Errorf("%s: first year %d", w.Word, w.First)
			}
		}
	}
	if five == 0 {
		t.Error("TimeWords: no five-year plans")
	}
	if got, want := FiveYearScope(2021, 2026), ScopePeriodReview; got != want {
		t.Errorf("FiveYearScope(2021, 2026) = %v, want %v", got, want)
	}
	if got, want := FiveYearScope(2026, 2026), ScopePeriodPlan; got != want {
		t.Errorf("FiveYearScope(2026, 2026) = %v, want %v", got, want)
	}
}

func TestParseTimeErrors(t *testing.T) {
	for _, bad := range []string{"今年\tsoon\n", "今年\n", "十四五\tfive-year:abc\n", "现在\tany\n", "十四五\tfive-year\n"} {
		if _, err := parseTime(bad); err == nil {
			t.Errorf("parseTime(%q): no error", bad)
		}
	}
	ts, err := parseTime("# comment\n\n十四五\tfive-year:2021\n今年\tplan\n")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]TimeWord{{"十四五", ScopeFiveYear, 2021}, {"今年", ScopePlan, 0}}, ts); diff != "" {
		t.Errorf("parseTime (-want +got):\n%s", diff)
	}
}
