package rag

import (
	"fmt"
	"strings"
)

// citations numbers the paragraphs an extractive answer cites. Every [n]
// of such an answer comes from here: paragraphs are numbered in the order
// they are first cited, each once, and the sentences quoted from one
// paragraph are gathered without repeats. (An LLM answer keeps the
// numbers of the passages it was shown; generate maps them.)
type citations struct {
	ix     *Index
	byPara map[int]int
	list   []Citation
}

// cite returns the marker number of paragraph para, citing it if it is
// new, and adds quote to what is quoted from it.
func (cs *citations) cite(para int, quote string) int {
	if cs.byPara == nil {
		cs.byPara = map[int]int{}
	}
	n, ok := cs.byPara[para]
	if !ok {
		n = len(cs.list) + 1
		cs.byPara[para] = n
		cs.list = append(cs.list, cs.ix.citation(n, para, ""))
	}
	if quote != "" && !strings.Contains(cs.list[n-1].Quote, quote) {
		cs.list[n-1].Quote += quote
	}
	return n
}

// cited reports whether paragraph para is cited already.
func (cs *citations) cited(para int) bool {
	_, ok := cs.byPara[para]
	return ok
}

// marker cites para and returns its marker, [n]; "" for no paragraph.
func (cs *citations) marker(para int, quote string) string {
	if para <= 0 {
		return ""
	}
	return fmt.Sprintf("[%d]", cs.cite(para, quote))
}

// all returns the citations in marker order.
func (cs *citations) all() []Citation { return cs.list }
