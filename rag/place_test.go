package rag

import (
	"slices"
	"testing"

	"github.com/reportbot/reportbot/knowledge"
)

func TestRegionNames(t *testing.T) {
	for _, tc := range []struct {
		gov, title string
		want       []string // must all be present
		not        []string // must be absent
	}{
		{gov: "宁夏回族自治区人民政府", want: []string{"宁夏回族自治区", "宁夏", "全区", "我区", "自治区"}, not: []string{"宁夏回族自治", "宁夏回族"}},
		{gov: "广西壮族自治区人民政府", want: []string{"广西", "广西壮族自治区"}},
		{gov: "内蒙古自治区人民政府", want: []string{"内蒙古", "内蒙古自治区"}},
		{gov: "新疆维吾尔自治区人民政府", want: []string{"新疆", "新疆维吾尔自治区"}},
		{gov: "西藏自治区人民政府", want: []string{"西藏", "西藏自治区"}},
		{gov: "延边朝鲜族自治州人民政府", want: []string{"延边", "延边朝鲜族自治州", "全州"}},
		{gov: "香港特别行政区政府", want: []string{"香港", "香港特别行政区"}},
		{gov: "浙江省人民政府", want: []string{"浙江省", "浙江", "全省", "本省"}, not: []string{"全市"}},
		{gov: "广州市人民政府", want: []string{"广州市", "广州", "全市"}},
		{gov: "宁波市镇海区人民政府", want: []string{"镇海区", "镇海", "宁波镇海区", "宁波市镇海", "全区"}, not: []string{"宁波", "宁波市", "全市"}},
		{gov: "德清县人民政府", want: []string{"德清县", "德清", "全县"}},
		{title: "2026年宁夏回族自治区政府工作报告", want: []string{"宁夏"}},
	} {
		t.Run(tc.gov+tc.title, func(t *testing.T) {
			got := regionNames(&knowledge.Report{Government: tc.gov, Title: tc.title})
			for _, w := range tc.want {
				if !slices.Contains(got, w) {
					t.Errorf("regionNames = %v, want %q in it", got, w)
				}
			}
			for _, w := range tc.not {
				if slices.Contains(got, w) {
					t.Errorf("regionNames = %v, want no %q", got, w)
				}
			}
			for i := 1; i < len(got); i++ {
				if len([]rune(got[i])) > len([]rune(got[i-1])) {
					t.Errorf("regionNames = %v, not longest first", got)
				}
			}
		})
	}
}
