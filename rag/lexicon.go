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
