package knowledge

import (
	_ "embed"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// Flattened text: datasets and copy-paste keep a whole document on one
// line, or a few, its paragraphs separated by runs of spaces or 　　, or by
// nothing but their numbering (…请予审议。一、…。（一）…). flatten cuts such
// lines back into paragraphs before cleaning sees them.

var (
	// reGap is a run of white space that separates paragraphs on one line:
	// two or more spaces of any width (an ideographic one counts twice).
	reGap = regexp.MustCompile(`[\x{3000}]{2,}|[ \t\x{a0}]{2,}|[\x{3000}][ \t\x{a0}]+|[ \t\x{a0}]+[\x{3000}]`)
	// reMarker is numbering that opens a paragraph: 一、 （一） 1. 1、 （1）
	// 第一条 第一章 ① ——, a Q&A's 问： and 答：, or the salutation.
	reMarker = regexp.MustCompile(`^(?:[一二三四五六七八九十百]+、|[（(][一二三四五六七八九十百]+[）)]|[0-9０-９]{1,2}[、．.][^0-9０-９]|[（(][0-9０-９]{1,2}[）)]|[问答][：:]|第[一二三四五六七八九十百零〇]+[条章节部分]|[①-⑳]|——|各位代表)`)
	// reREscape is a code point written out as R's text output does
	// (<U+00A0>).
	reREscape = regexp.MustCompile(`<U\+([0-9A-Fa-f]{4,6})>`)
)

// flatLine is the length in characters above which a line may hold more
// than one paragraph.
const flatLine = 160

// flatShort is that length in a flattened document: a short notice kept
// on one line is still several paragraphs.
const flatShort = 60

// flatten splits lines that hold several paragraphs. Runs of spaces
// separate paragraphs wherever a long line has them; numbering after a
// sentence's end does so where the document is flattened (flat).
func flatten(lines []block) []block {
	flat := isFlat(lines)
	out := make([]block, 0, len(lines))
	min := flatLine
	if flat {
		min = flatShort
	}
	for _, b := range lines {
		if b.kind != kindText || runeLen(b.text) <= min {
			out = append(out, b)
			continue
		}
		pieces := []string{b.text}
		if mayGap(b.text) {
			pieces = reGap.Split(b.text, -1)
		}
		for _, piece := range pieces {
			if piece = strings.TrimSpace(piece); piece == "" {
				continue
			}
			if !flat || runeLen(piece) <= min {
				out = append(out, block{text: piece, kind: b.kind})
				continue
			}
			for _, p := range splitAtMarkers(piece) {
				for _, q := range splitHeading(p) {
					out = append(out, block{text: q, kind: b.kind})
				}
			}
		}
	}
	return out
}

// mayGap reports cheaply whether s may hold a gap reGap matches: two
// white-space characters in a row, one of them possibly ideographic or
// no-break.
func mayGap(s string) bool {
	return strings.Contains(s, "  ") || strings.Contains(s, "\u3000") || strings.Contains(s, "\u00a0") || strings.Contains(s, "\t")
}

// isFlat reports whether a text keeps its paragraphs on few long lines:
// more than 400 characters a line on average, a line of 3 000, or all of
// it on three lines or fewer.
func isFlat(lines []block) bool {
	total, n := 0, 0
	for _, b := range lines {
		l := runeLen(b.text)
		if l == 0 {
			continue
		}
		if l >= 3000 {
			return true
		}
		total += l
		n++
	}
	// One to three lines that long are the whole document on a line.
	return n > 0 && (total/n > 400 || n <= 3 && total > flatShort)
}

// splitAtMarkers cuts a line before each numbering or salutation that
// follows the end of a sentence or a colon.
func splitAtMarkers(s string) []string {
	var out []string
	start := 0
	// The salutation opens a paragraph wherever it is: the header before it
	// may end without punctuation (…国务院总理 李克强各位代表：现在，…).
	if i := strings.Index(s, "各位代表："); i > 0 && !strings.ContainsRune("。！？：", lastRune(s[:i])) {
		out = append(out, s[:i])
		start = i
	}
	for i := start; i < len(s); {
		r, size := firstRuneAt(s, i)
		i += size
		if strings.ContainsRune(" \u3000\u00a0", r) && i < len(s) && reMarker.MatchString(s[i:]) && i-size > start {
			// Numbering after a space opens a paragraph too (…答记者问 问：…).
			out = append(out, strings.TrimRight(s[start:i], " \u3000\u00a0"))
			start = i
			continue
		}
		if !strings.ContainsRune("。！？：!?:", r) {
			continue
		}
		j := i
		for j < len(s) {
			c, cs := firstRuneAt(s, j)
			if !strings.ContainsRune(closers, c) {
				break
			}
			j += cs
		}
		switch {
		case j < len(s) && reMarker.MatchString(s[j:]):
			out = append(out, s[start:j])
			start = j
		case j < len(s) && r != '：' && r != ':' && strings.ContainsRune(" \t\u00a0\u3000", firstRune(s[j:])):
			// Chinese puts no space after a full stop: one there ends a
			// paragraph (…贯彻落实。 现将…).
			out = append(out, s[start:j])
			for j < len(s) && strings.ContainsRune(" \t\u00a0\u3000", firstRune(s[j:])) {
				_, size := firstRuneAt(s, j)
				j += size
			}
			start = j
		}
		i = j
	}
	return append(out, s[start:])
}

// reHeadSpace is a numbered heading set off from the text after it by one
// space: 三、2014年重点工作 做好今年政府工作，…
var reHeadSpace = regexp.MustCompile(`^((?:[一二三四五六七八九十百]+、|[（(][一二三四五六七八九十百]+[）)]|第[一二三四五六七八九十百]+[章节部分])[^\s\x{3000}。，；：！？]{1,30})[ \x{3000}\x{a0}]+(\S)`)

// splitHeading cuts a numbered heading from the paragraph it was flattened
// onto: where one space still separates them, or after the word a part
// heading ends in (data/heads.txt) when text goes on without punctuation.
func splitHeading(s string) []string {
	if loc := reHeadSpace.FindStringSubmatchIndex(s); loc != nil {
		return []string{s[:loc[3]], s[loc[4]:]}
	}
	rank, n := numberRank(s)
	if rank < 1 || rank > 3 {
		return []string{s}
	}
	head := s[:min(len(s), n+40*3)] // the heading is short
	for _, w := range headWords() {
		i := strings.Index(head, w)
		if i < n || strings.ContainsAny(s[n:i], "。，；：！？") {
			continue
		}
		end := i + len(w)
		if end < len(s) && !strings.ContainsRune("。，；：！？、）)”", firstRune(s[end:])) {
			return []string{s[:end], s[end:]}
		}
	}
	return []string{s}
}

//go:embed data/heads.txt
var headsFile string

// headWords are the words of data/heads.txt.
var headWords = sync.OnceValue(func() []string {
	var out []string
	for _, l := range strings.Split(headsFile, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
})

func firstRuneAt(s string, i int) (rune, int) { return utf8.DecodeRuneInString(s[i:]) }

// unescapeR turns code points written as <U+00A0> back into characters.
func unescapeR(s string) string {
	if !strings.Contains(s, "<U+") {
		return s
	}
	return reREscape.ReplaceAllStringFunc(s, func(m string) string {
		v, err := strconv.ParseUint(m[3:len(m)-1], 16, 32)
		if err != nil {
			return m
		}
		return string(rune(v))
	})
}
