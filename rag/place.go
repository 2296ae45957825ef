package rag

import (
	"regexp"
	"sort"
	"strings"

	"github.com/reportbot/reportbot/knowledge"
)

// A report's own place is implied in every question about it (宁夏今年GDP
//目标 asks the report's GDP target), so its names are frame words, not
// content. People name a place without its administrative unit and
// without the minority in an autonomous region's name: 宁夏 for 宁夏回族
// 自治区, 延边 for 延边朝鲜族自治州, 镇海 for 宁波市镇海区.

// adminUnits end the name of an administrative area, longest first so
// that 自治区 wins over 区.
var adminUnits = []string{"特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "新区", "省", "市", "区", "县", "州", "盟", "旗"}

// minorities are the peoples named in autonomous areas' names, with or
// without 族 (新疆维吾尔自治区, 延边朝鲜族自治州, 恩施土家族苗族自治州).
var minorities = []string{"维吾尔", "哈萨克", "柯尔克孜", "塔吉克", "达斡尔", "鄂温克", "鄂伦春", "蒙古", "朝鲜",
	"土家", "哈尼", "布依", "仡佬", "纳西", "景颇", "傈僳", "锡伯", "撒拉", "保安", "东乡", "毛南", "仫佬", "裕固",
	"回", "壮", "藏", "苗", "侗", "彝", "傣", "白", "羌", "黎", "瑶", "满", "畲", "水", "土", "怒", "佤", "拉祜"}

// dropMinorities removes the peoples from the end of an autonomous area's
// name, keeping at least two characters: 宁夏回族 → 宁夏.
func dropMinorities(s string) string {
	for changed := true; changed; {
		changed = false
		for _, m := range minorities {
			for _, suf := range []string{m + "族", m} {
				if strings.HasSuffix(s, suf) && len([]rune(s))-len([]rune(suf)) >= 2 {
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

// level is one administrative area in a government's name.
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
			for _, u := range adminUnits {
				// A one-character unit needs a name of two before it (广州市 is
				// not 广 + 州); a longer one, of one (藏 in 西藏自治区 stays).
				n := len([]rune(head)) - len([]rune(u))
				if strings.HasSuffix(head, u) && (n >= 2 || n >= 1 && len([]rune(u)) >= 2) {
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
	if len(out) == 0 && len([]rune(name)) >= 2 {
		out = append(out, level{full: name, bare: name})
	}
	return out
}

var (
	govSuffixRE = regexp.MustCompile(`(?:人民政府|政府工作报告|政府)$`)
	titleGovRE  = regexp.MustCompile(`^(?:\d+年)?([\p{Han}]{2,16}?)(?:人民政府|政府工作报告|市政府|省政府)`)
)

// regionNames lists the folded names a report's questions may use for the
// report's own area, longest first: its name with and without its unit,
// alone and after the areas containing it (宁波市镇海区 → 镇海区, 镇海,
// 宁波镇海区, 宁波市镇海…; intent's reportPlaces adds 宁波 alone), and
// how the report speaks of its own area (全区, 本区, 我区, 区里, 自治区).
func regionNames(r *knowledge.Report) []string {
	name := ""
	if g := fold(r.Government); g != "" && g != "国务院" {
		name = govSuffixRE.ReplaceAllString(g, "")
	} else if m := titleGovRE.FindStringSubmatch(fold(r.Title)); m != nil {
		name = m[1]
	}
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		if len([]rune(s)) >= 2 && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	levels := adminLevels(name)
	if n := len(levels); n > 0 {
		// The report's own area, alone or after the areas containing it
		// (宁波镇海区). A containing area named alone asks about that area
		// (宁波市今年GDP目标 in a district's report), so it stays content.
		own := levels[n-1]
		for _, name := range []string{own.full, own.bare} {
			add(name)
			for _, p := range levels[:n-1] {
				add(p.full + name)
				add(p.bare + name)
			}
		}
	}
	if len(levels) > 0 {
		// The report's own unit: 全省, 本市, 我区, 区里, 区政府.
		own := levels[len(levels)-1].unit
		short := own
		if rs := []rune(own); len(rs) > 1 {
			short = string(rs[len(rs)-1:]) // 自治区 → 区
			add(own)                       // 自治区
			add(own + "政府")
		}
		if short != "" {
			for _, f := range []string{"全", "本", "我"} {
				add(f + short)
			}
			add(short + "里")
			add(short + "政府")
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return len([]rune(out[i])) > len([]rune(out[j])) })
	return out
}
