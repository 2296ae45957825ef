package rag

import (
	"context"
	"strings"
	"testing"
)

// routeLibrary is a library of six real reports, two of them of one
// government in two years.
func routeLibrary(t *testing.T) *Library {
	t.Helper()
	lib := NewLibrary(discard, t.TempDir(), nil)
	for _, name := range []string{"beijing2026", "guangdong2026", "hebei2026", "hebei2024", "zhenhai2023", "national2019"} {
		if _, err := lib.Add(context.Background(), loadTestReport(t, name)); err != nil {
			t.Fatal(err)
		}
	}
	return lib
}

func TestRoute(t *testing.T) {
	lib := routeLibrary(t)
	tests := []struct {
		q         string
		want      []string // short names routed to, in order
		ambiguous []string
	}{
		{"广东今年GDP目标是多少", []string{"广东省 2026"}, nil},
		{"广东省今年GDP目标是多少", []string{"广东省 2026"}, nil},
		{"请问广东省今年的GDP目标是多少？", []string{"广东省 2026"}, nil},
		{"廣東今年GDP目標是多少", []string{"广东省 2026"}, nil},
		{"广 东 今年GDP目标", []string{"广东省 2026"}, nil},
		{"镇海区今年失业率目标", []string{"宁波市镇海区 2023"}, nil},
		{"广东和北京今年GDP目标分别是多少", []string{"广东省 2026", "北京市 2026"}, nil},
		{"北京、广东与河北2026年的GDP目标", []string{"北京市 2026", "广东省 2026", "河北省 2026"}, nil},
		{"河北2024年GDP目标是多少", []string{"河北省 2024"}, nil},
		// A place with two years: the year named, its latest for 今年/去年,
		// each for two years named, and otherwise the question asks which.
		{"河北今年的财政收入目标", []string{"河北省 2026"}, nil},
		{"河北去年的进出口增长了多少", []string{"河北省 2026"}, nil},
		{"河北的财政收入目标", nil, []string{"河北省 2024", "河北省 2026"}},
		{"河北2024年和2026年的就业目标", []string{"河北省 2024", "河北省 2026"}, nil},
		{"河北2024年和今年的就业目标相比", []string{"河北省 2024", "河北省 2026"}, nil},
		// Beside a place that routes, one with two years still asks which.
		{"河北和镇海区的就业目标", nil, []string{"河北省 2024", "河北省 2026"}},
		// A year alone: every report of that year.
		{"2019年的报告里GDP目标是多少", []string{"2019"}, nil},
		{"2026年的报告里就业目标", []string{"北京市 2026", "广东省 2026", "河北省 2026"}, nil},
		{"国务院的赤字率", []string{"2019"}, nil},
		// 全国 beside a place compares with the country.
		{"广东的增速比全国高多少", []string{"广东省 2026"}, nil},
		{"全国的赤字率是多少", []string{"2019"}, nil},
		// A province just before a place inside it only locates it.
		{"浙江宁波镇海区的就业目标", []string{"宁波市镇海区 2023"}, nil},
		// Abbreviations standing alone, English names.
		{"粤今年的就业目标", []string{"广东省 2026"}, nil},
		{"京、粤两地的财政收入目标", []string{"北京市 2026", "广东省 2026"}, nil},
		{"南京的就业目标", nil, nil},
		{"What is Guangdong's jobs target?", []string{"广东省 2026"}, nil},
		{"Compare Beijing and Hebei in 2024", []string{"北京市 2026", "河北省 2024"}, nil},
		// Every report of a kind.
		{"各省今年的经济增长目标", []string{"北京市 2026", "广东省 2026", "河北省 2026"}, nil},
		{"所有报告的赤字率", []string{"北京市 2026", "广东省 2026", "河北省 2024", "河北省 2026", "宁波市镇海区 2023", "2019"}, nil},
		{"这几个地方的就业目标", []string{"北京市 2026", "广东省 2026", "河北省 2026", "宁波市镇海区 2023"}, nil},
		{"各区县的就业目标", []string{"宁波市镇海区 2023"}, nil},
		{"今年失业率目标是多少", nil, nil},
	}
	for _, tt := range tests {
		rt := lib.Route(tt.q)
		var got, amb []string
		for _, ri := range rt.Reports {
			got = append(got, ri.ShortName())
		}
		for _, ri := range rt.Ambiguous {
			amb = append(amb, ri.ShortName())
		}
		// The same reports, in any order (TestRoutedAnswers checks order).
		match := func(got, want []string) bool {
			if len(got) != len(want) {
				return false
			}
			used := make([]bool, len(got))
			for _, w := range want {
				found := false
				for i, g := range got {
					if !used[i] && strings.Contains(g, w) {
						used[i], found = true, true
						break
					}
				}
				if !found {
					return false
				}
			}
			return true
		}
		if !match(got, tt.want) || !match(amb, tt.ambiguous) {
			t.Errorf("Route(%q) = %q ambiguous %q, want %q ambiguous %q", tt.q, got, amb, tt.want, tt.ambiguous)
		}
	}
}

// TestRoutedAnswers: a two-place question is answered for each place, each
// part headed by its report and cited from it; an ambiguous one asks which
// report is meant; one naming no place goes to the default report.
func TestRoutedAnswers(t *testing.T) {
	lib := routeLibrary(t)
	e := New(discard, lib, nil)
	a, err := e.Answer(context.Background(), Question{Text: "广东和北京今年GDP目标分别是多少"})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"【广东省 2026】", "4.5%—5%", "【北京市 2026】", "5%左右[2]"} {
		if !strings.Contains(a.Text, want) {
			t.Errorf("two-place answer %q lacks %q", a.Text, want)
		}
	}
	if len(a.Citations) != 2 || a.Citations[0].Report == nil || !strings.Contains(a.Citations[0].Report.Title, "广东") ||
		a.Citations[1].Report == nil || !strings.Contains(a.Citations[1].Report.Title, "北京") || a.Citations[1].N != 2 {
		t.Errorf("citations do not carry their reports: %+v", a.Citations)
	}
	a, _ = e.Answer(context.Background(), Question{Text: "河北的GDP目标是多少"})
	if a.Found || !strings.Contains(a.Text, "河北省 2024") || !strings.Contains(a.Text, "哪一份") {
		t.Errorf("ambiguous question: %q", a.Text)
	}
	a, _ = e.Answer(context.Background(), Question{Text: "上海今年GDP目标是多少"})
	if a.Found || !strings.Contains(a.Text, "没有上海的报告") || !strings.Contains(a.Text, "广东省 2026") {
		t.Errorf("a place the library has no report of: %q", a.Text)
	}
	// Beside places that route, the ones with no report are said so.
	for _, q := range []string{"上海和广东今年GDP目标分别是多少", "请问广州和北京今年的GDP目标", "What are the GDP targets of Shanghai and Guangdong?"} {
		a, _ = e.Answer(context.Background(), Question{Text: q})
		if !a.Found || !strings.Contains(a.Text, "%") || !strings.Contains(a.Text, "没有上海的报告") && !strings.Contains(a.Text, "没有广州的报告") && !strings.Contains(a.Text, "No report of Shanghai") {
			t.Errorf("%s: %q", q, a.Text)
		}
	}
	a, _ = e.Answer(context.Background(), Question{Text: "今年失业率目标是多少"})
	if !strings.Contains(a.Report.Title, "北京") || len(a.Citations) == 0 || a.Citations[0].Report == nil {
		t.Errorf("a question naming no place: from %q, citations %+v", a.Report.Title, a.Citations)
	}
	a, _ = e.Answer(context.Background(), Question{Text: "国务院和广东的GDP目标分别是多少"})
	if !strings.Contains(a.Text, "6%—6.5%") || !strings.Contains(a.Text, "4.5%—5%") {
		t.Errorf("the State Council beside a province, each from its report: %q", a.Text)
	}
	a, _ = e.Answer(context.Background(), Question{Text: "國務院2019年GDP目标是多少"})
	if !strings.Contains(a.Text, "6%—6.5%") {
		t.Errorf("national 2019: %q", a.Text)
	}
}

// TestRouteKinds: the kinds of routing added with the gazetteer, each
// asked several ways (polite, traditional, full-width digits, spaces).
func TestRouteKinds(t *testing.T) {
	lib := routeLibrary(t)
	tests := []struct {
		qs      []string
		want    []string // short names routed to
		missing []string
	}{
		// A city the library has no report of, inside a province it has or not.
		{[]string{"广州今年GDP目标", "请问一下广州市今年的GDP目标是多少？", "廣州今年GDP目標", "广 州 今年GDP目标"}, nil, []string{"广州"}},
		{[]string{"广东广州今年GDP目标", "廣東省廣州市的GDP目标"}, nil, []string{"广州"}},
		{[]string{"南京的就业目标", "江苏南京的就业目标"}, nil, []string{"南京"}},
		{[]string{"苏州和北京的GDP目标", "北京与蘇州的GDP目标"}, []string{"北京市 2026"}, []string{"苏州"}},
		{[]string{"What is Nanjing's GDP target this year?", "nanjing gdp target"}, nil, []string{"Nanjing"}},
		{[]string{"Compare the GDP targets of Beijing and Shenzhen"}, []string{"北京市 2026"}, []string{"Shenzhen"}},
		// This year in English takes a place's latest report.
		{[]string{"Hebei's GDP target this year", "What is Hebei's GDP target for this year?"}, []string{"河北省 2026"}, nil},
		// Places listed in English are two, not one locating the other.
		{[]string{"Guangdong and Guangzhou GDP targets", "Guangdong & Guangzhou GDP targets"}, []string{"广东省 2026"}, []string{"Guangzhou"}},
		{[]string{"广东或广州的GDP目标"}, []string{"广东省 2026"}, []string{"广州"}},
		// A province with no report, alone or with one that has.
		{[]string{"上海今年GDP目标", "请问上海今年的GDP目标"}, nil, []string{"上海"}},
		{[]string{"上海和广东的GDP目标"}, []string{"广东省 2026"}, []string{"上海"}},
		// A year a place has no report of.
		{[]string{"广东2024年的GDP目标", "广东２０２４年的GDP目标", "广东 2024 GDP目标"}, nil, []string{"广东2024年"}},
		// 北京和河北2024年: the year is 河北's; 北京's one report.
		{[]string{"北京和河北2024年的GDP目标"}, []string{"北京市 2026", "河北省 2024"}, nil},
		// Runs of abbreviations, and a region alone.
		{[]string{"京冀两地今年GDP目标", "請問京冀兩地今年GDP目標", "京冀 今年GDP目标"}, []string{"北京市 2026", "河北省 2026"}, nil},
		{[]string{"粤京今年的GDP目标各多少"}, []string{"广东省 2026", "北京市 2026"}, nil},
		// Ordinary words of those characters are no run (新青年, 京剧).
		{[]string{"今年京剧进校园有什么安排"}, nil, nil},
		{[]string{"粤港澳大湾区建设今年有什么安排", "粵港澳大灣區今年有什么安排"}, []string{"广东省 2026"}, nil},
		{[]string{"京津冀协同发展今年怎么推进"}, []string{"北京市 2026", "河北省 2026"}, nil},
		// Beside a place named, a region is a partner.
		{[]string{"广东与京津冀的合作怎么提的", "广东和长三角怎么合作"}, []string{"广东省 2026"}, nil},
		// Both years of a place.
		{[]string{"河北两年的报告GDP目标有什么不同", "河北历年的GDP目标"}, []string{"河北省 2024", "河北省 2026"}, nil},
		// 去年 beside a year is relative to it.
		{[]string{"河北2024年报告里去年的GDP增速", "河北２０２４年报告里去年GDP增长多少"}, []string{"河北省 2024"}, nil},
		// A place named after the report asked about is what it says.
		{[]string{"广东的报告里提到北京什么", "广东省政府工作报告中怎么说北京"}, []string{"广东省 2026"}, nil},
		// A government named is no report named: both route.
		{[]string{"广东省人民政府和北京市人民政府今年的GDP目标"}, []string{"广东省 2026", "北京市 2026"}, nil},
	}
	for _, tt := range tests {
		for _, q := range tt.qs {
			rt := lib.Route(q)
			var got []string
			for _, ri := range rt.Reports {
				got = append(got, ri.ShortName())
			}
			ok := len(got) == len(tt.want) && len(rt.Missing) == len(tt.missing) && len(rt.Ambiguous) == 0
			for i := 0; ok && i < len(got); i++ {
				ok = strings.Contains(got[i], tt.want[i])
			}
			for i := 0; ok && i < len(tt.missing); i++ {
				ok = rt.Missing[i] == tt.missing[i]
			}
			if !ok {
				t.Errorf("Route(%q) = %q missing %q ambiguous %d, want %q missing %q", q, got, rt.Missing, len(rt.Ambiguous), tt.want, tt.missing)
			}
		}
	}
}

// TestAskedOfEachReport: the question asked of a routed report loses the
// words that named the report (its place, the places locating it, 人民政府,
// 政府工作报告的, 两年的报告) and keeps what it asks.
func TestAskedOfEachReport(t *testing.T) {
	lib := routeLibrary(t)
	e := New(discard, lib, nil)
	for _, tc := range []struct{ q, want string }{
		{"广东省人民政府今年定的地区生产总值增长目标是多少？", "4.5%—5%"},
		{"请问广东省政府工作报告里今年GDP目标是多少", "4.5%—5%"},
		{"2019年国务院政府工作报告的城镇新增就业目标", "1100万人以上"},
		{"2019年的政府工作报告提出的GDP目标", "6%—6.5%"},
		{"河北两年的报告GDP目标有什么不同", "5.5%左右"},
		{"浙江宁波镇海区的政府工作报告里今年GDP目标", "5.5%以上"},
		{"2019年报告里说去年GDP增长多少", "6.6%"},
		{"國務院2019年的報告里講去年GDP增長多少", "6.6%"},
	} {
		a, err := e.Answer(context.Background(), Question{Text: tc.q})
		if err != nil || !strings.Contains(a.Text, tc.want) {
			t.Errorf("%s: %q, want %q", tc.q, a.Text, tc.want)
		}
	}
}
