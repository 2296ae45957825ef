package knowledge

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Small predicates over one line of report text, shared by cleaning,
// structure and metadata.

func runeLen(s string) int { return utf8.RuneCountInString(s) }

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// closers may follow a sentence's final punctuation and belong to it.
const closers = "”’」』）)》〉】]\"'"

// terminals end a sentence.
const terminals = "。！？!?…"

// trimClosers strips closing quotes and brackets from the end of s.
func trimClosers(s string) string { return strings.TrimRight(s, closers) }

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// endsSentence reports whether s ends a sentence or clause (。！？；…: or an
// ASCII full stop that is not a decimal point or list number).
func endsSentence(s string) bool {
	t := trimClosers(s)
	if t == "" {
		return false
	}
	r := lastRune(t)
	if strings.ContainsRune(terminals+"；;", r) {
		return true
	}
	if r == '.' {
		rest := strings.TrimSuffix(t, ".")
		return rest != "" && !unicode.IsDigit(lastRune(rest))
	}
	return false
}

// endsColon reports whether s ends with a colon, introducing what follows.
func endsColon(s string) bool {
	r := lastRune(strings.TrimSpace(s))
	return r == '：' || r == ':'
}

// hasSentencePunct reports whether s holds sentence punctuation anywhere.
func hasSentencePunct(s string) bool { return strings.ContainsAny(s, "。！？!?；;") }

// hasAnyPunct reports whether s holds clause or sentence punctuation.
func hasAnyPunct(s string) bool { return strings.ContainsAny(s, "。！？!?；;，,、：:") }

// continues reports whether s starts with punctuation that can only
// continue the previous line (a closing mark or clause punctuation).
func continues(s string) bool {
	return strings.ContainsRune("，。、；：？！）」』》〉%,.;:?!)”’", firstRune(s))
}

// dangles reports whether s ends mid-phrase: on a particle, a conjunction,
// an opening bracket or a Latin letter (as "PM" before a subscript "2.5").
func dangles(s string) bool {
	r := lastRune(s)
	if strings.ContainsRune("的和与及或在对把将从向于（(“「《〈—-、，,", r) {
		return true
	}
	return r < 0x80 && unicode.IsLetter(r)
}

var (
	reRank0 = regexp.MustCompile(`^附\s*[件录表]\s*[0-9０-９一二三四五六七八九十]*\s*[:：]?\s*`)
	reRank1 = regexp.MustCompile(`^第[一二三四五六七八九十]+(部分|章|篇|节)`)
	reRank2 = regexp.MustCompile(`^[一二三四五六七八九十百]+[、.．]`)
	reRank3 = regexp.MustCompile(`^[（(][一二三四五六七八九十百]+[）)]`)
	reRank4 = regexp.MustCompile(`^([0-9０-９]{1,2}[、．]|[0-9０-９]{1,2}\.([^0-9０-９]|$)|[（(][0-9０-９]{1,2}[）)]|第[一二三四五六七八九十百零〇]+条[\s\x{3000}]*|[①-⑳])`)
	// reArticle is the number of an article or item that heads it alone
	// (第三条, ②) rather than with its first sentence.
	reArticle  = regexp.MustCompile(`^(第[一二三四五六七八九十百零〇]+条|[①-⑳])`)
	reEnumLead = regexp.MustCompile(`^[一二三四五六七八九十]+是`)
)

// numberRank returns the outline rank of a numbered line (0 附件, 1 第…部分,
// 2 一、, 3 （一）, 4 1. or （1）) and the length in bytes of the numbering, or
// -1 when the line is not numbered.
func numberRank(s string) (rank, n int) {
	for i, re := range []*regexp.Regexp{reRank0, reRank1, reRank2, reRank3, reRank4} {
		if loc := re.FindStringIndex(s); loc != nil {
			if i == 0 && runeLen(s) > 30 {
				continue // "附件…" opening a long sentence is prose
			}
			return i, loc[1]
		}
	}
	return -1, 0
}

// headingShaped reports whether a line is a numbered heading on a line of
// its own: numbered, short, and not several sentences.
func headingShaped(s string) bool {
	rank, _ := numberRank(s)
	if rank < 0 || runeLen(s) > 60 || reArticle.MatchString(s) {
		return false // an article (第三条　…) carries its own text
	}
	body := trimClosers(strings.TrimRight(s, "。.；;"))
	if i := strings.IndexAny(body, "：:"); i >= 0 && i+len("：") < len(body) {
		return false // "3.“四好农村路”：指…" is a numbered definition
	}
	return !hasSentencePunct(body)
}

// plainHeadingShaped reports whether a line looks like an unnumbered heading:
// short, with Han text and no punctuation at all.
func plainHeadingShaped(s string) bool {
	n := runeLen(s)
	return n >= 2 && n <= 25 && hasHan(s) && !hasAnyPunct(s)
}

// labelLine reports whether s is a page label such as "来源：新华网" or
// "责任编辑：", with a short key, a colon and a short value without
// sentence punctuation.
func labelLine(s string) (ok, emptyValue bool) {
	i := strings.IndexAny(s, ":：")
	if i < 0 {
		return false, false
	}
	key, val := strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+len(string(firstRune(s[i:]))):])
	if k := runeLen(key); k == 0 || k > 6 || strings.ContainsAny(key, "，,、") {
		return false, false
	}
	if rank, _ := numberRank(s); rank >= 0 {
		return false, false
	}
	if runeLen(val) > 24 || hasSentencePunct(val) || strings.Contains(val, "，") {
		return false, false
	}
	return true, val == ""
}

// urlMarks are what a web address contains.
var urlMarks = []string{"http://", "https://", "www.", ".html", ".htm", ".shtml", ".jsp", ".php", ".aspx"}

var reURL = regexp.MustCompile(`(?i)(?:https?://|www\.)[\x21-\x7e]+|[\x21-\x7e]+\.(?:s?html?|jsp|php|aspx)\b`)

func hasURL(s string) bool {
	low := strings.ToLower(s)
	for _, u := range urlMarks {
		if strings.Contains(low, u) {
			return true
		}
	}
	return false
}

// urlProse reports whether a line holding a web address is a sentence of
// the document that cites it (…可登录www.gov.cn查询。), not a link line:
// without the address it still has 12 Han characters or more, clause
// punctuation, and it ends a sentence.
func urlProse(s string) bool {
	rest := reURL.ReplaceAllString(s, "")
	han := 0
	for _, r := range rest {
		if unicode.Is(unicode.Han, r) {
			han++
		}
	}
	return han >= 12 && strings.ContainsAny(rest, "，,；;、") && endsSentence(s)
}

// siteWords are words a web site uses about itself and never a report.
var siteWords = []string{"本站", "本网", "转载", "侵权", "版权所有", "免责声明", "联系我们", "不代表本", "ICP", "Copyright", "copyright", "©", "浏览器", "分辨率", "主办单位", "承办单位"}

// chrome reports whether a line is page furniture rather than report text:
// no Han text, a widget in 【】, a page label, a link list entry, a URL, a
// photo credit or a site notice.
func chrome(s string) bool {
	if !hasHan(s) {
		return true
	}
	n := runeLen(s)
	if strings.HasPrefix(s, "【") && n <= 40 && (strings.HasSuffix(s, "】") || strings.ContainsAny(s, "：:")) {
		return true
	}
	if ok, _ := labelLine(s); ok {
		return true
	}
	t := strings.TrimSpace(s)
	if strings.HasSuffix(t, ">>") || strings.HasSuffix(t, "»") || strings.HasSuffix(t, "›") || strings.HasSuffix(t, "》》") {
		return true
	}
	if n <= 120 && hasURL(t) && !urlProse(t) {
		return true
	}
	if n <= 60 && strings.HasSuffix(strings.TrimRight(t, ")）]】 "), "摄") {
		return true // photo credit: "…本报记者 某某摄"
	}
	hits := 0
	for _, w := range siteWords {
		if strings.Contains(s, w) {
			hits++
		}
	}
	return hits >= 2
}
