package bot

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// lang is the language of a reply: Chinese for Chinese input (the product's
// users), English for questions written in English.
type lang int

const (
	zh lang = iota
	en
)

// langOf guesses the reply language: English only when the text has Latin
// letters and no Han characters.
func langOf(s string) lang {
	latin := false
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return zh
		}
		if r < unicode.MaxASCII && unicode.IsLetter(r) {
			latin = true
		}
	}
	if latin {
		return en
	}
	return zh
}

// msg holds each user-facing sentence in both languages.
type msg struct{ zh, en string }

func (m msg) in(l lang) string {
	if l == en {
		return m.en
	}
	return m.zh
}

var (
	msgSearching      = msg{"🔎 正在查找…", "🔎 Looking it up…"}
	msgFailed         = msg{"抱歉，查找答案时出了点问题，请稍后再试。", "Sorry, something went wrong while looking for the answer. Please try again later."}
	msgNotFound       = msg{"报告中没有找到相关内容。", "The report does not seem to say."}
	msgSeveralReports = msg{"多份报告", "several reports"}
	msgEmpty          = msg{"请在 @我 后面写上问题，例如：今年的经济增长目标是多少？", "Please write a question after mentioning me, e.g. What is this year's growth target?"}
	msgTooLong        = msg{"问题太长了（最多 %d 字），请精简后再问。", "That question is too long (at most %d characters). Please shorten it."}
	msgThanks         = msg{"谢谢反馈！", "Thanks for the feedback!"}
	msgNoTargets      = msg{"暂时无法提供目标表。", "The targets table is not available right now."}
	msgTargetsErr     = msg{"抱歉，获取目标表时出了点问题，请稍后再试。", "Sorry, something went wrong while getting the targets. Please try again later."}
	msgNotAdmin       = msg{"抱歉，只有管理员可以重新加载报告。", "Sorry, only admins can reload the report."}
	msgBusy           = msg{"已有一次重新加载正在进行，请稍后再试。", "A reload is already running. Please try again later."}
	msgBadURL         = msg{"请给出 http 或 https 开头的报告网址，例如：%s reload https://example.gov.cn/report.html", "Please give an http or https URL, e.g. %s reload https://example.gov.cn/report.html"}
	msgReloadAck      = msg{"收到，开始重新加载报告…", "Got it, reloading the report…"}
	msgPostButton     = msg{"发到频道", "Post to channel"}
	msgTooMany        = msg{"另有 %d 条引用未显示。", "%d more citations not shown."}
)

// stageText renders a reload stage for the admin.
func stageText(st Stage, detail string) string {
	switch st {
	case StageDownloading:
		if detail != "" {
			return "⏳ 下载中… " + detail
		}
		return "⏳ 下载中…"
	case StageParsed:
		if detail != "" && strings.Trim(detail, "0123456789") == "" {
			return "📄 解析完成 " + detail + " 段"
		}
		return strings.TrimSpace("📄 解析完成 " + detail)
	case StageEmbedding:
		return strings.TrimSpace("🧮 向量化… " + detail)
	case StageSwitched:
		return strings.TrimSpace("✅ 已切换 " + detail)
	}
	return detail
}

// reportName renders "《title》（2026年）".
func reportName(title string, year int) string {
	if title == "" {
		return "（未命名报告）"
	}
	s := "《" + strings.Trim(title, "《》") + "》"
	if year > 0 {
		s += fmt.Sprintf("（%d年）", year)
	}
	return s
}

func helpText(cmd string, l lang) string {
	if l == en {
		return fmt.Sprintf("*Ask me about the government work report.*\n"+
			"• Mention me in a channel, or write to me directly: _What is this year's GDP growth target?_\n"+
			"• Reply in my thread to ask a follow-up.\n"+
			"• `%[1]s <question>` answers just for you, with a button to post it to the channel.\n"+
			"• `%[1]s targets` lists the report's targets; `%[1]s targets Guangdong Beijing` lines up several reports' targets, with a chart.\n"+
			"• `%[1]s status` shows which report is loaded.\n"+
			"• `%[1]s list` lists the loaded reports; `%[1]s use <report>` sets this channel's report (questions naming a place or year go to its report anyway).\n"+
			"• `%[1]s reload <url>` (admins) loads a new report; admins can also upload a report file to me in a DM. `%[1]s remove <report>` (admins) takes one out.", cmd)
	}
	return fmt.Sprintf("*我可以回答关于政府工作报告的问题。*\n"+
		"• 在频道里 @我，或直接私信我：_今年的经济增长目标是多少？_\n"+
		"• 在我回复的话题里继续追问，例如：_那CPI呢？_\n"+
		"• `%[1]s 问题`：只给你看的回答，可一键发到频道。\n"+
		"• `%[1]s 目标`（或 `targets`）：报告的主要目标；`%[1]s 目标 广东 北京`：几份报告的目标对比，附柱状图（可加指标，如 `目标 广东 北京 GDP`）。\n"+
		"• `%[1]s status`：当前报告、加载时间、段落数、回答模式和运行时长。\n"+
		"• `%[1]s list`：已加载的报告；`%[1]s use 报告`（如 `use 广东`）：设定本频道默认使用的报告（提到地名或年份的问题仍会找对应的报告）。\n"+
		"• `%[1]s reload 网址`（仅管理员）：加载新报告；管理员也可以私信我上传报告文件。`%[1]s remove 报告`（仅管理员）：删除一份报告。", cmd)
}

func statusText(st Status, uptime time.Duration, l lang) string {
	mode := st.Mode
	if mode == "" {
		mode = "extractive"
	}
	loaded := "-"
	if !st.LoadedAt.IsZero() {
		loaded = st.LoadedAt.Format("2006-01-02 15:04:05 MST")
	}
	up := uptime.Round(time.Second).String()
	var degraded string
	for _, why := range st.Degraded {
		degraded += "\n• " + escape(why)
	}
	if l == en {
		if degraded != "" {
			degraded = "\n⚠️ *Degraded:*" + degraded
		}
		return fmt.Sprintf("*Active report:* %s\n*Loaded:* %s\n*Paragraphs:* %d\n*Answer mode:* %s\n*Uptime:* %s",
			reportName(st.Report.Title, st.Report.Year), loaded, st.Report.Paragraphs, mode, up) + degraded
	}
	if degraded != "" {
		degraded = "\n⚠️ *降级运行：*" + degraded
	}
	return fmt.Sprintf("*当前报告：* %s\n*加载时间：* %s\n*段落数：* %d\n*回答模式：* %s\n*运行时长：* %s",
		reportName(st.Report.Title, st.Report.Year), loaded, st.Report.Paragraphs, mode, up) + degraded
}

// truncateRunes cuts s to at most n runes, marking the cut with "…".
func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	if n <= 1 {
		return "…"
	}
	return string([]rune(s)[:n-1]) + "…"
}
