package knowledge

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentences splits text after sentence punctuation — Chinese 。！？… and
// ASCII . ! ? — keeping closing quotes and brackets with their sentence and
// never splitting a decimal number (5.5%) or a list number (1.). Joined,
// the sentences give text back unchanged.
func Sentences(text string) []string {
	var out []string
	start := 0
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		end := i + size
		if !isStop(text, i, r) {
			i = end
			continue
		}
		// Take the run of stops ("？！", "……") and the closers after it.
		for end < len(text) {
			r2, s2 := utf8.DecodeRuneInString(text[end:])
			if strings.ContainsRune(terminals+closers, r2) {
				end += s2
				continue
			}
			break
		}
		if s := text[start:end]; strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
		start = end
		i = end
	}
	if start < len(text) && strings.TrimSpace(text[start:]) != "" {
		out = append(out, text[start:])
	} else if start < len(text) && len(out) > 0 {
		out[len(out)-1] += text[start:]
	}
	return out
}

// isStop reports whether the rune r at byte i of text ends a sentence.
func isStop(text string, i int, r rune) bool {
	switch r {
	case '。', '！', '？', '!', '?', '…':
		return true
	case '.':
		// An ASCII full stop ends a sentence only before a space, the end,
		// or Han text — and never between digits or after a list number.
		prev, _ := utf8.DecodeLastRuneInString(text[:i])
		next, _ := utf8.DecodeRuneInString(text[i+1:])
		if unicode.IsDigit(prev) || unicode.IsDigit(next) {
			return false
		}
		return i+1 == len(text) || unicode.IsSpace(next) || unicode.Is(unicode.Han, next)
	}
	return false
}

// MaxChunk is the length in characters above which a paragraph is cut into
// several retrieval chunks.
const MaxChunk = 320

// Chunks returns the report's retrieval units: each paragraph whole when it
// is at most MaxChunk characters, otherwise runs of its sentences of about
// that length (a single overlong sentence is cut at clause punctuation).
// Every chunk keeps its paragraph's number and section.
func (r *Report) Chunks() []Chunk {
	var out []Chunk
	for _, p := range r.Paragraphs {
		for i, text := range chunkText(p.Sentences, MaxChunk) {
			id := fmt.Sprintf("p%d", p.N)
			if i > 0 {
				id = fmt.Sprintf("p%d.%d", p.N, i)
			}
			out = append(out, Chunk{ID: id, Paragraph: p.N, Part: i, Section: p.Section, Text: text})
		}
	}
	return out
}

// chunkText groups sentences into pieces of at most max characters.
func chunkText(sentences []string, max int) []string {
	var pieces []string
	for _, s := range sentences {
		if runeLen(s) <= max {
			pieces = append(pieces, s)
			continue
		}
		pieces = append(pieces, cutClauses(s, max)...)
	}
	var out []string
	var cur strings.Builder
	n := 0
	for _, s := range pieces {
		l := runeLen(s)
		if n > 0 && n+l > max {
			out = append(out, cur.String())
			cur.Reset()
			n = 0
		}
		cur.WriteString(s)
		n += l
	}
	if n > 0 {
		out = append(out, cur.String())
	}
	return out
}

// cutClauses cuts one overlong sentence after ；，, into pieces of at most
// max characters where it can.
func cutClauses(s string, max int) []string {
	var out []string
	var cur strings.Builder
	n := 0
	for _, r := range s {
		cur.WriteRune(r)
		n++
		if n >= max/2 && strings.ContainsRune("；;，,、", r) || n >= max {
			out = append(out, cur.String())
			cur.Reset()
			n = 0
		}
	}
	if n > 0 {
		out = append(out, cur.String())
	}
	return out
}

// Items returns a paragraph's sentences, each cut further after ； (the
// items of a list), so that a quote stays short; a paragraph made by hand
// without sentences is split here. Scopes dates these items, and the
// answerer quotes them.
func Items(p Paragraph) []string {
	ss := p.Sentences
	if len(ss) == 0 {
		ss = Sentences(p.Text)
	}
	var out []string
	for _, s := range ss {
		out = append(out, splitKeep(s, func(r rune) bool { return r == '；' || r == ';' })...)
	}
	return out
}

// Clauses splits a sentence or item after clause punctuation (，,：:；;。
// ！？!?), keeping closing quotes and brackets with the clause they close
// and dropping white space around each clause. Scopes dates these clauses.
func Clauses(s string) []string { return splitKeep(s, clauseEnd) }

// clauseEnd reports whether r ends a clause.
func clauseEnd(r rune) bool {
	switch r {
	case '，', ',', '：', ':', '。', '！', '？', '!', '?', '；', ';':
		return true
	}
	return false
}

// SplitKeep splits s after every rune for which end is true, keeping the
// delimiter with the piece before it; closing quotes and brackets stay with
// the piece they close, and white space around each piece is dropped.
func SplitKeep(s string, end func(rune) bool) []string { return splitKeep(s, end) }

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
