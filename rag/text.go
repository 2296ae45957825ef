package rag

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// fold returns s in the form every comparison in this package uses: NFKC
// (full-width letters, digits and punctuation become ASCII), lower case,
// white space removed.
func fold(s string) string {
	s = norm.NFKC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if unicode.IsSpace(r) || strings.ContainsRune(dropped, r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// dropped are characters matching ignores: brackets and quotes, so that
// 新（改）建 matches 新改建 and “两新” matches 两新.
const dropped = "()（）【】[]“”‘’\"「」『』《》"

// Fold is the comparison form the evaluation uses: NFKC folding and white
// space removed.
func Fold(s string) string {
	s = norm.NFKC.String(s)
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// isHan reports whether r is a CJK ideograph.
func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// isWordRune reports whether r carries meaning for matching: ideographs,
// letters and digits (and the few symbols numbers use).
func isWordRune(r rune) bool {
	return isHan(r) || unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '%'
}

// grams returns the character unigrams and bigrams of the folded text,
// without crossing punctuation. ASCII words and numbers count as one unit.
func grams(s string) []string {
	var out []string
	for _, run := range units(fold(s)) {
		for i, u := range run {
			out = append(out, u)
			if i+1 < len(run) {
				out = append(out, u+run[i+1])
			}
		}
	}
	return out
}

// units splits folded text into runs of matching units separated by
// punctuation: each ideograph is a unit; an ASCII word or number is one unit.
func units(s string) [][]string {
	var runs [][]string
	var cur []string
	var word strings.Builder
	flushWord := func() {
		if word.Len() > 0 {
			cur = append(cur, word.String())
			word.Reset()
		}
	}
	flushRun := func() {
		flushWord()
		if len(cur) > 0 {
			runs = append(runs, cur)
			cur = nil
		}
	}
	for _, r := range s {
		switch {
		case isHan(r):
			flushWord()
			cur = append(cur, string(r))
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '%'):
			word.WriteRune(r)
		default:
			flushRun()
		}
	}
	flushRun()
	return runs
}

// sentenceEnd reports whether r ends a sentence.
func sentenceEnd(r rune) bool {
	switch r {
	case '。', '！', '？', '!', '?', '；', ';':
		return true
	}
	return false
}

// clauseEnd reports whether r ends a clause inside a sentence.
func clauseEnd(r rune) bool {
	switch r {
	case '，', ',', '：', ':':
		return true
	}
	return sentenceEnd(r)
}

// splitKeep splits s after every rune for which end is true, keeping the
// delimiter with the piece before it; closing quotes and brackets stay with
// the piece they close.
func splitKeep(s string, end func(rune) bool) []string {
	var out []string
	rs := []rune(s)
	start := 0
	for i := 0; i < len(rs); i++ {
		if !end(rs[i]) {
			continue
		}
		j := i + 1
		for j < len(rs) && strings.ContainsRune("”’」』）)】", rs[j]) {
			j++
		}
		if p := strings.TrimSpace(string(rs[start:j])); p != "" {
			out = append(out, p)
		}
		start = j
		i = j - 1
	}
	if p := strings.TrimSpace(string(rs[start:])); p != "" {
		out = append(out, p)
	}
	return out
}

// clauses splits a sentence into clauses.
func clauses(s string) []string { return splitKeep(s, clauseEnd) }

// trimPunct removes leading and trailing punctuation and spaces.
func trimPunct(s string) string {
	return strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("，。；：、,.;:!?！？…", r)
	})
}

// hasHan reports whether s contains an ideograph.
func hasHan(s string) bool {
	for _, r := range s {
		if isHan(r) {
			return true
		}
	}
	return false
}
