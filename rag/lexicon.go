package rag

import (
	"github.com/reportbot/reportbot/rag/lexicon"
)

// The vocabulary lives in package lexicon as data; these helpers read it
// the way this package compares text.

// isWeakGroup reports whether a synonym group is a generic word (增长,
// 达到): one of its members is a weak term.
func isWeakGroup(lx *lexicon.Lexicon, g []string) bool {
	for _, m := range g {
		if lx.Weak[m] {
			return true
		}
	}
	return false
}

// replaceLongest replaces, scanning left to right, the longest key found at
// each position by its value.
func replaceLongest(s string, keys []string, value func(k string) string) string {
	return lexicon.ReplaceLongest(s, keys, value)
}

func decodeRune(s string) (rune, int) {
	for _, r := range s {
		return r, len(string(r))
	}
	return 0, 1
}
