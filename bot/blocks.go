package bot

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/reportbot/reportbot/bot/mrkdwn"
	"github.com/slack-go/slack"
)

// Slack's Block Kit limits, with a little room to spare.
const (
	maxBlocks      = 50
	maxSectionText = 2900 // Slack allows 3000 characters per section text
	maxContextText = 1900 // per context element (Slack allows 2000 for mrkdwn in context)
	maxQuoteRunes  = 300
	maxFallback    = 3000
)

// Action IDs of the bot's buttons.
const (
	actionFeedbackUp   = "reportbot_feedback_up"
	actionFeedbackDown = "reportbot_feedback_down"
	actionPost         = "reportbot_post"
)

// escape makes plain text safe inside mrkdwn.
func escape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// chunks splits s into pieces of at most n runes, preferring line breaks.
func chunks(s string, n int) []string {
	var out []string
	for utf8.RuneCountInString(s) > n {
		r := []rune(s)
		cut := n
		if i := strings.LastIndex(string(r[:n]), "\n"); i > 0 {
			cut = utf8.RuneCountInString(string(r[:n])[:i]) + 1
		}
		out = append(out, strings.TrimRight(string(r[:cut]), "\n"))
		s = string(r[cut:])
	}
	if s != "" || len(out) == 0 {
		out = append(out, s)
	}
	return out
}

func section(text string) slack.Block {
	return slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, text, false, false), nil, nil)
}

func contextLine(text string) slack.Block {
	return slack.NewContextBlock("", slack.NewTextBlockObject(slack.MarkdownType, truncateRunes(text, maxContextText), false, false))
}

// citationLine renders one citation: [1] §12 · 二、… · 「quoted sentence」.
func citationLine(c Citation) string {
	parts := []string{fmt.Sprintf("[%d] §%d", c.N, c.Paragraph)}
	if c.Report != "" {
		parts[0] = fmt.Sprintf("[%d] %s §%d", c.N, escape(c.Report), c.Paragraph)
	}
	if c.Section != "" {
		parts = append(parts, escape(truncateRunes(c.Section, 120)))
	}
	if c.Quote != "" {
		parts = append(parts, "「"+escape(truncateRunes(c.Quote, maxQuoteRunes))+"」")
	}
	return strings.Join(parts, " · ")
}

// answerText is the answer's text, or the not-found message.
func answerText(a Answer, l lang) string {
	if strings.TrimSpace(a.Text) == "" {
		if a.Found {
			return msgFailed.in(l)
		}
		return msgNotFound.in(l)
	}
	return a.Text
}

// answerBlocks renders an answer: its text, a context block per citation,
// the report's title and year, and the feedback buttons (plus, for
// ephemeral slash answers, a button posting the answer to the channel).
// It also returns the plain-text fallback used for notifications.
func answerBlocks(question string, a Answer, l lang, opts answerOpts) ([]slack.Block, string) {
	var blocks []slack.Block
	if opts.header != "" {
		blocks = append(blocks, contextLine(opts.header))
	}
	body := escape(answerText(a, l))
	if a.Markdown && strings.TrimSpace(a.Text) != "" {
		body = mrkdwn.Slack(a.Text)
	}
	for _, c := range chunks(body, maxSectionText) {
		blocks = append(blocks, section(c))
	}
	if len(blocks) > maxBlocks-10 {
		blocks = blocks[:maxBlocks-10]
	}
	trailer := []slack.Block{}
	if a.ReportTitle != "" || a.Mode != "" {
		line := "📄 " + escape(reportName(a.ReportTitle, a.ReportYear))
		if a.ReportTitle == "" && len(a.Citations) > 0 && a.Citations[0].Report != "" {
			line = "📄 " + msgSeveralReports.in(l)
		}
		if a.Mode != "" {
			if l == en {
				line += " · mode: " + escape(a.Mode)
			} else {
				line += " · 回答模式：" + escape(a.Mode)
			}
		}
		trailer = append(trailer, contextLine(line))
	}
	elems := []slack.BlockElement{
		slack.NewButtonBlockElement(actionFeedbackUp, "up", slack.NewTextBlockObject(slack.PlainTextType, "👍", true, false)),
		slack.NewButtonBlockElement(actionFeedbackDown, "down", slack.NewTextBlockObject(slack.PlainTextType, "👎", true, false)),
	}
	if opts.postButton {
		elems = append(elems, slack.NewButtonBlockElement(actionPost, truncateRunes(question, 600),
			slack.NewTextBlockObject(slack.PlainTextType, msgPostButton.in(l), false, false)))
	}
	trailer = append(trailer, slack.NewActionBlock("reportbot_actions", elems...))

	room := maxBlocks - len(blocks) - len(trailer)
	cites := a.Citations
	if len(cites) > room {
		cites = cites[:room-1]
	}
	for _, c := range cites {
		blocks = append(blocks, contextLine(citationLine(c)))
	}
	if n := len(a.Citations) - len(cites); n > 0 {
		blocks = append(blocks, contextLine(fmt.Sprintf(msgTooMany.in(l), n)))
	}
	blocks = append(blocks, trailer...)
	return blocks, answerFallback(a, l)
}

// answerFallback is the answer as plain text with its citations.
func answerFallback(a Answer, l lang) string {
	var b strings.Builder
	// Slack reads the fallback as mrkdwn too: escaped, so no text in it
	// becomes a mention.
	if a.Markdown && strings.TrimSpace(a.Text) != "" {
		b.WriteString(escape(mrkdwn.Plain(a.Text)))
	} else {
		b.WriteString(escape(answerText(a, l)))
	}
	for _, c := range a.Citations {
		b.WriteString("\n")
		b.WriteString(citationLine(c))
	}
	return truncateRunes(b.String(), maxFallback)
}

// textBlocks renders mrkdwn text as sections within Slack's limits.
func textBlocks(text string) []slack.Block {
	var blocks []slack.Block
	for _, c := range chunks(text, maxSectionText) {
		if len(blocks) == maxBlocks {
			break
		}
		blocks = append(blocks, section(c))
	}
	return blocks
}

// targetsBlocks renders the targets table as lines of mrkdwn.
func targetsBlocks(t TargetTable, l lang) ([]slack.Block, string) {
	var b strings.Builder
	if l == en {
		fmt.Fprintf(&b, "*Targets of %s*\n", escape(reportName(t.ReportTitle, t.ReportYear)))
	} else {
		fmt.Fprintf(&b, "*%s主要目标*\n", escape(reportName(t.ReportTitle, t.ReportYear)))
	}
	for _, r := range t.Rows {
		fmt.Fprintf(&b, "• *%s*：%s%s", escape(r.Indicator), escape(r.Value), escape(r.Qualifier))
		if r.Previous != "" {
			if l == en {
				fmt.Fprintf(&b, " (last year %s)", escape(r.Previous))
			} else {
				fmt.Fprintf(&b, "（上年 %s）", escape(r.Previous))
			}
		}
		if r.Paragraph > 0 {
			fmt.Fprintf(&b, " §%d", r.Paragraph)
		}
		b.WriteString("\n")
	}
	if len(t.Rows) == 0 {
		b.WriteString(msgNotFound.in(l))
	}
	text := strings.TrimRight(b.String(), "\n")
	return textBlocks(text), truncateRunes(text, maxFallback)
}
