package rag

import (
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/reportbot/reportbot/knowledge"
)

// Routing sends a question to the reports of the library whose place and
// year it names: 「广东和北京今年GDP目标分别是多少」 goes to both, 「2019年的
// 报告」 to the one of 2019, 「各省」 to every provincial report, a question
// naming none to the default report. A place with reports of several years
// and no year named is ambiguous: the answer asks which is meant.

// nationalNames are what a question calls the State Council's reports.
var nationalNames = []string{"国务院", "全国", "中央政府", "国家层面"}

// routeNames are the names a question may call r's area by: its own
// place names without the ones every report uses of itself (全省, 本市,
// 市政府), longest first.
func routeNames(r *knowledge.Report) []string {
	if levelOf(r) == "国务院" {
		return nationalNames
	}
	var out []string
	for _, p := range r.Places {
		if len([]rune(p)) < 2 || strings.HasSuffix(p, "政府") || strings.HasSuffix(p, "里") ||
			strings.ContainsAny(string([]rune(p)[0]), "全本我该") {
			continue
		}
		out = append(out, fold(p))
	}
	if p, ok := knowledge.ProvinceOf(r.Government); ok {
		out = append(out, fold(p.English), p.Abbrev)
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

// municipalities are the cities at the level of a province.
var municipalities = []string{"北京市", "上海市", "天津市", "重庆市"}

// levelOf is a report's government level: 国务院, 省, 市 or 区县.
func levelOf(r *knowledge.Report) string {
	g := strings.TrimSuffix(r.Government, "人民政府")
	switch {
	case strings.Contains(g, "国务院") || g == "" && strings.Contains(r.Title, "国务院"):
		return "国务院"
	case g == "":
		return ""
	case strings.HasSuffix(g, "省") || strings.HasSuffix(g, "自治区") && !strings.HasSuffix(g, "县"):
		return "省"
	}
	for _, m := range municipalities {
		if g == m {
			return "省"
		}
	}
	switch {
	case strings.HasSuffix(g, "区") || strings.HasSuffix(g, "县") || strings.HasSuffix(g, "旗"):
		return "区县"
	case strings.HasSuffix(g, "市") || strings.HasSuffix(g, "州") || strings.HasSuffix(g, "盟"):
		return "市"
	}
	return ""
}

// Route is where a question goes.
type Route struct {
	// Reports are the reports to answer from, in the order the question
	// names them; empty means the default report.
	Reports []ReportInfo
	// Ambiguous lists the reports a named place could mean when the
	// question says not which (two years of one place, and no year).
	Ambiguous []ReportInfo
	// names are the words the question names each routed report by, to
	// take out of the question asked of the others.
	names []string
	// Missing names places or years the question asks for that no
	// report of the library is of (上海, 2020年).
	Missing []string
	// q is the question read (normalised: simplified, narrow, folded);
	// raw is the question as asked.
	q, raw string
}

var routeYearRE = regexp.MustCompile(`((?:19|20)\d\d)\s*年?`)

// Route reads which of the library's reports a question names.
func (l *Library) Route(question string) Route {
	l.mu.Lock()
	known := make([]ReportInfo, 0, len(l.known))
	for _, ri := range l.known {
		known = append(known, ri)
	}
	lx := lexiconOf(l.stores)
	l.mu.Unlock()
	rt := Route{raw: question}
	if len(known) < 2 {
		return rt
	}
	sort.Slice(known, func(i, j int) bool { return known[i].ID < known[j].ID })
	q := fold(lx.Normalize(question))
	rt.q = q

	var years []int
	for _, m := range routeYearRE.FindAllStringSubmatch(q, -1) {
		y, _ := strconv.Atoi(m[1])
		years = append(years, y)
	}
	inYears := func(ri ReportInfo) bool {
		return len(years) == 0 || slices.Contains(years, ri.Year)
	}
	relative := relativeRE.MatchString(q)

	// The places the question names, each where it first appears.
	type place struct {
		at, end int
		key     string // the government, or 国务院
		name    string
		level   string
		reports []ReportInfo
	}
	byKey := map[string]*place{}
	for _, ri := range known {
		key := ri.Government
		if ri.Level == "国务院" {
			key = "国务院"
		}
		for _, n := range ri.names {
			i, w := findName(q, n)
			if i < 0 {
				continue
			}
			p := byKey[key]
			if p == nil {
				p = &place{at: i, end: i + w, key: key, name: n, level: ri.Level}
				byKey[key] = p
			} else if i < p.at {
				p.at, p.end, p.name = i, i+w, n
			}
			p.reports = append(p.reports, ri)
			break
		}
	}
	var places []*place
	local := false
	for _, p := range byKey {
		places = append(places, p)
		local = local || p.level != "国务院"
	}
	// 全国 beside a place compares with the country (北京GDP增速比全国高多少):
	// only 国务院 by name asks the State Council then. A province just
	// before a place inside it locates that place (浙江宁波镇海区).
	places = slices.DeleteFunc(places, func(p *place) bool {
		if p.level == "国务院" && local && !strings.Contains(q, "国务院") {
			return true
		}
		if p.level != "省" {
			return false
		}
		for _, o := range places {
			if (o.level == "市" || o.level == "区县") && o.at >= p.end && o.at-p.end <= 9 {
				return true
			}
		}
		return false
	})
	sort.Slice(places, func(i, j int) bool { return places[i].at < places[j].at })

	add := func(ri ReportInfo, name string) {
		if slices.ContainsFunc(rt.Reports, func(x ReportInfo) bool { return x.ID == ri.ID }) {
			return
		}
		rt.Reports = append(rt.Reports, ri)
		rt.names = append(rt.names, name)
	}
	latestOf := func(rs []ReportInfo) ReportInfo {
		best := rs[0]
		for _, ri := range rs[1:] {
			if ri.Year > best.Year {
				best = ri
			}
		}
		return best
	}
	if len(places) > 0 {
		var ambiguous []ReportInfo
		for _, p := range places {
			var cands []ReportInfo
			for _, ri := range p.reports {
				if inYears(ri) {
					cands = append(cands, ri)
				}
			}
			switch {
			case len(cands) == 0 && len(p.reports) == 1:
				// The year named is another place's (Beijing and Hebei in
				// 2024): this place's one report.
				add(p.reports[0], p.name)
			case len(cands) == 0:
			case len(cands) == 1 || len(years) > 0:
				// One report, or one per year named (2019年和2018年).
				for _, ri := range byYear(cands) {
					add(ri, p.name)
				}
			case relative:
				// 今年/去年 with a place: its latest report (河北今年).
				add(latestOf(cands), p.name)
			default:
				ambiguous = append(ambiguous, cands...)
			}
			if len(years) > 0 && relative && len(cands) < len(p.reports) {
				// 河北2024年和今年: the year named, and the latest for 今年.
				add(latestOf(p.reports), p.name)
			}
		}
		if len(rt.Reports) == 0 && len(ambiguous) > 0 {
			rt.Ambiguous = byYear(ambiguous)
		}
		return rt
	}
	if level, ok := everyReport(q); ok {
		latest := map[string]ReportInfo{}
		for _, ri := range known {
			switch {
			case level == "all" && inYears(ri):
				add(ri, "")
			case level == "all":
			case (level == "local" && ri.Level != "国务院" || ri.Level == level) && inYears(ri):
				if cur, ok := latest[ri.Government]; !ok || ri.Year > cur.Year {
					latest[ri.Government] = ri
				}
			}
		}
		for _, ri := range byYear(known) {
			if latest[ri.Government].ID == ri.ID {
				add(ri, "")
			}
		}
		return rt
	}
	if len(years) > 0 {
		// A year alone: every report of that year.
		for _, ri := range byYear(known) {
			if inYears(ri) {
				add(ri, "")
			}
		}
		if len(rt.Reports) == 0 {
			for _, y := range years {
				rt.Missing = append(rt.Missing, strconv.Itoa(y)+"年")
			}
		}
		return rt
	}
	// A province the library has no report of (上海今年GDP目标).
	for _, p := range knowledge.Provinces() {
		if strings.Contains(q, p.Name) || len(p.English) > 4 && strings.Contains(q, fold(p.English)) {
			if !slices.ContainsFunc(known, func(ri ReportInfo) bool {
				pr, ok := knowledge.ProvinceOf(ri.Government)
				return ok && pr.Name == p.Name
			}) {
				rt.Missing = append(rt.Missing, p.Name)
			}
		}
	}
	return rt
}

// severalRE counts the places asked about: 两地, 三省, 几个城市.
var severalRE = regexp.MustCompile(`[两三四五六七八九十几]个?(?:地|省|市|地方|城市|省份)`)

// relativeRE names a year relative to each report's own: 今年, 去年.
var relativeRE = regexp.MustCompile(`今年|去年|明年|本年度|上一年|上年`)

// everyRE asks every report of a kind: 各省, 所有报告, 这几个地方.
var everyRE = []struct {
	re    *regexp.Regexp
	level string
}{
	{regexp.MustCompile(`所有报告|全部报告|每份报告|每一份报告|所有的报告`), "all"},
	{regexp.MustCompile(`各省|各个省|所有省份|各省份|每个省`), "省"},
	{regexp.MustCompile(`各区县|各县区|各个区县|各县|每个区县`), "区县"},
	{regexp.MustCompile(`各市|各个市|各城市|每个市`), "市"},
	{regexp.MustCompile(`这几个地方|这些地方|各地|各个地方|这几个地区|这几份报告|这些报告`), "local"},
}

func everyReport(q string) (string, bool) {
	for _, e := range everyRE {
		if e.re.MatchString(q) {
			return e.level, true
		}
	}
	return "", false
}

// findName finds a route name in the folded question: a name of two or
// more characters anywhere, an English one as a word, and a one-character
// abbreviation (粤, 冀) only standing alone: not inside another word
// (南京, 京津冀), but before 今年, 的, 、, 两地.
func findName(q, n string) (int, int) {
	if utf8.RuneCountInString(n) > 1 {
		return strings.Index(q, n), len(n)
	}
	for i := 0; i < len(q); {
		j := strings.Index(q[i:], n)
		if j < 0 {
			return -1, 0
		}
		at := i + j
		prev, _ := utf8.DecodeLastRuneInString(q[:at])
		next, _ := utf8.DecodeRuneInString(q[at+len(n):])
		if (at == 0 || !isHan(prev) || strings.ContainsRune("、和与跟及", prev)) &&
			(at+len(n) == len(q) || !isHan(next) || strings.ContainsRune("今的、和与跟及两三四地去明省", next)) {
			return at, len(n)
		}
		i = at + len(n)
	}
	return -1, 0
}

func byYear(rs []ReportInfo) []ReportInfo {
	out := append([]ReportInfo(nil), rs...)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Government != out[j].Government {
			return out[i].Government < out[j].Government
		}
		return out[i].Year < out[j].Year
	})
	return out
}

// ShortName is how an answer names a report: 广东省 2026.
func (ri ReportInfo) ShortName() string {
	g := strings.TrimSuffix(ri.Government, "人民政府")
	if g == "" {
		g = ri.Title
	}
	if ri.Year > 0 {
		return g + " " + strconv.Itoa(ri.Year)
	}
	return g
}

// without takes the other routed reports' names out of a question, with
// the word joining them (「广东和北京…」 asked of 广东 is 「广东…」).
func (rt Route) without(keep int) string {
	q, changed := rt.q, false
	// The words that chose the reports are no words of any one's question:
	// 各省, 这几个地方, 两地, and a report's one-character abbreviation,
	// which its text never uses that way.
	for _, e := range everyRE {
		if loc := e.re.FindStringIndex(q); loc != nil {
			q, changed = q[:loc[0]]+q[loc[1]:], true
		}
	}
	if loc := severalRE.FindStringIndex(q); loc != nil {
		q, changed = q[:loc[0]]+q[loc[1]:], true
	}
	if keep < len(rt.names) {
		if n := rt.names[keep]; utf8.RuneCountInString(n) == 1 {
			q, changed = strings.Replace(q, n, "", 1), true
		}
	}
	for i, n := range rt.names {
		if i == keep || n == "" {
			continue
		}
		for _, form := range []string{"和" + n, "与" + n, "、" + n, "跟" + n, "及" + n, n + "和", n + "与", n + "、", n + "跟", n} {
			if strings.Contains(q, form) {
				q, changed = strings.Replace(q, form, "", 1), true
				break
			}
		}
	}
	if !changed {
		return rt.raw // nothing to take out: the question as asked
	}
	return q
}

// forReport is the question as asked of one routed report: the names
// that route to the State Council (国务院) are no words of its text.
func (rt Route) forReport(i int) string {
	q := rt.without(i)
	if rt.Reports[i].Level == "国务院" {
		if q == rt.raw {
			q = rt.q // the names are matched in the question as read
		}
		for _, n := range []string{"国务院的", "国务院", "中央政府的", "中央政府", "国家层面"} {
			if strings.Contains(q, n) {
				q = strings.Replace(q, n, "", 1)
				break
			}
		}
	}
	return q
}
