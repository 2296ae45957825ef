package knowledge

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// cleaned is a page split into the report's body and what stood around it.
type cleaned struct {
	front  []string // lines before the body: title, date, speaker, page chrome
	header []string // lines of the report's own header kept as text: delivery line, speaker
	titles []string // titles the markup declares (<title>, <h1>, Markdown #)
	body   []block  // the report itself, fragments rejoined, chrome removed
}

// clean turns a page's blocks into the report body. It works from the
// shape of web pages, not from a list of their strings: the body starts at
// the salutation (各位代表) or the first heading or line of prose; page
// furniture is recognised by its form (menus of one-word lines, labels,
// link lists, URLs, photo credits, site notices); the body ends where
// prose gives way to such furniture and to text repeated from above.
func clean(blocks []block) cleaned {
	var c cleaned
	lines := make([]block, 0, len(blocks))
	for _, b := range flatten(blocks) {
		b.text = normalizeLine(b.text)
		if b.text == "" {
			continue
		}
		if b.kind == kindTitle {
			c.titles = append(c.titles, b.text)
		}
		lines = append(lines, b)
	}
	lines = rejoin(joinTitles(lines))

	start := bodyStart(lines)
	for _, b := range lines[:start] {
		c.front = append(c.front, b.text)
	}
	c.header = headerLines(c.front)
	if infoTable(lines[:start]) {
		for _, b := range lines[:start] {
			if keptRow(b) {
				c.header = append(c.header, b.text) // a policy page's information table
			}
		}
	}
	lines = lines[start:]
	lines = lines[:bodyEnd(lines)]
	lines = dropMenus(lines)
	for _, b := range lines {
		if chrome(b.text) && !keptRow(b) {
			continue
		}
		c.body = append(c.body, b)
	}
	return c
}

// normalizeLine trims white space (including ideographic and no-break
// spaces) and removes zero-width characters; the text is otherwise kept
// verbatim.
func normalizeLine(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad':
			return -1
		case '\r':
			return ' '
		}
		return r
	}, s)
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '\u3000' || r == '\u00a0' })
}

// rejoin mends lines that a page broke in the middle of a sentence: around
// an inline element (a subscript "PM" / "2.5", a bold word), after a label
// ending in a colon, or before punctuation that can only continue a line.
func rejoin(lines []block) []block {
	width := wrapWidth(lines)
	out := lines[:0:0]
	last := "" // the last physical line of out's last block
	for _, b := range lines {
		if n := len(out); n > 0 {
			// A line ended mid-sentence if it is long; in hard-wrapped text,
			// if it filled the wrap width.
			cut := runeLen(out[n-1].text) >= 40
			if width > 0 {
				cut = runeLen(last) >= width-2
			}
			if joins(out[n-1], b, cut) {
				out[n-1].text += b.text
				last = b.text
				continue
			}
		}
		out = append(out, b)
		last = b.text
	}
	return out
}

// wrapWidth returns the width text was hard-wrapped at (text copied from a
// PDF or a fixed-width file: most lines about as long), or 0 when it was not.
func wrapWidth(lines []block) int {
	counts := map[int]int{}
	n := 0
	for _, b := range lines {
		if l := runeLen(b.text); l >= 15 {
			counts[l]++
			n++
		}
	}
	best, width := 0, 0
	for l, c := range counts {
		if c2 := c + counts[l-1] + counts[l+1]; c2 > best || c2 == best && l < width {
			best, width = c2, l
		}
	}
	if n < 5 || best*10 < n*3 {
		return 0
	}
	return width
}

// joins reports whether next continues prev; cut says prev's last line
// was long enough to have been cut off if it ends mid-sentence.
func joins(prev, next block, cut bool) bool {
	if prev.kind != kindText || next.kind != kindText {
		return false
	}
	p, n := prev.text, next.text
	if urlLine(p) || urlLine(n) {
		return false // a link on a line of its own
	}
	if continues(n) {
		return true
	}
	if strings.HasPrefix(n, "各位代表") || reCredit.MatchString(p) {
		return false // a salutation opens a paragraph; a photo credit ends one
	}
	if r0 := firstRune(n); (r0 == '是' || r0 == '为') && strings.ContainsRune("：:", firstRune(n[utf8.RuneLen(r0):])) {
		return true // "主要预期目标" + "是：…"
	}
	nextIsHead := headingShaped(n)
	if nextIsHead {
		return false
	}
	if dangles(p) && !headingShaped(p) {
		return true
	}
	if !endsSentence(p) && unclosed(p) {
		return true // "…成果找市场“双向揭榜" + "挂帅”的简称…"
	}
	if cut && !endsSentence(p) && !endsColon(p) && !headingShaped(p) {
		return true // a long line cut off mid-sentence
	}
	if rank, _ := numberRank(n); rank >= 0 && !headingShaped(p) {
		return false // "重点做好以下10个方面工作：" + "（一）…。…"
	}
	if endsColon(p) && runeLen(p) <= 30 && !hasSentencePunct(p) && !reEnumLead.MatchString(n) && !addressees(p) {
		if ok, _ := labelLine(p); ok && !strings.HasPrefix(p, "各位") {
			return !hasAnyPunct(n) && runeLen(n) <= 24 // "来源：" + "新华网"
		}
		return true // "各位代表：" + "现在，…"; "1.“四上”企业：" + its definition
	}
	return false
}

// addressees reports whether a line ending in a colon lists who a
// document is sent to (各省、自治区、直辖市人民政府，国务院各部委：): it opens
// the document and is not continued by the next line.
func addressees(s string) bool {
	return strings.Contains(s, "，") || strings.Count(s, "、") >= 2
}

// reURLLine is a line that is only a web address.
var reURLLine = regexp.MustCompile(`(?i)^(?:https?://|www\.)[\x21-\x7e]+$`)

func urlLine(s string) bool {
	if len(s) < 4 || s[0] != 'h' && s[0] != 'H' && s[0] != 'w' && s[0] != 'W' {
		return false
	}
	return reURLLine.MatchString(s)
}

// bodyStart returns the index of the body's first line: the salutation
// 各位代表： when the page has it near the top, otherwise the first numbered
// heading or line of prose.
func bodyStart(lines []block) int {
	for i, b := range lines {
		if i > len(lines)/5+10 {
			break
		}
		if strings.HasPrefix(b.text, "各位代表：") || strings.HasPrefix(b.text, "各位代表:") {
			return i
		}
	}
	// A policy document's text follows its number line (国办发〔2018〕123号).
	for i, b := range lines[:min(len(lines), 40)] {
		if reDocNoLine.MatchString(b.text) && i+1 < len(lines) {
			return i + 1
		}
	}
	for i, b := range lines {
		if rank, _ := numberRank(b.text); (rank == 1 || rank == 2) && headingShaped(b.text) || question(b.text) {
			return i
		}
		if prose(b.text) {
			return i
		}
	}
	return 0
}

// prose reports whether a line reads as report prose: long enough, with
// clause punctuation, ending a sentence, and not page chrome.
func prose(s string) bool {
	return runeLen(s) >= 20 && strings.ContainsAny(s, "，,；;、：:") && endsSentence(s) && !chrome(s)
}

// bodyEnd returns the index just past the body's last line. Past the middle
// of the page, a label with nothing after it (相关报道：) or a link list
// entry (相关链接>>) ends the report; then trailing lines that are not
// prose, or repeat text already given, are dropped.
func bodyEnd(lines []block) int {
	end := len(lines)
	total := 0
	for _, b := range lines {
		total += len(b.text)
	}
	seen := 0
	for i, b := range lines {
		seen += len(b.text)
		if seen*2 < total {
			continue
		}
		_, empty := labelLine(b.text)
		t := strings.TrimSpace(b.text)
		if empty && appendixLabel(t) {
			continue // 附注： opens the report's own notes, not the page's links
		}
		if empty || strings.HasSuffix(t, ">>") || strings.HasSuffix(t, "»") {
			end = i
			break
		}
	}
	var before strings.Builder
	for _, b := range lines[:end] {
		before.WriteString(squeeze(b.text))
	}
	earlier := before.String()
	for end > 0 {
		b := lines[end-1]
		earlier = earlier[:len(earlier)-len(squeeze(b.text))]
		if b.kind == kindText && prose(b.text) && !strings.Contains(earlier, squeeze(b.text)) || keptRow(b) {
			break
		}
		if signedDate(b.text) != "" || reBracketed.MatchString(b.text) && end >= 2 && signedDate(lines[end-2].text) != "" {
			break // a document's signature and date close it
		}
		if end == len(lines) && b.kind == kindText && runeLen(b.text) >= 40 && hasSentencePunct(b.text) && !chrome(b.text) && !strings.Contains(earlier, squeeze(b.text)) {
			break // sentences cut off mid-way: a file that stops short
		}
		end--
	}
	return end
}

// keptRow reports whether a block is a table row of the document: a row
// of figures or of text, not of site notices.
func keptRow(b block) bool {
	if b.kind != kindRow || !strings.Contains(b.text, " | ") {
		return false
	}
	hits := 0
	for _, w := range siteWords {
		if strings.Contains(b.text, w) {
			hits++
		}
	}
	return hits == 0
}

// infoTable reports whether the lines before the body hold a policy
// page's information table (发文机关, 发文字号, 成文日期, 索引号), whose rows
// are the document's own facts rather than the page's.
func infoTable(front []block) bool {
	for _, b := range front {
		if b.kind == kindRow {
			for _, k := range []string{"发文机关", "发文字号", "成文日期", "索引号"} {
				if strings.Contains(squeeze(b.text), k) {
					return true
				}
			}
		}
	}
	return false
}

// appendixLabel reports whether an empty label opens the report's own
// notes or glossary (附注：, 名词解释：) rather than page matter.
func appendixLabel(t string) bool {
	switch strings.TrimRight(t, "：: ") {
	case "附注", "注释", "注", "名词解释", "名词注释", "有关名词解释", "附件", "说明":
		return true
	}
	return false
}

// dropMenus removes runs of three or more one-word lines (下载 / 打印 /
// 全屏, 大 / 中 / 小): menus and toolbars, never report text.
func dropMenus(lines []block) []block {
	short := func(b block) bool { return runeLen(b.text) <= 6 && !hasAnyPunct(b.text) && !headingShaped(b.text) }
	out := lines[:0:0]
	for i := 0; i < len(lines); {
		j := i
		for j < len(lines) && short(lines[j]) {
			j++
		}
		if j-i >= 3 {
			i = j
			continue
		}
		if j == i {
			j++
		}
		out = append(out, lines[i:j]...)
		i = j
	}
	return out
}

// squeeze removes white space, for comparing texts that differ only in it.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u3000' {
			return -1
		}
		return r
	}, s)
}

var reCredit = regexp.MustCompile(`\s*[（(]?(本报|本台|新华社|人民网|新华网)?(特约)?(记者|通讯员|摄影)[\p{Han}\s、]{0,16}摄[）)]?$`)

// headerLines picks from the lines before the body those that belong to the
// report's own header rather than to the page: the delivery line ("——2026年
// 1月25日在…会议上"), the speaker ("北京市市长 殷勇") and a caption sentence
// saying who delivered the report, without its photo credit.
func headerLines(front []string) []string {
	var out []string
	for i := 0; i < len(front); i++ {
		l := front[i]
		// A delivery line broken across lines: "——…第十四届" + "人民代表大会…会议上".
		for strings.HasPrefix(l, "——") && !strings.Contains(l, "会议") && i+1 < len(front) {
			i++
			l += front[i]
		}
		if _, val, ok := strings.Cut(l, "："); ok && reDelivered.MatchString(foldDate(val)) {
			l = val // "分享：2026年2月3日在…" after a widget label
		}
		if d, sp, rest, ok := gluedHeader(l); ok {
			out = append(out, d, sp)
			if l = rest; l == "" {
				continue
			}
		}
		switch {
		case deliveryLine(l):
			out = append(out, l)
		case speakerLine(l):
			out = append(out, l)
		case strings.Contains(l, "作政府工作报告") && runeLen(l) <= 120 && !strings.Contains(l, "工作报告》"):
			// A photo caption: keep the sentence saying who delivered the
			// report, without the credit and the scene around it.
			t := strings.TrimSpace(reCredit.ReplaceAllString(l, ""))
			if t == l || t == "" {
				continue
			}
			for _, s := range Sentences(t) {
				if strings.Contains(s, "作政府工作报告") {
					out = append(out, strings.TrimSpace(s))
				}
			}
		}
	}
	return out
}

// gluedHeader splits a header line that runs the title, the delivery
// line and the byline together (政府工作报告——2018年3月5日在第十三届
// 全国人民代表大会第一次会议上国务院总理 李克强…) into the delivery line,
// the byline and what follows them (a caption the page joined on).
func gluedHeader(l string) (delivery, speaker, rest string, ok bool) {
	i := strings.Index(l, "——")
	if i < 0 {
		return "", "", "", false
	}
	j := strings.Index(l[i:], "会议上")
	if j < 0 {
		return "", "", "", false
	}
	end := i + j + len("会议上")
	d, after := l[i:end], strings.TrimSpace(l[end:])
	loc := reSpeakerLead.FindStringIndex(after)
	if !deliveryLine(d) || loc == nil {
		return "", "", "", false
	}
	n := loc[1]
	if r, size := utf8.DecodeLastRuneInString(after[:n]); !unicode.Is(unicode.Han, r) {
		n -= size // the character after the name is not part of it
	}
	return d, strings.TrimSpace(after[:n]), strings.TrimSpace(after[n:]), true
}

// reSpeakerLead is a byline at the start of a line, followed by anything
// but more of the name.
var reSpeakerLead = regexp.MustCompile(`^\p{Han}{0,16}(?:省长|市长|区长|县长|州长|主席|总理)[\s\x{3000}\x{a0}]*\p{Han}{2,4}(?:$|[^\p{Han}])`)

// unclosed reports whether s opens a quote or bracket it does not close.
func unclosed(s string) bool {
	return strings.Count(s, "“") > strings.Count(s, "”") || strings.Count(s, "（") > strings.Count(s, "）")
}
