package rag

import (
	"sort"
	"strings"
)

// synonymGroups are paraphrases that name one indicator. A query that uses
// any member is matched against every member, and the group counts as one
// term, so a clause is not rewarded twice for saying the same thing twice.
// Members are folded (lower case, half width).
var synonymGroups = [][]string{
	{"gdp", "生产总值", "经济增速", "经济总量"},
	{"cpi", "物价", "居民消费价格", "消费价格"},
	{"财政收入", "一般公共预算收入", "地方财政收入"},
	{"失业率", "调查失业率", "登记失业率"},
	{"城镇新增就业", "新增就业", "就业"},
	{"能耗", "单位生产总值能耗", "单位gdp能耗", "能源消耗"},
	{"社零", "社会消费品零售总额", "社消零"},
	{"专项债", "专项债券"},
	{"研发投入", "研发经费", "r&d", "研究与试验发展"},
	{"pm2.5", "细颗粒物"},
	{"外贸", "进出口", "对外贸易"},
	{"轨交", "轨道交通", "地铁", "城市轨道"},
	{"规上工业", "规模以上工业"},
	// Abbreviations people type for the indicators reports spell out; each
	// group is one term, so a clause saying both is not counted twice.
	{"规上", "规模以上"},
	{"固投", "固定资产投资", "固定投资"},
	{"一产", "第一产业"},
	{"二产", "第二产业"},
	{"三产", "第三产业"},
	{"两重两新", "两重、两新", "两重和两新"},
	{"以旧换新", "消费品以旧换新"},
	{"高企", "高新技术企业"},
	{"新基建", "新型基础设施"},
	{"ppi", "工业生产者出厂价格"},
	{"民企", "民营企业"},
	{"国企", "国有企业"},
	{"央企", "中央企业"},
	{"外企", "外资企业", "外商投资企业"},
	{"超长期国债", "超长期特别国债"},
	{"一般债", "一般债券"},
	{"增长", "增速", "增幅", "涨幅", "提高", "提升"},
	{"下降", "降低", "减少"},
	{"居民收入", "人均可支配收入", "居民人均可支配收入"},
	{"城镇居民", "城乡居民", "城镇"},
	{"农村居民", "城乡居民", "农民", "农村"},
	{"绿电", "绿色电力"},
	{"大学生", "高校毕业生"},
	{"学前教育", "学前一年"},
	{"收入比", "收入比"},
	{"养老床位", "养老床位"},
	{"总市值", "市值"},
	{"比重", "占全国", "占比"},
	{"达到", "达", "提高到", "提升至", "增至", "突破"},
	{"上市公司", "上市企业"},
	{"新能源汽车", "新能源车"},
	{"不足", "短板", "问题", "困难", "差距", "不够", "薄弱"},
	{"担心", "担忧", "忧虑", "压力", "风险", "隐患", "挑战"},
	{"人群", "群体", "人员"},
}

// colloquial maps words people type but reports never use to report
// language (or to nothing). Longer keys are replaced first.
var colloquial = map[string]string{
	"冲到": "达到", "涨到": "达到", "提到": "提高到", "降到": "下降", "升到": "达到",
	"涨了": "增长", "涨": "增长", "搞": "", "定的": "", "定了": "", "啥": "什么",
	"几个点": "多少%", "百分之几": "多少%", "多大": "多少", "咋样": "怎么样", "咋": "怎么",
	"打算": "", "计划": "", "准备": "", "具体": "", "一共": "", "大概": "", "大约": "",
	"报告里": "", "报告中": "", "报告": "", "自己": "", "这方面": "", "方面的": "",
	"说了": "", "说的": "", "说": "", "都有": "有", "列一下": "", "列举": "", "一下": "",
	"老楼": "", "建成": "建设", "几大块": "几个方面", "几块": "几个方面", "几大方面": "几个方面", "几件事": "几个方面", "保住": "稳定", "要保": "稳定", "加起来": "", "累计": "", "总共": "",
	"多少钱": "多少元", "多少亿": "多少亿元", "亿元元": "亿元",
	// Asking for "the numbers" of a topic is asking for its figures.
	"硬指标": "多少", "硬目标": "多少", "量化指标": "多少", "量化目标": "多少", "具体数字": "多少",
	"具体指标": "多少", "什么数字": "多少",
	// 第几个年头 is an anniversary or a count of years.
	"第几个年头": "多少周年", "第几年": "多少周年", "几周年": "多少周年",
	"这块": "方面", "这一块": "方面", "那块": "方面",
	// 经济增长 asked as a figure is GDP growth; in a report it also ends
	// phrases such as 对经济增长贡献率, so only the question is rewritten.
	"经济增长目标": "gdp增长目标", "经济增长多少": "gdp增长多少", "经济增长率": "gdp增长率", "经济增长预期": "gdp增长预期",
	"经济增长了": "gdp增长了", "经济增长要": "gdp增长要", "经济增长定": "gdp增长定",
}

// stopPhrases separate content words: question words, particles, verbs that
// carry no topic. They are removed before content terms are formed.
var stopPhrases = []string{
	"是多少", "有多少", "多少", "是什么", "什么样", "什么", "怎么样", "怎么", "如何",
	"哪几个", "哪几条", "哪几种", "哪几项", "哪几样", "哪几", "哪些", "哪个", "哪里", "哪",
	"是不是", "有没有", "了没有", "没有", "是否", "吗", "呢", "吧", "啊",
	"今年", "去年", "明年", "前年", "现在", "目前", "当前", "如今", "已经",
	"这五年", "五年来", "过去五年", "今后五年", "未来五年", "期间", "时期", "末",
	"目标", "预期", "要求", "安排", "实际", "完成了", "完成", "分别", "各是", "各",
	"的", "了", "是", "有", "要", "在", "把", "给", "对", "和", "与", "及", "以及", "或",
	"一个", "几个", "几", "个", "些", "这", "那", "还", "也", "又", "就", "能", "会",
	"谁", "指的", "意思", "提出", "具体", "主要", "重点", "里", "上", "到", "多",
}

// weakTerms rank but never decide whether the report answers: their absence
// from a clause is no reason to refuse.
var weakTerms = map[string]bool{
	"增长": true, "下降": true, "达到": true, "提高": true, "全国": false, "规模": true,
	"年均": true, "总额": true, "总量": true, "产量": false, "水平": true, "建设": true,
	"新增": true, "比上年": true, "上年": true, "政府": true, "工作": true, "发展": true,
	"控制": true, "以内": true, "以上": true, "左右": true, "实现": true, "推进": true,
	"稳定": true, "比例": true, "强度": false, "提升": true, "人均": false,
}

// groupOf returns the synonym group containing the folded word, or nil.
func groupOf(w string) []string {
	for _, g := range synonymGroups {
		for _, m := range g {
			if m == w {
				return g
			}
		}
	}
	return nil
}

// groupKeys lists every synonym member, longest first, for greedy matching.
var groupKeys = func() []string {
	seen := map[string]bool{}
	var ks []string
	for _, g := range synonymGroups {
		for _, m := range g {
			if !seen[m] {
				seen[m] = true
				ks = append(ks, m)
			}
		}
	}
	sort.Slice(ks, func(i, j int) bool {
		if len([]rune(ks[i])) != len([]rune(ks[j])) {
			return len([]rune(ks[i])) > len([]rune(ks[j]))
		}
		return ks[i] < ks[j]
	})
	return ks
}()

// colloquialKeys are the keys of colloquial, longest first.
var colloquialKeys = func() []string {
	ks := make([]string, 0, len(colloquial))
	for k := range colloquial {
		ks = append(ks, k)
	}
	sort.Slice(ks, func(i, j int) bool {
		if len(ks[i]) != len(ks[j]) {
			return len(ks[i]) > len(ks[j])
		}
		return ks[i] < ks[j]
	})
	return ks
}()

// sortedStops are stopPhrases, longest first.
var sortedStops = func() []string {
	ks := append([]string(nil), stopPhrases...)
	sort.Slice(ks, func(i, j int) bool {
		if len(ks[i]) != len(ks[j]) {
			return len(ks[i]) > len(ks[j])
		}
		return ks[i] < ks[j]
	})
	return ks
}()

// replaceLongest replaces, scanning left to right, the longest key found at
// each position by its value.
func replaceLongest(s string, keys []string, value func(k string) string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		matched := false
		for _, k := range keys {
			if strings.HasPrefix(s[i:], k) {
				b.WriteString(value(k))
				i += len(k)
				matched = true
				break
			}
		}
		if !matched {
			_, n := decodeRune(s[i:])
			b.WriteString(s[i : i+n])
			i += n
		}
	}
	return b.String()
}

func decodeRune(s string) (rune, int) {
	for i, r := range s {
		if i == 0 {
			n := len(string(r))
			return r, n
		}
	}
	return 0, 1
}
