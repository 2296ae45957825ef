package rag

import (
	"testing"
)

// TestWhenKind: a when-question is answered with the date its clause
// states, leading with it, and refused when the report names the event
// but no date — however the question is typed.
func TestWhenKind(t *testing.T) {
	r := makeReport("2024年示例县政府工作报告", 2024,
		para{"一、2023年工作回顾", "过去一年，县城污水处理厂二期建成投用，新建公园3座。"},
		para{"二、2024年工作安排", "加快污水处理厂三期建设，确保今年年底前投入运行。"},
		para{"二、2024年工作安排", "2024年3月15日，县政府印发《优化营商环境若干措施》。"},
		para{"二、2024年工作安排", "推进高铁站前广场建设。"},
	)
	ix := buildTestIndex(t, r)
	checkLeads(t, ix, []leadCase{ // an empty lead: not found
		{"污水处理厂三期什么时候投入运行", "今年年底前", nil},
		{"请问污水处理厂三期何时投入运行？", "今年年底前", nil},
		{"污水處理廠三期什麼時候投入運行", "今年年底前", nil},
		{"优化营商环境若干措施是哪天出台的", "2024年3月15日", nil},
		{"高铁站前广场什么时候建成", "", nil},
		{"污水处理厂二期什么时候建成的", "", nil},
	}, nil, nil)
}

func TestDatePhrase(t *testing.T) {
	ix := buildTestIndex(t, smallReport())
	for f, want := range map[string]string{
		"确保今年年底前投入运行":        "今年年底前",
		"2025年4月1日,省政府办公厅印发": "2025年4月1日",
		"11月6日至10日,总书记视察":    "11月6日至10日",
		"争取3年内让全部废弃矿山复绿":     "3年内",
		"上半年完成":              "上半年",
		"推进站前广场建设":           "",
	} {
		if got := datePhrase(ix.lx, f); got != want {
			t.Errorf("datePhrase(%q) = %q, want %q", f, got, want)
		}
	}
}
