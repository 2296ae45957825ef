package knowledge

import (
	"bufio"
	"bytes"
	_ "embed"
	"regexp"
	"sort"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// A report's own area goes by more names than its government's: people
// name a place without its administrative unit and without the peoples in
// an autonomous area's name (宁夏 for 宁夏回族自治区, 延边 for 延边朝鲜族
// 自治州, 镇海 for 宁波市镇海区), and the report speaks of it by its unit
// (全区, 本市, 我省). The words these names are made of are data
// (data/areas.txt).

//go:embed data/areas.txt
var areasFile []byte

// areaWords is the vocabulary of data/areas.txt.
type areaWords struct {
	units      []string        // 特别行政区 … 旗, longest first
	minorities []string        // 维吾尔 … 拉祜
	own        []string        // 全~ 本~ …: ~ is the unit's last character
	notName    string          // characters that end a word, not a name, before a unit
	notFirst   string          // characters before a name that are not part of it
	notPlace   map[string]bool // words used before a unit that name no place (美丽, 重点)
}

var areas = sync.OnceValue(func() areaWords {
	var w areaWords
	var dst, notName, notFirst, notPlace *[]string
	notName, notFirst, notPlace = new([]string), new([]string), new([]string)
	sc := bufio.NewScanner(bytes.NewReader(areasFile))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case line == "[unit]":
			dst = &w.units
		case line == "[minority]":
			dst = &w.minorities
		case line == "[own]":
			dst = &w.own
		case line == "[notname]":
			dst = notName
		case line == "[notfirst]":
			dst = notFirst
		case line == "[notplace]":
			dst = notPlace
		case dst == nil:
			panic("knowledge: data/areas.txt: words before a section: " + line)
		default:
			*dst = append(*dst, strings.Fields(line)...)
		}
	}
	w.notName, w.notFirst = strings.Join(*notName, ""), strings.Join(*notFirst, "")
	w.notPlace = map[string]bool{}
	for _, p := range *notPlace {
		w.notPlace[p] = true
	}
	if len(w.units) == 0 || len(w.minorities) == 0 || len(w.own) == 0 || w.notName == "" || w.notFirst == "" {
		panic("knowledge: data/areas.txt: a section is missing")
	}
	return w
})

// dropMinorities removes the peoples from the end of an autonomous area's
// name, keeping at least two characters: 宁夏回族 → 宁夏.
func dropMinorities(s string) string {
	for changed := true; changed; {
		changed = false
		for _, m := range areas().minorities {
			for _, suf := range []string{m + "族", m} {
				if strings.HasSuffix(s, suf) && runeLen(s)-runeLen(suf) >= 2 {
					s = strings.TrimSuffix(s, suf)
					changed = true
					break
				}
			}
			if changed {
				break
			}
		}
	}
	return s
}

// level is one administrative area in a government's name: 宁波市 (bare
// 宁波, unit 市).
type level struct {
	full, bare, unit string
}

// adminLevels cuts a government's name into its areas, outermost first:
// 宁波市镇海区 → 宁波市, 镇海区; 宁夏回族自治区 → 宁夏回族自治区 (bare 宁夏).
func adminLevels(name string) []level {
	var out []level
	rest := name
	for rest != "" {
		cut, unit := -1, ""
		// The first unit that leaves a name of at least two characters.
		rs := []rune(rest)
		for i := 2; i <= len(rs) && cut < 0; i++ {
			head := string(rs[:i])
			for _, u := range areas().units {
				// A one-character unit needs a name of two before it (广州市 is
				// not 广 + 州); a longer one, of one (藏 in 西藏自治区 stays).
				n := runeLen(head) - runeLen(u)
				if strings.HasSuffix(head, u) && (n >= 2 || n >= 1 && runeLen(u) >= 2) {
					cut, unit = len(head), u
					break
				}
			}
		}
		if cut < 0 {
			break
		}
		full := rest[:cut]
		bare := strings.TrimSuffix(full, unit)
		if strings.HasPrefix(unit, "自治") {
			bare = dropMinorities(bare)
		}
		out = append(out, level{full: full, bare: bare, unit: unit})
		rest = rest[cut:]
	}
	if len(out) == 0 && runeLen(name) >= 2 {
		out = append(out, level{full: name, bare: name})
	}
	return out
}

var (
	reGovSuffix = regexp.MustCompile(`(?:人民政府|政府工作报告|政府)$`)
	reTitleGov  = regexp.MustCompile(`^(?:\d+年)?([\p{Han}]{2,16}?)(?:人民政府|政府工作报告|市政府|省政府)`)
)

// areaName is the name of the report's own area: its government's without
// 人民政府, else the one its title names; "" for the State Council's.
func areaName(r *Report) string {
	if strings.HasPrefix(plainName(r.Government), "国务院") {
		return "" // the State Council and its offices have no area of their own
	}
	if g := plainName(r.Government); g != "" {
		return reGovSuffix.ReplaceAllString(g, "")
	}
	if m := reTitleGov.FindStringSubmatch(plainName(r.Title)); m != nil {
		return m[1]
	}
	return ""
}

// plainName is s as names are compared: NFKC, without white space,
// brackets and quotes, lower case.
func plainName(s string) string {
	s = norm.NFKC.String(s)
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || strings.ContainsRune("()（）【】[]“”‘’\"「」『』《》", r) {
			return -1
		}
		return unicode.ToLower(r)
	}, s)
}

// places returns the names of the report's own area (Report.Places) and
// of the areas containing it (Report.Within).
func places(r *Report) (own, within []string) {
	seen := map[string]bool{}
	add := func(dst *[]string, s string) {
		if runeLen(s) >= 2 && !seen[s] {
			seen[s] = true
			*dst = append(*dst, s)
		}
	}
	levels := adminLevels(areaName(r))
	n := len(levels)
	if n == 0 {
		return nil, nil
	}
	// The report's own area, alone or after the areas containing it
	// (宁波镇海区). A containing area named alone is another area (宁波市
	// 今年GDP目标 in a district's report asks about the city), so it is
	// not among the own area's names.
	last := levels[n-1]
	for _, name := range []string{last.full, last.bare} {
		add(&own, name)
		for _, p := range levels[:n-1] {
			add(&own, p.full+name)
			add(&own, p.bare+name)
		}
	}
	// The report's own unit: 自治区, 全省, 本市, 我区, 区里, 区政府.
	unit, short := last.unit, last.unit
	if rs := []rune(unit); len(rs) > 1 {
		short = string(rs[len(rs)-1:]) // 自治区 → 区
		add(&own, unit)
		add(&own, unit+"政府")
	}
	if short != "" {
		for _, f := range areas().own {
			add(&own, strings.ReplaceAll(f, "~", short))
		}
	}
	sort.SliceStable(own, func(i, j int) bool { return runeLen(own[i]) > runeLen(own[j]) })
	for _, p := range levels[:n-1] {
		add(&within, p.full)
		add(&within, p.bare)
	}
	return own, within
}

// namedInBody returns the area a report's body names most often with the
// given unit (临江市 for 市), when no title or header names it. A
// candidate is two or three characters before the unit, seen with it at
// least three times; a place's name is also used alone (海拉尔 beside
// 海拉尔区), from twice to twenty times as often, which tells it from a
// word that merely ends in the unit (棚户区, 示范区) or a verb before it
// (落实省委). The candidate seen most often with its unit wins; "" when
// there is none.
func namedInBody(r *Report, unit string) string {
	w := areas()
	var all strings.Builder
	for _, p := range r.Paragraphs {
		all.WriteString(squeeze(p.Text))
		all.WriteByte('\n')
	}
	text := all.String()
	withUnit := map[string]int{}
	rs := []rune(text)
	for i, c := range rs {
		if string(c) != unit || i < 2 || strings.ContainsRune(w.notName, rs[i-1]) {
			continue
		}
		for n := 2; n <= 3 && i-n >= 0; n++ {
			name := rs[i-n : i]
			if !unicode.Is(unicode.Han, name[0]) || !unicode.Is(unicode.Han, name[1]) || strings.ContainsRune(w.notFirst, name[0]) {
				continue
			}
			withUnit[string(name)]++
		}
	}
	score := map[string]int{}
	best := ""
	for name, n := range withUnit {
		// A place is named alone too, but not in every sentence (建设, 落实).
		if bare := strings.Count(text, name); n < 3 || bare < 2*n || bare > 20*n || w.notPlace[name] {
			continue
		}
		score[name] = n
		b := score[best]
		if best == "" || n > b || n == b && (runeLen(name) > runeLen(best) || runeLen(name) == runeLen(best) && name < best) {
			best = name
		}
	}
	if best == "" || !nested(best, score) {
		return ""
	}
	return best + unit
}

// nested reports whether the names scoring as high as best all contain it
// or are contained in it: 海拉尔 always holds 拉尔, and the longer wins the
// tie; a tie between unrelated names says nothing.
func nested(best string, score map[string]int) bool {
	for name, n := range score {
		if n == score[best] && name != best && !strings.Contains(name, best) && !strings.Contains(best, name) {
			return false
		}
	}
	return true
}
