package rag

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/reportbot/reportbot/knowledge"
)

// Not every message asks about the report's content. 「今年的主要目标有哪些」
// wants the targets paragraph itemised, 「这个报告是哪个政府的」 the report's
// own particulars, 「帮我总结一下」 its outline, 「去年呢？」 without a
// thread nothing answerable, 「你好」 a reply. Retrieval answers each of
// these with an unrelated sentence, because none names content to look for.
//
// The intent is read from what a question is made of, not from whole
// phrasings: the question is cut into known frame words (question words,
// particles, time words, the report's own name and place, and the words
// that mark each intent), and whatever is left over is content. A question
// with content left over is a content question whatever else it says
// (今年GDP目标 is a figure, not the list of targets); one without content
// is classified by the marks it carries.

// intent is the kind of question asked.
type intent int

const (
	intentContent  intent = iota // ask the report's content: retrieval and extraction
	intentClarify                // nothing to answer: ask what is wanted
	intentGreeting               // hello, thanks, what can you do
	intentMeta                   // the report itself: who gave it, when, which government
	intentOverview               // what the report says as a whole
	intentTargets                // the year's main targets, itemised
)

func (i intent) String() string {
	return [...]string{"content", "clarify", "greeting", "meta", "overview", "targets"}[i]
}

// mark is a bit set of what a question's frame words signal.
type mark uint32

const (
	mkAsk       mark = 1 << iota // 多少, 什么, 哪些: asks, says nothing of what
	mkFiller                     // particles, pronouns, politeness
	mkTime                       // 今年, the report's year
	mkOtherTime                  // 去年, 明年, another year
	mkReport                     // 报告, 这份报告, the report's place
	mkVerb                       // 作, 做, 讲, 发布: delivering the report
	mkHello                      // 你好, hi
	mkThanks                     // 谢谢, 好的, 再见
	mkHelp                       // 你是谁, 能做什么
	mkWho                        // 谁, 哪位
	mkWhen                       // 什么时候, 日期
	mkGov                        // 哪个政府, 哪里的
	mkYear                       // 哪一年, 年份
	mkTitle                      // 标题, 叫什么
	mkVenue                      // 哪个会上
	mkOverview                   // 讲了什么, 总结, 主要内容
	mkTargets                    // 主要目标, 预期目标, 主要指标
	mkTopic                      // 经济社会发展: content-like, but no figure to find alone
	mkPast                       // 去年, an earlier year (also mkOtherTime)
)

// metaFacets are the marks that ask about the report itself.
const metaFacets = mkWho | mkWhen | mkGov | mkYear | mkTitle | mkVenue

// intentLexicon maps folded frame words to what they mark. At each
// position of a question the longest entry wins, so 讲了什么 (overview)
// beats 讲 (delivering) and 你是谁 (help) beats 谁 (who).
var intentLexicon = map[string]mark{}

func addWords(m mark, words ...string) {
	for _, w := range words {
		if !hasHan(w) {
			intentLexicon[strings.ToLower(w)] |= m // English entries keep their spaces
			continue
		}
		intentLexicon[fold(w)] |= m
	}
}

func init() {
	addWords(mkAsk,
		"多少", "是多少", "有多少", "什么", "是什么", "有什么", "啥", "是啥", "有啥", "哪些", "有哪些", "是哪些",
		"包括哪些", "包括什么", "哪几个", "哪几项", "哪几条", "哪几", "哪个", "哪", "怎么样", "怎样", "如何",
		"几", "几个", "是否", "有没有", "是不是", "吗", "么", "列举", "列一下", "列出", "说明",
		"数字", "数据", "数", "这个数", "具体数字", "多少来着",
		"what", "which", "how", "whats", "are", "is", "was", "were", "do", "does", "did", "can", "could",
		"list", "tell", "show", "give", "explain")
	addWords(mkFiller,
		"呢", "吧", "啊", "呀", "哦", "噢", "嗯", "哈", "嘛", "的", "地", "得", "了", "是", "有", "都", "也", "还",
		"就", "要", "会", "能", "可以", "在", "把", "对", "和", "与", "及", "以及", "又", "再",
		"这", "那", "这个", "那个", "这些", "那些", "这里", "那里", "此", "其", "它", "其他", "别的", "其它",
		"这份", "那份", "该", "本", "份", "篇", "一下", "下", "请问", "请", "麻烦", "帮我", "帮忙", "给我", "替我",
		"我", "我们", "咱们", "你", "您", "想", "想知道", "我想知道", "想问", "想问问", "问一下", "问下", "问问",
		"了解", "想了解", "告诉", "告诉我", "看看", "看一下", "说说", "讲讲", "聊聊", "简单", "简要", "大概",
		"大致", "具体", "一共", "总共", "主要", "都有", "那么", "还有", "另外", "然后", "还有呢", "所以", "好",
		"里", "里面", "中", "上", "当中", "之中", "方面", "哪方面", "情况", "事", "这件事",
		"the", "a", "an", "of", "in", "on", "for", "to", "this", "that", "it", "its", "me", "please",
		"what about", "how about",
		"and", "or", "there", "any", "some", "one", "ones", "thing", "things", "these", "those", "here", "i", "we", "our", "us", "your", "be", "so", "then", "also", "main",
		"key", "major", "s", "want", "know", "like", "would", "by", "has", "have", "had", "from")
	addWords(mkTime, "今年", "本年", "今年度", "本年度", "年度", "全年", "当年", "这一年", "现在", "目前", "当前", "如今",
		"this year", "thisyear", "current", "now", "annual", "year", "years")
	addWords(mkOtherTime, "明年", "后年", "next")
	addWords(mkOtherTime|mkPast, "去年", "前年", "上一年", "上年", "过去一年", "过去", "以前", "往年", "last", "previous")
	addWords(mkReport, "报告", "工作报告", "政府工作报告", "这份报告", "这个报告", "该报告", "本报告", "此报告",
		"文件", "这份文件", "文章", "原文", "全文", "report", "document", "work")
	addWords(mkVerb, "作", "做", "讲", "念", "读", "宣读", "发表", "发布", "公布", "作的", "做的", "讲的", "念的",
		"作了", "做了", "作出", "提交", "代表", "审议", "召开", "开", "举行", "通过", "出台", "写", "写的",
		"delivered", "deliver", "given", "gave", "presented", "present", "made", "make", "written", "wrote", "issued", "published")
	addWords(mkHello, "你好", "您好", "你们好", "大家好", "哈喽", "哈啰", "嗨", "早上好", "上午好", "中午好", "下午好",
		"晚上好", "早安", "在吗", "在不在", "hi", "hello", "hey", "hiya", "morning", "good", "afternoon", "evening", "greetings")
	addWords(mkThanks, "谢谢", "谢谢你", "谢谢您", "多谢", "感谢", "谢了", "谢啦", "辛苦了", "辛苦", "好的", "好滴",
		"收到", "明白", "明白了", "知道了", "了解了", "懂了", "ok", "okay", "再见", "拜拜", "bye", "goodbye",
		"thanks", "thank", "thx", "ty", "cheers", "great", "nice", "got")
	addWords(mkHelp, "你是谁", "你是什么", "你能做什么", "你会什么", "你可以做什么", "能做什么", "会做什么", "怎么用",
		"如何使用", "怎么使用", "使用说明", "用法", "帮助", "help", "who are you", "what can you do", "what do you do", "you", "can you do")
	addWords(mkWho, "谁", "是谁", "哪位", "什么人", "作者", "报告人", "发言人", "讲话人", "哪位领导", "领导",
		"who", "whom", "speaker", "author")
	// The head of government is the speaker: 省长是谁.
	addWords(mkWho|mkVerb, "省长", "市长", "区长", "县长", "主席", "州长", "governor", "mayor")
	addWords(mkWhen, "什么时候", "啥时候", "何时", "哪天", "哪一天", "几号", "几月几号", "几月几日", "几月", "哪个月",
		"日期", "时间", "什么时间", "哪个时间", "when", "date", "day")
	addWords(mkGov, "政府", "哪个政府", "哪级政府", "哪里", "哪儿", "哪里的", "哪个地方", "什么地方", "地方", "地区",
		"哪个省", "哪个市", "哪个区", "哪个县", "哪个城市", "哪个地区", "省份", "城市", "人民政府", "单位", "机关",
		"government", "city", "province", "district", "region", "where", "whose", "place")
	addWords(mkYear, "哪一年", "哪年", "那一年", "几几年", "年份", "哪个年度", "哪一年度", "什么年份", "什么年度",
		"which year", "what year")
	addWords(mkTitle, "标题", "题目", "名称", "名字", "叫什么", "全称", "题名", "title", "name", "called")
	// 这是什么报告: its title, government and date.
	addWords(mkTitle|mkGov|mkWhen, "什么报告", "啥报告", "哪个报告", "哪份报告", "什么文件")
	addWords(mkVenue, "什么会", "什么会上", "哪个会", "哪个会上", "哪次会", "哪次会议", "什么会议", "会议", "会上",
		"大会", "人代会", "人大", "人大会", "人民代表大会", "meeting", "congress", "session")
	addWords(mkOverview, "讲了什么", "讲了啥", "讲什么", "讲啥", "讲些什么", "讲的什么", "讲的是什么", "讲的啥",
		"说了什么", "说了啥", "说什么", "说啥", "说的是什么", "说些什么", "写了什么", "写了啥", "关于什么",
		"主要讲", "主要说", "内容", "主要内容", "总结", "总结一下", "概括", "概括一下", "归纳", "概述", "概要",
		"摘要", "梗概", "要点", "大意", "主旨", "大纲", "提纲", "结构", "框架", "目录", "章节", "部分", "几部分",
		"几个部分", "哪几部分", "哪些部分", "分几部分", "分几个部分", "分为几个部分", "分成几个部分", "分为几部分",
		"分成几部分", "分哪几部分", "分哪几个部分", "分为哪几个部分", "由哪几部分组成", "由哪些部分组成", "组成", "介绍", "简介", "总览", "概况", "讲了哪些", "说了哪些", "讲了哪几",
		"about", "say", "says", "said", "summary", "summarize", "summarise", "summarized", "overview", "outline", "structure", "contents", "content",
		"parts", "sections", "gist", "tldr", "tl;dr", "points", "cover", "covers", "highlights")
	addWords(mkTargets, "目标", "指标", "主要目标", "预期目标", "主要预期目标", "目标任务", "主要指标", "预期指标",
		"经济指标", "主要经济指标", "发展目标", "年度目标", "主要任务目标", "奋斗目标", "预期", "定的", "定了",
		"设定", "设定了", "制定", "制定了", "确定", "确定了", "提出", "提出了", "设了", "定下", "定下了",
		"target", "targets", "goal", "goals", "objective", "objectives", "indicator", "indicators", "expected", "set")
	addWords(mkTopic, "经济社会发展", "经济社会", "经济", "社会", "发展", "economic", "social", "development")
	for w := range intentLexicon {
		lexiconMaxRunes = max(lexiconMaxRunes, len([]rune(w)))
	}
}

// lexiconMaxRunes is the length of the longest lexicon entry.
var lexiconMaxRunes int

// yearWordRE is a year as a question writes it (2026年, 2026年度, 2026).
var yearWordRE = regexp.MustCompile(`(?:19|20)\d\d年?度?`)

// intentOf classifies a question for a report. It returns the intent and
// the marks the question carries (which facets a meta question asks for).
func intentOf(question string, r *knowledge.Report, region []string) (intent, mark) {
	f := fold(question)
	if !hasWordRune(f) {
		return intentClarify, 0
	}
	if !hasHan(f) {
		// English keeps its word breaks.
		f = strings.ReplaceAll(strings.ToLower(norm.NFKC.String(question)), "tl;dr", "tldr")
	}
	var m mark
	// Years: the report's is this year, any other another time.
	f = yearWordRE.ReplaceAllStringFunc(f, func(y string) string {
		n, _ := strconv.Atoi(y[:4])
		switch {
		case n == r.Year:
			m |= mkTime
		case n < r.Year:
			m |= mkOtherTime | mkPast
		default:
			m |= mkOtherTime
		}
		return " "
	})
	// The report's own place names say nothing: 北京的政府工作报告.
	places := reportPlaces(r, region)
	for _, p := range places {
		if strings.Contains(f, p) {
			f = strings.ReplaceAll(f, p, " ")
			m |= mkReport
		}
	}
	var rest []rune
	if hasHan(f) {
		rest, m = scanHan(f, m)
	} else {
		rest, m = scanWords(f, m)
	}
	if len(rest) > 0 {
		return intentContent, m
	}
	return classify(m), m
}

// classify decides the intent of a question with no content left over.
func classify(m mark) intent {
	other := m &^ (mkAsk | mkFiller | mkTime | mkOtherTime | mkReport | mkVerb)
	switch {
	case m&(mkHello|mkThanks|mkHelp) != 0 && other&^(mkHello|mkThanks|mkHelp) == 0:
		return intentGreeting
	case m&metaFacets != 0 && m&(mkOverview|mkTargets|mkTopic) == 0 &&
		(m&(mkReport|mkVerb) != 0 || m&(mkGov|mkTitle|mkVenue) != 0):
		return intentMeta
	case m&mkOverview != 0 && m&mkTargets == 0:
		return intentOverview
	case m&mkTargets != 0 && m&metaFacets == 0 && (m&mkOtherTime == 0 || m&mkPast != 0):
		// 去年的主要目标: answered (as not listed) with the year's targets.
		return intentTargets
	case m&mkTopic != 0 || m&metaFacets != 0 || m&(mkOverview|mkTargets) != 0:
		return intentContent // leave the odd mix to retrieval
	}
	return intentClarify
}

// scanHan segments a folded Chinese question into lexicon words so that
// as little as possible is left over, then as few words as possible (so
// 讲了什么 is one overview word, not 讲 + 了 + 什么, and 是/什么时候 beats
// 是什么/时候). It returns what is left over with the marks of the words.
func scanHan(f string, m mark) ([]rune, mark) {
	rs := []rune(f)
	n := len(rs)
	type step struct{ rest, words, next int } // next: end of the word at i, or -1 for a left-over rune
	best := make([]step, n+1)
	for i := n - 1; i >= 0; i-- {
		if !isWordRune(rs[i]) {
			best[i] = step{best[i+1].rest, best[i+1].words, i + 1}
			continue
		}
		best[i] = step{best[i+1].rest + 1, best[i+1].words, -1}
		for l := 1; l <= min(lexiconMaxRunes, n-i); l++ {
			if _, ok := intentLexicon[string(rs[i:i+l])]; !ok {
				continue
			}
			c := best[i+l]
			if c.rest < best[i].rest || c.rest == best[i].rest && c.words+1 < best[i].words {
				best[i] = step{c.rest, c.words + 1, i + l}
			}
		}
	}
	var rest []rune
	for i := 0; i < n; {
		switch nx := best[i].next; {
		case nx < 0:
			rest = append(rest, rs[i])
			i++
		case nx == i+1 && !isWordRune(rs[i]):
			i++
		default:
			m |= intentLexicon[string(rs[i:nx])]
			i = nx
		}
	}
	return rest, m
}

// scanWords does the same for a question written without ideographs: word
// by word, trying two-word entries (this year, who are you) first.
func scanWords(f string, m mark) ([]rune, mark) {
	words := strings.FieldsFunc(f, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	var rest []rune
	for i := 0; i < len(words); {
		if i+2 < len(words) {
			if mk, ok := intentLexicon[words[i]+" "+words[i+1]+" "+words[i+2]]; ok {
				m |= mk
				i += 3
				continue
			}
		}
		if i+1 < len(words) {
			if mk, ok := intentLexicon[words[i]+" "+words[i+1]]; ok {
				m |= mk
				i += 2
				continue
			}
		}
		mk, ok := intentLexicon[words[i]]
		if !ok {
			mk, ok = intentLexicon[strings.TrimSuffix(words[i], "s")]
		}
		if ok {
			m |= mk
		} else {
			rest = append(rest, []rune(words[i])...)
		}
		i++
	}
	return rest, m
}

// hasWordRune reports whether s has anything but punctuation and symbols.
func hasWordRune(s string) bool {
	for _, r := range s {
		if isWordRune(r) && r != '.' && r != '%' {
			return true
		}
	}
	return false
}

// reportPlaces lists the folded names of the report's own area, longest
// first: 宁波市镇海区, 镇海区, 镇海, 宁波市, 宁波, 全区 ….
func reportPlaces(r *knowledge.Report, region []string) []string {
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		s = fold(s)
		if len([]rune(s)) >= 2 && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, s := range region {
		add(s)
	}
	gov := strings.TrimSuffix(r.Government, "人民政府")
	if gov != "国务院" {
		add(gov)
		// Each administrative level and its bare name: 宁波市镇海区 → 宁波市,
		// 宁波, 镇海区, 镇海; 宁夏回族自治区 → 宁夏.
		for _, l := range adminLevels(fold(gov)) {
			add(l.full)
			add(l.bare)
		}
	}
	sort.Slice(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

// isChinese reports whether a question is to be answered in Chinese: it
// has ideographs, or is only full-width punctuation (「？」).
func isChinese(s string) bool {
	if hasHan(s) {
		return true
	}
	for _, r := range s {
		if r >= 0x3000 && r <= 0x303f || r >= 0xff00 && r <= 0xffef && unicode.IsPunct(r) || r == '“' || r == '”' || r == '…' {
			return true
		}
	}
	return false
}
