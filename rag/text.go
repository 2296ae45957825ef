package rag

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/reportbot/reportbot/knowledge"
)

// fold returns s in the form every comparison in this package uses:
// knowledge's (NFKC, lower case, white space, brackets and quotes removed),
// so that the answerer reads clauses as knowledge dates them.
func fold(s string) string { return knowledge.Fold(s) }

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
