package lexicon

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// Normalize returns a question in the form the answerer reads: control
// characters stripped, traditional characters converted to simplified
// (OpenCC t2s), full-width letters, digits and signs narrowed, runs of
// spaces collapsed, and politeness and fillers removed (请问, 我想知道,
// 能告诉我…吗, 谢谢, trailing 呢/啊/吧), with stray ASCII words dropped
// from a Chinese question. It keeps the question's wording otherwise, so
// what it returns can be echoed to the user. A question that is nothing
// but politeness is returned as it was, so 「谢谢」 is still thanks.
func (l *Lexicon) Normalize(q string) string {
	q = l.Simplify(q)
	if !hasHan(q) {
		return strings.Join(strings.Fields(q), " ")
	}
	out := l.dropFillers(q)
	out = dropStrayASCII(out, l.KeepASCII)
	if !hasWord(out) {
		return q
	}
	return out
}

// Simplify strips control characters, converts traditional characters to
// simplified, narrows full-width forms and collapses white space. It
// changes nothing else, so it is safe for any text the answerer compares.
func (l *Lexicon) Simplify(q string) string {
	s := l.clean(q)
	if hasHan(s) && l.t2s != nil && l.mayConvert(s) {
		// The converter is embedded data; should it fail, the text is
		// kept as it is rather than lost.
		if cc, err := l.t2s.get(); err == nil {
			if t, err := cc.Convert(s); err == nil {
				s = t
			}
		}
	}
	return s
}

// clean strips control characters, narrows full-width forms and collapses
// white space: Simplify but for the conversion to simplified characters.
func (l *Lexicon) clean(q string) string {
	if !utf8.ValidString(q) {
		q = strings.ToValidUTF8(q, "")
	}
	var b strings.Builder
	b.Grow(len(q))
	space := false
	for _, r := range q {
		switch {
		case unicode.IsSpace(r) || r == '\u3000':
			space = true
			continue
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(narrow(r))
	}
	return b.String()
}

// narrow maps full-width ASCII forms (Ａ, ３, ％, ．) to ASCII. Chinese
// punctuation (，。？) is left alone: it reads the same and is echoed.
func narrow(r rune) rune {
	if r >= 0xFF01 && r <= 0xFF5E {
		n := []rune(width.Narrow.String(string(r)))
		if len(n) == 1 && (unicode.IsLetter(n[0]) || unicode.IsDigit(n[0]) || strings.ContainsRune("%.+-/&", n[0])) {
			return n[0]
		}
	}
	return r
}

// dropFillers removes polite openings and closings and modal particles.
func (l *Lexicon) dropFillers(q string) string {
	closings := []string{}
	for changed := true; changed; {
		changed = false
		q = strings.TrimLeftFunc(q, isSep)
		for _, p := range l.Prefixes {
			rest, ok := cutPrefixFold(q, p.Text)
			if !ok || !startsWord(rest, p.Text) {
				continue
			}
			q = rest
			if p.Closing != "" {
				closings = append(closings, p.Closing)
			}
			changed = true
			break
		}
	}
	for changed := true; changed; {
		changed = false
		q = strings.TrimRightFunc(q, isSep)
		end := strings.TrimRightFunc(q, isEndPunct)
		tail := q[len(end):]
		for _, s := range append(l.Suffixes, closings...) {
			if rest, ok := cutSuffixFold(end, s); ok && hasWord(rest) {
				q = strings.TrimRightFunc(rest, isSep) + tail
				changed = true
				break
			}
		}
	}
	return l.dropParticles(q)
}

// dropParticles removes modal particles that end a clause: 呢 in
// 「GDP目标呢？」, 吧 in 「是5%吧」.
func (l *Lexicon) dropParticles(q string) string {
	ps := strings.Join(l.Particles, "")
	rs := []rune(q)
	var out []rune
	for i, r := range rs {
		if strings.ContainsRune(ps, r) && i > 0 && !isSep(rs[i-1]) && !isEndPunct(rs[i-1]) &&
			(i+1 == len(rs) || isEndPunct(rs[i+1]) || isSep(rs[i+1])) &&
			(r != '呢' || containsAny(string(rs[:i]), l.AskWords)) {
			continue
		}
		out = append(out, r)
	}
	return string(out)
}

// dropStrayASCII removes ASCII words that carry nothing in a Chinese
// question (pls, hi, @bot) and keeps indicator names (GDP, PM2.5), numbers
// and words with digits.
func dropStrayASCII(q string, keep map[string]bool) string {
	var b strings.Builder
	rs := []rune(q)
	for i := 0; i < len(rs); {
		if !isASCIIWordRune(rs[i]) {
			b.WriteRune(rs[i])
			i++
			continue
		}
		j := i
		for j < len(rs) && isASCIIWordRune(rs[j]) {
			j++
		}
		w := string(rs[i:j])
		if keep[strings.ToLower(strings.TrimLeft(w, "@"))] || strings.ContainsAny(w, "0123456789%") {
			b.WriteString(w)
		}
		i = j
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

func isASCIIWordRune(r rune) bool {
	return r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("%.&@_-", r))
}

// startsWord reports whether what follows a removed prefix can start a
// question: a prefix must not eat the first character of a word (问下
// is not removed from 问下游产业).
func startsWord(rest, prefix string) bool {
	if rest == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(rest)
	if !hasHan(prefix) {
		return !isASCIIWordRune(r)
	}
	return true
}

func cutPrefixFold(s, p string) (string, bool) {
	if len(s) >= len(p) && strings.EqualFold(s[:len(p)], p) {
		return s[len(p):], true
	}
	return s, false
}

func cutSuffixFold(s, p string) (string, bool) {
	if len(s) >= len(p) && strings.EqualFold(s[len(s)-len(p):], p) {
		return s[:len(s)-len(p)], true
	}
	return s, false
}

func isSep(r rune) bool {
	return unicode.IsSpace(r) || strings.ContainsRune("，,、：:；;！!～~…", r)
}

func isEndPunct(r rune) bool { return strings.ContainsRune("？?。.！!", r) }

func containsAny(s string, subs []string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

func hasHan(s string) bool {
	for _, r := range s {
		if isHan(r) {
			return true
		}
	}
	return false
}

// hasWord reports whether s has an ideograph, letter or digit.
func hasWord(s string) bool {
	for _, r := range s {
		if isHan(r) || unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}
