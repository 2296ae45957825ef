package knowledge

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// This file reads what one clause and one run of sentences state: a clause
// can hold several figures (一产、二产、三产增加值分别增长…, 粮食播种面积…、
// 总产量…), and a targets statement can run over several sentences.

// targetItem is a target read from a clause, with the span of text it cites.
type targetItem struct {
	Target
	span targetSpan
}

// attrHeadRe is a measure noun that names an attribute of a subject said
// before it: 粮食播种面积1530万亩、总产量125亿斤 measures 粮食 twice.
var attrHeadRe = regexp.MustCompile(`总产量|产量|总量|总额|播种面积|种植面积|面积|单产|规模|占比|比重`)

// clauseItems reads the clause text[c.start:c.end] as the targets it states,
// each quoting text verbatim. ok is false when nothing in it is a target.
//   - 分别: "一产、二产、三产增加值分别增长5%左右、5%以上、5%左右" gives one
//     target per name when names and figures pair up one to one; otherwise
//     one value-less target quoting the figures, never a guessed pairing.
//   - 、: "粮食播种面积1530万亩、总产量125亿斤" gives one target per figure
//     when every piece has one; a piece whose name is only an attribute
//     (总产量) or a direction (增长) takes its subject from the piece before,
//     and its Text runs from there.
//   - otherwise the clause is one target.
func clauseItems(text string, c targetSpan) ([]targetItem, bool) {
	clause := text[c.start:c.end]
	if ts, ok := respectively(clause); ok {
		out := make([]targetItem, len(ts))
		for i, t := range ts {
			out[i] = targetItem{t, c}
		}
		return out, true
	}
	pieces := splitTargetClauses(text, c.start, c.end, "、")
	if len(pieces) > 1 {
		all := true
		for _, p := range pieces {
			if _, ok := parseTargetMeasure(text[p.start:p.end]); !ok {
				all = false
				break
			}
		}
		if all {
			var out []targetItem
			for _, p := range pieces {
				piece := text[p.start:p.end]
				m, _ := parseTargetMeasure(piece)
				t := Target{Text: piece, Value: m.Value, Qualifier: m.Qualifier, Indicator: cutIndicator(piece[:m.start], m)}
				if len(out) > 0 {
					prev := out[len(out)-1]
					if ind, ok := inheritSubject(prev.Indicator, t.Indicator); ok {
						t.Indicator = ind
						p.start = prev.span.start
						t.Text = text[p.start:p.end]
					}
				}
				if t.Indicator == "" {
					continue
				}
				out = append(out, targetItem{t, p})
			}
			return out, len(out) > 0
		}
	}
	t, ok := parseTarget(clause)
	if !ok {
		return nil, false
	}
	return []targetItem{{t, c}}, true
}

// inheritSubject names a piece whose own name is only a direction (增长) or
// an attribute (总产量) after the piece before it, named prev.
func inheritSubject(prev, own string) (string, bool) {
	if prev == "" {
		return "", false
	}
	if name, _ := indicatorKey(own); name == "" {
		return stripDirection(prev) + own, true
	}
	if loc := attrHeadRe.FindStringIndex(own); loc != nil && loc[0] == 0 {
		if loc := attrHeadRe.FindStringIndex(prev); loc != nil && loc[0] > 0 {
			return prev[:loc[0]] + own, true
		}
	}
	return "", false
}

// stripDirection drops a trailing direction word (增长, 下降) from a name.
func stripDirection(s string) string {
	for _, w := range append(append([]string{}, upWords...), downWords...) {
		if strings.HasSuffix(s, w) {
			return strings.TrimSuffix(s, w)
		}
	}
	return s
}

// respectively reads a 分别 clause: names joined by 、 (or 和/与/及), 分别,
// a verb, and as many figures joined by 、. A name list with a shared tail
// written once on the last name ("一产、二产、三产增加值") gives each name
// that tail. When the counts differ, the clause is one target with no value
// whose qualifier quotes the figures. ok is false when no figure follows 分别.
func respectively(clause string) ([]Target, bool) {
	i := strings.Index(clause, "分别")
	if i <= 0 {
		return nil, false
	}
	head, tail := clause[:i], clause[i+len("分别"):]
	var vals []targetMeasure
	verb := ""
	for k, seg := range strings.Split(tail, "、") {
		m, ok := parseTargetMeasure(seg)
		if !ok {
			break
		}
		pre := strings.TrimSuffix(strings.TrimRight(seg[:m.start], " \t"), m.Pre)
		if k == 0 {
			verb = pre
		} else if strings.TrimSpace(pre) != "" {
			break
		}
		vals = append(vals, m)
	}
	if len(vals) == 0 {
		return nil, false
	}
	names := strings.Split(head, "、")
	if len(names) == 1 {
		for _, sep := range []string{"和", "与", "及"} {
			if parts := strings.SplitN(head, sep, 2); len(parts) == 2 && parts[0] != "" && parts[1] != "" {
				names = parts
				break
			}
		}
	}
	if len(names) != len(vals) || len(names) < 2 {
		ind := cutIndicator(head, targetMeasure{})
		if ind == "" {
			return nil, false
		}
		return []Target{{Indicator: ind, Qualifier: clause[i:], Text: clause}}, true
	}
	// A shared tail: every name but the last has one length, the last is longer.
	n := len(names)
	l := utf8.RuneCountInString(names[0])
	suffix := ""
	same := true
	for _, s := range names[:n-1] {
		if utf8.RuneCountInString(s) != l || s == "" {
			same = false
		}
	}
	if last := []rune(names[n-1]); same && len(last) > l {
		suffix = string(last[l:])
	}
	out := make([]Target, 0, n)
	for k, name := range names {
		if k < n-1 {
			name += suffix
		}
		ind := cutIndicator(name+verb, targetMeasure{})
		if ind == "" {
			return nil, false
		}
		out = append(out, Target{Indicator: ind, Value: vals[k].Value, Qualifier: vals[k].Qualifier, Text: clause})
	}
	return out, true
}

// actorRe marks a clause that speaks of doing rather than of a measure:
// "我们要持续…", "坚持…". Such a clause is never read as a target that
// extends a targets statement.
var actorRe = regexp.MustCompile(`我们|我要|必须|需要|应当|坚持|推动|推进|加快|着力|加强|围绕|聚焦|立足|统筹|考虑|确定|提出`)

// backRefRe marks a sentence that looks back on the targets (实现上述目标,
// 这样的目标): the statement has moved on.
var backRefRe = regexp.MustCompile(`(?:上述|以上|这些|这样的|这一|各项)[^，,。；;]{0,6}(?:目标|指标)`)

// targetRunEnd returns the end of the run of target-bearing sentences in
// text that starts at from: the first sentence always, then every following
// sentence that is itself a statement of targets, up to the first that
// moves on to something else.
func targetRunEnd(text string, from, year int) int {
	end := targetSentenceEnd(text, from)
	for end < len(text) {
		next := targetSentenceEnd(text, end)
		if !targetSentence(text[end:next], year) {
			break
		}
		end = next
	}
	return end
}

// targetSentence reports whether sentence s states targets of the year: it
// opens with a target clause that names a measure, is about no other period
// or year, and does not look back on the targets.
func targetSentence(s string, year int) bool {
	if strings.TrimSpace(s) == "" || periodRe.MatchString(s) || otherYear(s, year) || backRefRe.MatchString(s) {
		return false
	}
	cs := splitTargetClauses(s, 0, len(s), "；;，,。！？!?")
	if len(cs) == 0 {
		return false
	}
	c := cs[0]
	c.start += listMarkerLen(s[c.start:c.end])
	items, ok := clauseItems(s, c)
	if !ok {
		return false
	}
	for _, it := range items {
		if actorRe.MatchString(it.Indicator) {
			return false
		}
	}
	return true
}
