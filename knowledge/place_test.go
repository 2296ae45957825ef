package knowledge_test

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/reportbot/reportbot/knowledge"
)

func TestPlaces(t *testing.T) {
	for _, tc := range []struct {
		gov, title string
		want       []string // must all be in Places
		not        []string // must not be in Places
		within     []string // Within, exactly
	}{
		{gov: "宁夏回族自治区人民政府", want: []string{"宁夏回族自治区", "宁夏", "全区", "我区", "自治区", "自治区政府"}, not: []string{"宁夏回族自治", "宁夏回族"}},
		{gov: "广西壮族自治区人民政府", want: []string{"广西", "广西壮族自治区"}},
		{gov: "内蒙古自治区人民政府", want: []string{"内蒙古", "内蒙古自治区"}},
		{gov: "新疆维吾尔自治区人民政府", want: []string{"新疆", "新疆维吾尔自治区"}},
		{gov: "西藏自治区人民政府", want: []string{"西藏", "西藏自治区"}},
		{gov: "延边朝鲜族自治州人民政府", want: []string{"延边", "延边朝鲜族自治州", "全州"}},
		{gov: "恩施土家族苗族自治州人民政府", want: []string{"恩施", "恩施土家族苗族自治州"}, not: []string{"恩施土家族", "恩施土"}},
		{gov: "香港特别行政区政府", want: []string{"香港", "香港特别行政区"}},
		{gov: "浙江省人民政府", want: []string{"浙江省", "浙江", "全省", "本省", "省里", "省政府"}, not: []string{"全市"}},
		{gov: "广州市人民政府", want: []string{"广州市", "广州", "全市"}, not: []string{"广"}},
		{gov: "宁波市镇海区人民政府", want: []string{"宁波市镇海区", "镇海区", "镇海", "宁波镇海区", "宁波市镇海", "宁波镇海", "全区"},
			not: []string{"宁波", "宁波市", "全市"}, within: []string{"宁波市", "宁波"}},
		{gov: "德清县人民政府", want: []string{"德清县", "德清", "全县"}},
		{title: "2026年宁夏回族自治区政府工作报告", want: []string{"宁夏"}},
		{gov: "国务院", title: "2025年政府工作报告"},
	} {
		t.Run(tc.gov+tc.title, func(t *testing.T) {
			r := &knowledge.Report{Government: tc.gov, Title: tc.title}
			knowledge.Annotate(r)
			got := r.Places
			if len(tc.want) == 0 && len(got) > 0 {
				t.Errorf("Places = %v, want none", got)
			}
			for _, w := range tc.want {
				if !slices.Contains(got, w) {
					t.Errorf("Places = %v, want %q in it", got, w)
				}
			}
			for _, w := range tc.not {
				if slices.Contains(got, w) {
					t.Errorf("Places = %v, want no %q", got, w)
				}
			}
			for i := 1; i < len(got); i++ {
				if len([]rune(got[i])) > len([]rune(got[i-1])) {
					t.Errorf("Places = %v, not longest first", got)
				}
			}
			if diff := cmp.Diff(tc.within, r.Within); diff != "" {
				t.Errorf("Within (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCityOf(t *testing.T) {
	CityOf, Cities, ProvinceOf := knowledge.CityOf, knowledge.Cities, knowledge.ProvinceOf
	for _, tt := range []struct{ name, city, province string }{
		{"扬州市人民政府", "扬州市", "江苏"},
		{"南京", "南京市", "江苏"},
		{"(浙江省)宁波市镇海区人民政府", "宁波市", "浙江"},
		{"广东省广州市人民政府", "广州市", "广东"},
		{"延边", "延边朝鲜族自治州", "吉林"},
		{"安康市", "安康市", "陕西"},
		{"安康", "", ""}, // an ordinary word: only 安康市 names the city
		{"吉林", "", ""}, // the province
		{"广东省人民政府", "", ""},
	} {
		c, ok := CityOf(tt.name)
		if c.Name != tt.city || c.Province != tt.province || ok != (tt.city != "") {
			t.Errorf("CityOf(%q) = %+v, %v; want %s in %s", tt.name, c, ok, tt.city, tt.province)
		}
	}
	for _, c := range Cities() {
		if _, ok := ProvinceOf(c.Province + "省"); !ok {
			if _, ok := ProvinceOf(c.Province); !ok {
				t.Errorf("%s: province %q is not in provinces.tsv", c.Name, c.Province)
			}
		}
	}
}
