package rag

// The user-facing texts of the answers, in English and Chinese, so that a
// message and its translation are kept side by side. A message with verbs
// takes the same arguments in the same order in both languages.
//
// Report text quoted into a message (a target, a clause, a list of them)
// is Chinese, and so is the punctuation that joins and closes it, in an
// English answer too.

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
	// msgMoreParts says only the first %d parts of a question were
	// answered.
	msgMoreParts
	// msgReportHead heads one report's part (%s: 广东省 2026) of an answer
	// from several (%s: that report's answer).
	msgReportHead
	// msgWhichReport asks which of the reports listed (%s) is meant.
	msgWhichReport
	// msgNoSuchReport says no report of %s is loaded, and lists those that
	// are (%s).
	msgNoSuchReport
	// msgPartlyMissing closes an answer from the reports a question named
	// with those it named that are not loaded (%s).
	msgPartlyMissing
	// msgQuote quotes the report's words verbatim.
	msgQuote
	// msgReportSays leads a quote when nothing better names what was asked.
	msgReportSays
	// msgLead puts the figure asked for (%s) before the clause it stands
	// in (%s).
	msgLead
	// msgRefusal is what the LLM must say when the passages do not
	// answer; the check recognises it.
	msgRefusal

	// msgClarify asks a question with nothing to answer to say what is
	// wanted.
	msgClarify
	// msgHello replies to a greeting with what the bot can do, for the
	// report titled %s.
	msgHello
	// msgWelcome replies to thanks, for the report titled %s.
	msgWelcome

	// msgTargets heads the year's (%d) main targets, cited (%s).
	msgTargets
	// msgTargetItem is one numbered target (%d), its text and citation.
	msgTargetItem
	// msgTargetSep separates targets quoted on one line.
	msgTargetSep
	// msgAlsoSet lists the targets set elsewhere in the year's plan (%s).
	msgAlsoSet
	// msgNoPastTargets says only the year's (%d) targets are listed, and
	// cites them (%s).
	msgNoPastTargets

	// msgOpening names an untitled opening, paragraphs 1 to %d.
	msgOpening
	// msgPart is a top-level part: its title, first paragraph, citation.
	msgPart
	// msgPartSubsections is msgPart with a count of subsections: title,
	// first paragraph, subsections, citation.
	msgPartSubsections
	// msgSubtitle joins a part's title and that of its one heading.
	msgSubtitle
	// msgParts heads an outline: the report's title and number of parts.
	msgParts
	// msgCovers heads an outline that is not all parts: the report's title.
	msgCovers
	// msgOverviewTargets closes an outline with the year's (%d) main
	// targets (%s, joined by msgTargetSep) and their citation.
	msgOverviewTargets

	// msgIssued names a policy document's kind (%s), title (%s), issuer
	// (%s), number clause (%s, from msgNumber or "") and citation (%s).
	msgIssued
	// msgNumber is the number clause of msgIssued (%s: 国办发〔2018〕124号).
	msgNumber
	// msgDocDated gives a policy document's date (%s) and citation (%s).
	msgDocDated
	// msgGovernment names the report's government, title and citation.
	msgGovernment
	// msgTitleNoGovernment gives the title of a report that names no
	// government.
	msgTitleNoGovernment
	// msgTitle gives the report's title.
	msgTitle
	// msgYear gives the report's year, twice, and its citation.
	msgYear
	// msgDeliveredAt gives the date, the meeting and their citation.
	msgDeliveredAt
	// msgDated gives the date and its citation.
	msgDated
	// msgNoDate says the report gives no date.
	msgNoDate
	// msgNoVenue says the report names no meeting it was delivered at.
	msgNoVenue
	// msgDeliveredBy lists who delivered the report (%s, joined by
	// msgSpeakerSep).
	msgDeliveredBy
	// msgSpeakerSep separates the bylines of msgDeliveredBy.
	msgSpeakerSep
	// msgNoSpeakerGovernment says the report names no speaker, only the
	// government (%s) it was delivered for.
	msgNoSpeakerGovernment
	// msgNoSpeaker says the report names no speaker.
	msgNoSpeaker
)

var messages = [...]message{
	msgNotInReport:   {"The report does not say: %s.", "报告中没有提到%s。"},
	msgTopic:         {"“%s”", "「%s」"},
	msgTopicSep:      {"; ", "、"},
	msgRelated:       {" The closest passage is [1], but it does not answer this.", "最相关的段落见[1]，但其中没有这一内容。"},
	msgReportHead:    {"[%s] %s", "【%s】%s"},
	msgWhichReport:   {"Several loaded reports could be meant: %s. Which one? Name its year or place.", "已加载的报告中有几份都可能是您问的：%s。请问是哪一份？加上年份或地名即可。"},
	msgNoSuchReport:  {"No report of %s is loaded. The library holds: %s.", "已加载的报告中没有%s的报告。现有：%s。"},
	msgPartlyMissing: {"(No report of %s is loaded.)", "（已加载的报告中没有%s的报告。）"},
	msgMoreParts:     {"(Only the first %d questions were answered: please ask the rest separately.)", "（问题较多，只回答了前%d个，其余请分开再问。）"},
	msgQuote:         {"「%s」", "「%s」"},
	msgReportSays:    {"The report says", "报告中说"},
	msgLead:          {"%s：%s", "%s：%s"},
	msgRefusal:       {"The report does not mention this.", "报告中没有提到这一内容。"},

	msgClarify: {"Please say what you would like to know, for example: What is this year's GDP growth target?",
		"请说明想了解哪方面，例如：今年GDP增长目标是多少？"},
	msgHello: {"Hello! I answer questions about %s and cite the paragraphs I rely on, for example: What is this year's GDP growth target?",
		"你好！我可以回答关于《%s》的问题，并注明出处，例如：今年GDP增长目标是多少？"},
	msgWelcome: {"You're welcome! Ask me anything else about %s, for example: What is this year's GDP growth target?",
		"不客气！还想了解《%s》的其他内容，可以继续问我，例如：今年GDP增长目标是多少？"},

	msgTargets:    {"Main expected targets for %d%s:", "%d年主要预期目标%s："},
	msgTargetItem: {"%d. %s%s", "%d. %s%s"},
	msgTargetSep:  {"；", "；"},
	msgAlsoSet:    {"Also set in the year's plan: %s。", "年度工作安排中还提出：%s。"},
	msgNoPastTargets: {"The report does not list the targets of an earlier year; the targets it sets are for %d, see %s.",
		"报告中没有列出往年的预期目标；报告提出的是%d年的主要预期目标，见%s。"},

	msgOpening:         {"Opening (§1–§%d, untitled): ", "开头部分（第1—%d段，无标题）："},
	msgPart:            {"%s (from §%d)%s", "%s（第%d段起）%s"},
	msgPartSubsections: {"%s (from §%d, %d subsections)%s", "%s（第%d段起，%d个小节）%s"},
	msgSubtitle:        {"：", "："},
	msgParts:           {"%s has %d parts:", "《%s》共%d个部分："},
	msgCovers:          {"%s covers:", "《%s》包括："},
	msgOverviewTargets: {"Main targets for %d: %s%s", "%d年主要预期目标：%s%s"},

	msgGovernment:        {"This is the government work report of %s (%s)%s.", "这是%s的政府工作报告（《%s》）%s。"},
	msgIssued:            {"This %s (%s) was issued by %s%s%s.", "这份%s（《%s》）由%s发布%s%s。"},
	msgNumber:            {", document number %s", "，文号%s"},
	msgDocDated:          {"It is dated %s%s.", "发文日期是%s%s。"},
	msgTitleNoGovernment: {"The report is titled %s; it does not name its government.", "报告标题为《%s》，其中没有写明是哪个政府。"},
	msgTitle:             {"The report's title is %s.", "报告标题是《%s》。"},
	msgYear: {"It is the government work report for %d, setting out the work for %d%s.",
		"这是%d年的政府工作报告，部署%d年的工作%s。"},
	msgDeliveredAt:         {"It was delivered on %s at %s%s.", "报告是%s在%s上作的%s。"},
	msgDated:               {"It is dated %s%s.", "报告日期是%s%s。"},
	msgNoDate:              {"The report does not say when it was delivered.", "报告中没有写明作报告的时间。"},
	msgNoVenue:             {"The report does not say at which meeting it was delivered.", "报告中没有写明是在哪次会议上作的。"},
	msgDeliveredBy:         {"Delivered by: %s", "作报告的是：%s"},
	msgSpeakerSep:          {"; ", "；"},
	msgNoSpeakerGovernment: {"The report does not name who delivered it; it was given on behalf of %s.", "报告中没有写明作报告的人；报告以%s的名义作出。"},
	msgNoSpeaker:           {"The report does not name who delivered it.", "报告中没有写明作报告的人。"},
}

// msg returns message k in English or Chinese.
func msg(english bool, k msgKey) string {
	if english {
		return messages[k].en
	}
	return messages[k].zh
}
