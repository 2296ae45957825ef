package rag

import (
	"testing"
)

// TestDefineKind: a define question is answered with the report's
// definition of the term — a glossary entry, or a sentence saying the term
// 是指/即 … — leading with it, and refused where the report only uses the
// term, or defines a longer one; however the question is typed.
func TestDefineKind(t *testing.T) {
	r := makeReport("2024年示例市政府工作报告", 2024,
		para{"一、2023年工作回顾", "过去一年，深入实施“两新”行动，推进“揭榜挂帅”改革，“暖心驿站”建成120个。"},
		para{"二、2024年工作安排", "推进“链式改造”。“供应链改造”是指由龙头企业建设数字化供应链，带动上下游企业协同改造。"},
		para{"二、2024年工作安排", "实施“三项行动”：一是科技创新行动，二是产业升级行动，三是民生改善行动。"},
		para{"名词解释", "1.“两新”：是指大规模设备更新和消费品以旧换新。"},
		para{"名词解释", "4.“两重”：是指国家重大战略实施和重点领域安全能力建设。"},
		para{"名词解释", "2.“双向揭榜挂帅”：企业找技术、成果找市场“双向揭榜挂帅”的简称。"},
		para{"名词解释", "3.城市更新“四化”：即城市风貌绿化、美化；道路亮化、净化。"},
	)
	ix := buildTestIndex(t, r)
	// The lead is the definition the answer starts with; "" means not found.
	checkLeads(t, ix, []leadCase{
		{"“两新”是指什么", "“两新”：是指", []string{"大规模设备更新", "消费品以旧换新"}},
		{"请问“两新”是什么意思？", "“两新”：是指", []string{"消费品以旧换新"}},
		{"“兩新”是什麼意思", "“两新”：是指", []string{"消费品以旧换新"}},
		{"报告里提到的“两新”指的是啥", "“两新”：是指", []string{"消费品以旧换新"}},
		{"什么是“两新”", "“两新”：是指", []string{"消费品以旧换新"}},
		// An entry of several sentences is given whole.
		{"“四化”是什么意思", "城市更新“四化”：即", []string{"美化", "道路亮化、净化"}},
		// A term joining two the glossary defines: both, each cited.
		{"“两重两新”指什么", "“两重”：是指", []string{"国家重大战略实施", "消费品以旧换新", "[2]"}},
		// A definition in a sentence of the body.
		{"“供应链改造”是什么", "“供应链改造”是指", []string{"龙头企业"}},
		// A quoted term announcing its items.
		{"“三项行动”是什么意思", "“三项行动”：一是", []string{"民生改善行动"}},
		// A term the glossary defines, asked with a word after it.
		{"“两新”政策是什么", "“两新”：是指", []string{"消费品以旧换新"}},
		// Used but never defined, or defined only as part of a longer term.
		{"“暖心驿站”是什么意思", "", nil},
		{"“揭榜挂帅”是什么意思", "", nil},
		{"“链式改造”是指什么", "", nil},
	}, []string{"建成120个"}, []string{"的含义"})
}

// TestDefineRefines: a bare 是什么 asks for a definition only about a
// quoted term that is the whole topic, or a term the glossary has; a
// numbered abbreviation stays with the list and abbreviation logic.
func TestDefineRefines(t *testing.T) {
	r := makeReport("2024年示例市政府工作报告", 2024,
		para{"二、2024年工作安排", "“十五五”时期的主要目标是：创新能力显著增强，生态环境明显改善。"},
		para{"名词解释", "1.医保影像云：通过数字胶片集中带量采购，实现影像数据省级存储。"},
	)
	ix := &answerer{buildTestIndex(t, r)}
	for q, want := range map[string]kind{
		"“两新”是什么":      kindDefine,
		"稳增长“21”条是什么":  kindDefine,
		"两新是什么意思":      kindDefine,
		"医保影像云是什么":     kindDefine,
		"“十五五”主要目标是什么": kindText,
		"今年的重点是什么":     kindOpen,
		"“两个先行”指的是什么":  kindText,
		"“三项行动”是什么意思":  kindDefine,
		"“两新”是什么时候提出的": kindWhen,
		"“三新”工程是哪三新":   kindList,
		"“两新”政策资金有多少":  kindNumber,
	} {
		q2 := ix.analyze(q, q)
		if got := ix.refine(q2); got != want {
			t.Errorf("%s: kind %v, want %v", q, got, want)
		}
	}
}
