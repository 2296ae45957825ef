package knowledge

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Policy documents (通知, 意见, 若干措施, 实施方案, 公告, 答记者问 …) are
// issued under a number (京政办发〔2020〕7号) by a body named at the head of
// their title (国务院办公厅关于…的通知) and signed and dated at the end. This
// file recognises those parts; fillMeta reads them.

var (
	// reDocNo is a document number: an issuer's abbreviation, the year in
	// brackets and a serial number.
	reDocNo = regexp.MustCompile(`\p{Han}{1,12}[〔\[［【(（]\s*(?:\d{4}|[０-９]{4})\s*[〕\]］】)）]\s*(?:第\s*)?[0-9０-９]{1,5}\s*号`)
	// reDocNoLine is a line holding only a document number.
	reDocNoLine = regexp.MustCompile(`^[\s\p{Zs}]*` + reDocNo.String() + `[\s\p{Zs}]*$`)
	// reDocTitle is a policy document's title: who issues it, 关于, the
	// subject, and the kind of document.
	reDocTitle = regexp.MustCompile(`^(\p{Han}[\p{Han}、·]{1,40}?)?(?:关于|对|就).{2,120}?(` + docKinds + `)$`)
	// reDocKindEnd is a line ending in a kind of document, as the last line
	// of a title broken over several lines does.
	reDocKindEnd = regexp.MustCompile(`(?:` + docKinds + `)[）)]?$`)
	// reSignedDate is a date line on its own, as a document is signed: in
	// figures or in Chinese numerals (一九九六年六月二十九日).
	reSignedDate = regexp.MustCompile(`^(\d{4}|[〇零一二三四五六七八九○Ｏ]{4})年([0-9]{1,2}|[一二三四五六七八九十]{1,3})月([0-9]{1,2}|[一二三四五六七八九十]{1,3})日$`)
	// reIssuer is a body that issues documents, as it signs them.
	reIssuer = regexp.MustCompile(`^\p{Han}{2,30}(?:人民政府|政府|办公厅|办公室|委员会|国务院|部|局|厅|委|署|会|院|办|中心)$`)
)

// reNamedKind is a title's ending that names a policy document without
// 关于 before it.
var reNamedKind = regexp.MustCompile(`(?:实施方案|工作方案|若干措施|行动计划|实施意见|指导意见|管理办法|实施办法|实施细则|条例)$`)

// reSpokesman is who speaks for a body at the end of its name.
var reSpokesman = regexp.MustCompile(`(?:有关)?(?:主要)?(?:负责同志|负责人|新闻发言人|发言人)$`)

// docKinds are the kinds of policy document, alternatives of a regexp.
const docKinds = `通知|意见|若干措施|措施|实施方案|工作方案|方案|公告|通告|决定|办法|规定|细则|规划|纲要|通报|批复|复函|函|答复|答记者问|问答|解读|指导意见|实施意见|行动计划|计划|条例`

// docTitle reports whether a line is a policy document's title, returning
// the issuing body its title names (国务院办公厅 in 国务院办公厅关于…的通知;
// "" when it names none).
func docTitle(l string) (issuer string, ok bool) {
	l = strings.TrimSpace(l)
	if runeLen(l) > 120 || hasSentencePunct(l) {
		return "", false
	}
	if m := reDocTitle.FindStringSubmatch(l); m != nil {
		// 市发展改革委负责同志就…答记者问: the body, not the person.
		return reSpokesman.ReplaceAllString(strings.TrimSpace(m[1]), ""), true
	}
	if strings.Contains(l, "答记者问") || strings.HasSuffix(l, "问答") {
		return "", true
	}
	// A title without 关于 names its kind more fully: 临江市城市更新实施方案.
	if n := runeLen(l); n >= 6 && n <= 40 && !hasAnyPunct(l) && reNamedKind.MatchString(l) {
		return "", true
	}
	return "", false
}

// signedDate converts a signature's date line to YYYY-MM-DD.
func signedDate(l string) string {
	if len(l) > 80 || !strings.HasSuffix(strings.TrimSpace(l), "日") {
		return "" // the common case, cheaply: not a short line ending in 日
	}
	m := reSignedDate.FindStringSubmatch(squeeze(foldDigits(l)))
	if m == nil {
		return ""
	}
	y, mo, d := cnNumber(m[1], true), cnNumber(m[2], false), cnNumber(m[3], false)
	if y < 1900 || mo < 1 || mo > 12 || d < 1 || d > 31 {
		return ""
	}
	return date(y, mo, d)
}

// cnNumber reads a number written in figures or Chinese numerals; digits
// reads a year digit by digit (一九九六), else as a value (二十九).
func cnNumber(s string, digits bool) int {
	const nums = "〇一二三四五六七八九"
	v := 0
	if digits {
		for _, r := range s {
			switch {
			case r >= '0' && r <= '9':
				v = v*10 + int(r-'0')
			case r == '零' || r == '○' || r == 'Ｏ':
				v = v * 10
			default:
				v = v*10 + strings.IndexRune(nums, r)/3
			}
		}
		return v
	}
	if s[0] >= '0' && s[0] <= '9' {
		for _, r := range s {
			v = v*10 + int(r-'0')
		}
		return v
	}
	tens, unit := 0, 0
	for _, r := range s {
		if r == '十' {
			tens = max(unit, 1)
			unit = 0
			continue
		}
		unit = strings.IndexRune(nums, r) / 3
	}
	return tens*10 + unit
}

// foldDigits turns full-width digits (２００４) into ASCII ones, so that
// dates and years written either way read the same.
func foldDigits(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r >= '０' && r <= '９' }) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r >= '０' && r <= '９' {
			return r - '０' + '0'
		}
		return r
	}, s)
}

func date(y, m, d int) string { return fmt.Sprintf("%04d-%02d-%02d", y, m, d) }

// titlePiece reports whether a line can be part of a title broken over
// several lines: short, unnumbered, Han text without clause punctuation.
func titlePiece(l string) bool {
	n := runeLen(l)
	if n < 2 || n > 30 || !hasHan(l) || strings.ContainsAny(l, "。！？!?；;，,：:") || signedDate(l) != "" || reBracketed.MatchString(l) {
		return false
	}
	rank, _ := numberRank(l)
	return rank < 0
}

// joinTitles mends document titles that the page set over two to four
// centred lines (国务院办公厅关于推进 / 政务新媒体健康有序发展的意见): a run of
// title pieces whose last line, and only it, ends in a kind of document.
func joinTitles(lines []block) []block {
	out := lines[:0:0]
	for i := 0; i < len(lines); i++ {
		if k := titleRun(lines[i:]); k > 1 {
			b := lines[i]
			for _, n := range lines[i+1 : i+k] {
				b.text += n.text
			}
			out = append(out, b)
			i += k - 1
			continue
		}
		out = append(out, lines[i])
	}
	return out
}

// titleRun returns how many lines from the start of lines make one broken
// title, or 0.
func titleRun(lines []block) int {
	for k := 0; k < min(len(lines), 4); k++ {
		b := lines[k]
		if b.kind == kindRow || !titlePiece(b.text) {
			return 0
		}
		if reDocKindEnd.MatchString(b.text) {
			if k == 0 {
				return 0
			}
			return k + 1
		}
	}
	return 0
}

// signature reports whether body line i closes a document: its date
// (2018年12月18日), the body signing above the date, or a bracketed note
// after them (（此件公开发布）).
func signature(body []block, i int) bool {
	t := strings.TrimSpace(body[i].text)
	if signedDate(t) != "" {
		return true
	}
	if i+1 < len(body) && signedDate(strings.TrimSpace(body[i+1].text)) != "" && runeLen(t) <= 40 && !hasSentencePunct(t) {
		return true
	}
	return reBracketed.MatchString(t) && i > 0 && signedDate(strings.TrimSpace(body[i-1].text)) != ""
}

var reBracketed = regexp.MustCompile(`^[（(][^（()）]{2,20}[）)]$`)

// fillPolicy sets a policy document's metadata — title, kind, issuer,
// number, date, year and government — from the lines before its text,
// its information table and its signature, and reports whether the
// document is one. A work report is not.
func fillPolicy(r *Report, c cleaned) bool {
	head := append(append([]string{}, c.titles...), c.front...)
	for _, l := range head {
		if strings.Contains(l, "政府工作报告") && runeLen(l) <= 60 {
			return false // a work report, whatever its page links to
		}
	}
	title, issuer := "", ""
	for i := range head {
		// The title may still be broken over lines the page kept apart.
		for k := 1; k <= 4 && i+k <= len(head); k++ {
			t := strings.Join(head[i:i+k], "")
			if strings.Contains(t, "工作报告") {
				break
			}
			if is, ok := docTitle(cleanTitle(t)); ok {
				title, issuer = cleanTitle(t), is
				break
			}
		}
		if title != "" {
			break
		}
	}
	labels := pageLabels(c.front)
	if t := labels["标题"]; t != "" && (title == "" || labels["发文字号"] != "") {
		// The information table's title is the document's, whole.
		is, ok := docTitle(t)
		if ok || labels["发文字号"] != "" || labels["发文机关"] != "" {
			title, issuer = t, is
		}
	}
	if title == "" {
		return false
	}
	r.Title = title
	r.Kind = reDocKindEnd.FindString(strings.TrimRight(title, "）)"))
	if strings.Contains(title, "答记者问") {
		r.Kind = "答记者问"
	}
	r.Issuer = issuer
	if v := labels["发文机关"]; v != "" {
		r.Issuer = v
	}
	for _, l := range append(append([]string{}, c.front...), labels["发文字号"]) {
		if m := reDocNo.FindString(l); m != "" {
			r.Number = foldDigits(squeeze(m))
			break
		}
	}
	// The date it was signed: the information table's, else the last
	// date line of the text, with the body signing above it.
	r.Date = dateLabel(labels["成文日期"])
	for i := len(r.Paragraphs) - 1; i >= 0 && i >= len(r.Paragraphs)-6; i-- {
		d := signedDate(strings.TrimSpace(r.Paragraphs[i].Text))
		if d == "" {
			continue
		}
		if r.Date == "" {
			r.Date = d
		}
		if i > 0 {
			// The signature names the issuer in full (临江市人民政府 for the
			// title's 临江市).
			if s := strings.TrimSpace(r.Paragraphs[i-1].Text); reIssuer.MatchString(squeeze(s)) && (r.Issuer == "" || strings.HasPrefix(s, r.Issuer)) {
				r.Issuer = s
			}
		}
		break
	}
	if r.Date == "" {
		r.Date = dateLabel(labels["发布日期"])
	}
	if len(r.Date) >= 4 {
		r.Year, _ = strconv.Atoi(r.Date[:4])
	}
	r.Government = r.Issuer
	return true
}

// pageLabels reads the labels of a page's information table (发文机关：
// 国务院办公厅 | 成文日期：2018年12月18日), keyed without spaces.
func pageLabels(front []string) map[string]string {
	out := map[string]string{}
	for _, l := range front {
		cells := strings.Split(l, " | ")
		for i := 0; i < len(cells); i++ {
			key, val, ok := strings.Cut(cells[i], "：")
			if !ok {
				key, val, ok = strings.Cut(cells[i], ":")
			}
			if !ok {
				continue
			}
			key = squeeze(key)
			if val = strings.TrimSpace(val); val == "" && i+1 < len(cells) && !strings.ContainsAny(cells[i+1], "：:") {
				val = strings.TrimSpace(cells[i+1])
				i++
			}
			if val != "" && out[key] == "" {
				out[key] = val
			}
		}
	}
	return out
}

var reLabelDate = regexp.MustCompile(`(\d{4})\s*[年/.\-]\s*(\d{1,2})\s*[月/.\-]\s*(\d{1,2})`)

// dateLabel reads a labelled date (2018年12月18日, 2018-12-18) as YYYY-MM-DD.
func dateLabel(s string) string {
	return ymd(reLabelDate.FindStringSubmatch(foldDigits(s)))
}
