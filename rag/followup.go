package rag

import (
	"regexp"
	"strings"

	"github.com/reportbot/reportbot/rag/lexicon"
)

// Follow-up questions in a thread lean on the one before: 「那CPI呢？」
// after 「今年GDP目标是多少」 asks 「今年CPI目标是多少」, 「去年呢」 asks the
// same about last year, 「分别是多少」 asks the figures of what was named.
// resolveFollowUp rewrites such a question into a self-contained one by
// carrying over what it lacks (indicator, time, question) from the previous
// question; a self-contained question is returned unchanged.

var (
	// followLeadRE and followTailRE are the words that mark an elliptical
	// question: 那…呢, 还有…, …呢.
	followLeadRE = regexp.MustCompile(`^(?:那么|那|还有|另外|再问一下|再问|然后|and|what about|how about)\s*`)
	followTailRE = regexp.MustCompile(`\s*(?:呢|吗|啊|了)?\s*[？?。!！]*$`)
	// askRE finds where a question starts asking: the frame words and
	// question word that follow the indicator (目标是多少, 增长了多少,
	// 有哪些, 是什么).
	askRE = regexp.MustCompile(`(?:的)?(?:目标|计划|预期|要求|实际|一共|累计|总共|大概|具体)*(?:要|将|能|是|有|定的|定了|打算|计划)*(?:增长|增速|增幅|涨幅|涨|下降|降|提高|提升|达到|到|控制在|新增|完成|实现|办|建|发|搞)?(?:了)?(?:多少|几|百分之几|哪些|哪几|哪|什么|啥|怎么|如何|是否|有没有|是不是)`)
	// bareAskRE is a follow-up that only asks (分别是多少, 具体呢).
	bareAskRE = regexp.MustCompile(`^(?:分别|各|具体|一共|总共|大概)?(?:是|有|为|要|能)?(?:多少|几|哪些|什么|啥|多大|多高)`)
)

// resolveFollowUp returns q made self-contained from prev, the latest
// earlier question of the thread (already resolved itself), and whether it
// was a follow-up. region lists the report's own place names: 「北京呢」 in
// a Beijing report adds nothing.
//
// A question's time words (lx.TimeRE) are what 「去年呢」 changes; year is
// the report's, which decides whether a five-year plan is past.
func resolveFollowUp(lx *lexicon.Lexicon, prev, q string, region []string, year int) (string, bool) {
	timeWordRE := lx.TimeRE
	prev, q = strings.TrimSpace(prev), strings.TrimSpace(q)
	if prev == "" || q == "" || !hasHan(q) {
		return q, false
	}
	core := followTailRE.ReplaceAllString(followLeadRE.ReplaceAllString(q, ""), "")
	lead := followLeadRE.MatchString(q) || strings.Contains(followTailRE.FindString(q), "呢")
	times := timeWordRE.FindAllString(core, -1)
	rest := timeWordRE.ReplaceAllString(core, "")
	for _, r := range region {
		rest = strings.ReplaceAll(rest, r, "")
	}
	rest = strings.Trim(rest, " ，,、的")
	asks := askRE.MatchString(rest) || bareAskRE.MatchString(rest)
	content := strings.TrimSpace(askRE.ReplaceAllString(bareAskRE.ReplaceAllString(rest, ""), ""))
	content = strings.Trim(lx.Colloquialize(content), " ，,、的")
	narrow := strings.HasSuffix(content, "方面") || strings.HasSuffix(content, "领域")
	content = strings.TrimSuffix(strings.TrimSuffix(content, "方面"), "领域")
	hasContent := len([]rune(content)) >= 2 || len([]rune(content)) == 1 && !strings.ContainsAny(content, "呢吗了的")
	switch {
	case asks && hasContent:
		return q, false // a question of its own
	case !lead && hasContent && len([]rune(core)) > 12:
		return q, false
	}
	pTimes := timeWordRE.FindAllString(prev, -1)
	pBody := timeWordRE.ReplaceAllString(prev, "")
	pBody = strings.TrimRight(pBody, "？?。!！ ")
	pAsk := ""
	if loc := askRE.FindStringIndex(pBody); loc != nil {
		pAsk = pBody[loc[0]:]
		pBody = pBody[:loc[0]]
	}
	timeStr := strings.Join(pTimes, "")
	if len(times) > 0 {
		timeStr = strings.Join(times, "")
		if s := questionScope(lx, fold(timeStr), year); s == scopeReview || s == scopePeriodReview {
			// 去年呢 after a target question asks for the result.
			pAsk = strings.NewReplacer("目标", "", "计划", "", "预期", "").Replace(pAsk)
		}
	}
	switch {
	case !hasContent && asks:
		// 分别是多少: the previous question's subject, this question's ask.
		return timeStr + pBody + rest, true
	case !hasContent:
		// 去年呢, 北京呢: the previous question, at this time.
		return timeStr + pBody + pAsk, true
	case narrow:
		// 产业这块呢: the previous question, narrowed to a topic.
		return timeStr + content + "方面" + pBody + pAsk, true
	}
	// 那CPI呢: the previous question about another indicator. The unit
	// the previous one asked for belonged to its indicator (多少人).
	return timeStr + content + dropAskUnit(lx, pAsk), true
}

// dropAskUnit removes the measure word after 多少/几 in an ask.
func dropAskUnit(lx *lexicon.Lexicon, ask string) string {
	for _, lead := range []string{"多少", "几"} {
		i := strings.LastIndex(ask, lead)
		if i < 0 {
			continue
		}
		rest := ask[i+len(lead):]
		for _, u := range lx.Units {
			if u != "%" && strings.HasPrefix(rest, u) {
				return ask[:i+len(lead)] + rest[len(u):]
			}
		}
	}
	return ask
}

// resolveThread resolves a question against its thread's earlier questions,
// oldest first: each earlier question is resolved against the one before
// it, so 「去年呢」 after 「那CPI呢」 after 「今年GDP目标是多少」 asks about
// last year's CPI.
func resolveThread(lx *lexicon.Lexicon, context []string, q string, region []string, year int) string {
	prev := ""
	for _, c := range context {
		if strings.TrimSpace(c) == "" {
			continue
		}
		r, _ := resolveFollowUp(lx, prev, c, region, year)
		prev = r
	}
	r, _ := resolveFollowUp(lx, prev, q, region, year)
	return r
}
