package rag

// The user-facing texts of the answers, in English and Chinese, so that a
// message and its translation are kept side by side.

// message is one text in both languages.
type message struct{ en, zh string }

// msgKey names a message.
type msgKey int

const (
	// msgNotInReport says the report does not cover the quoted topics (%s).
	msgNotInReport msgKey = iota
	// msgTopic quotes one topic of msgNotInReport.
	msgTopic
	// msgTopicSep separates the topics of msgNotInReport.
	msgTopicSep
	// msgRelated points at the closest passage, cited [1], that does not
	// answer.
	msgRelated
	// msgQuote quotes the report's words verbatim.
	msgQuote
	// msgReportSays leads a quote when nothing better names what was asked.
	msgReportSays
)

var messages = [...]message{
	msgNotInReport: {"The report does not say: %s.", "报告中没有提到%s。"},
	msgTopic:       {"“%s”", "「%s」"},
	msgTopicSep:    {"; ", "、"},
	msgRelated:     {" The closest passage is [1], but it does not answer this.", "最相关的段落见[1]，但其中没有这一内容。"},
	msgQuote:       {"「%s」", "「%s」"},
	msgReportSays:  {"The report says", "报告中说"},
}

// msg returns message k in English or Chinese.
func msg(english bool, k msgKey) string {
	if english {
		return messages[k].en
	}
	return messages[k].zh
}
