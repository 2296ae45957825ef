package rag

import (
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
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
	} else if c, ok := knowledge.CityOf(r.Government); ok && levelOf(r) == "市" && len(c.English) >= 5 {
		out = append(out, fold(c.English)) // a city's own report: Baoding
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
	// A region (粤港澳, 京津冀) or a run of abbreviations (苏粤京, 京冀两地)
	// names the provinces in it.
	// Beside a place named, a region is a partner (江苏与粤港澳大湾区的合作).
	for _, m := range regionMentions(q) {
		if len(byKey) > 0 && !m.run {
			break
		}
		for _, ri := range known {
			pr, ok := knowledge.ProvinceOf(ri.Government)
			if !ok || !slices.Contains(m.members, pr.Name) {
				continue
			}
			p := byKey[ri.Government]
			if p == nil {
				// Members in the order the run names them (京冀: 北京, 河北).
				at := m.at + slices.Index(m.members, pr.Name)
				p = &place{at: at, end: m.end, key: ri.Government, name: m.name, level: ri.Level}
				byKey[ri.Government] = p
			}
			if !slices.ContainsFunc(p.reports, func(x ReportInfo) bool { return x.ID == ri.ID }) {
				p.reports = append(p.reports, ri)
			}
		}
	}
	var places []*place
	local := false
	for _, p := range byKey {
		places = append(places, p)
		local = local || p.level != "国务院"
	}
	// 全国 beside a place compares with the country (北京GDP增速比全国高多少):
	// only 国务院 by name asks the State Council then. Places the library
	// has no report of (上海, 南京, 广州), and places named only to locate
	// another: 江苏扬州 is 扬州, 浙江宁波镇海区 is 镇海, 广东广州 is 广州
	// (which has none).
	absent := absentPlaces(q, known)
	named := slices.Clone(places) // DeleteFunc moves places as it goes
	places = slices.DeleteFunc(places, func(p *place) bool {
		if p.level == "国务院" && local && !strings.Contains(q, "国务院") {
			return true
		}
		for _, o := range named {
			if rank[o.level] < rank[p.level] && adjacent(q, p.end, o.at) && holds(p.key, o.reports[0].Government) {
				return true
			}
		}
		for _, a := range absent {
			if a.province != "" && adjacent(q, p.end, a.at) && holds(p.key, a.key) {
				return true
			}
		}
		return false
	})
	for _, a := range absent {
		locator := false
		for _, o := range places {
			locator = locator || a.province == "" && adjacent(q, a.end, o.at) && holds(a.key, o.reports[0].Government)
		}
		for _, b := range absent {
			locator = locator || a.province == "" && b.province == a.key && adjacent(q, a.end, b.at)
		}
		if !locator {
			rt.Missing = append(rt.Missing, a.name)
		}
	}
	// 「江苏报告里提到的扬州」: a place named after the report it asks
	// about is what that report says, not another report.
	if d := designated(q, places); d >= 0 {
		places = slices.DeleteFunc(places, func(p *place) bool { return p.at >= d })
	}
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
	yearOfOther := func(key string) bool {
		for _, o := range places {
			if o.key != key && slices.ContainsFunc(o.reports, inYears) {
				return true
			}
		}
		return false
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
			case len(cands) == 0 && yearOfOther(p.key):
				// The year named is another place's (北京和河北2024年):
				// this place's latest report.
				add(latestOf(p.reports), p.name)
			case len(cands) == 0:
				// 江苏2025年 with only 江苏's 2026 report.
				rt.Missing = append(rt.Missing, p.name+yearsText(years))
			case len(cands) == 1 || len(years) > 0 || bothYearsRE.MatchString(q):
				// One report, one per year named (2019年和2018年), or every
				// year asked for (陕西两年的报告).
				for _, ri := range byYear(cands) {
					add(ri, p.name)
				}
			case relative:
				// 今年/去年 with a place: its latest report (河北今年).
				add(latestOf(cands), p.name)
			default:
				ambiguous = append(ambiguous, cands...)
			}
			if len(years) > 0 && thisYearRE.MatchString(q) && len(cands) < len(p.reports) {
				// 河北2024年和今年: the year named, and the latest for 今年.
				add(latestOf(p.reports), p.name)
			}
		}
		if len(ambiguous) > 0 {
			// Asked which, even beside places that route: answering the
			// others alone would drop this one silently.
			rt.Ambiguous, rt.Reports, rt.names = byYear(ambiguous), nil, nil
		}
		return rt
	}
	if len(rt.Missing) > 0 {
		// Only places the library has no report of (南京今年GDP目标).
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
	return rt
}

// place is a place a question names that reports of the library are of.
type place struct {
	at, end int
	key     string // the government, or 国务院
	name    string
	level   string
	reports []ReportInfo
}

// rank orders government levels: a place of a higher rank named just
// before one of a lower rank only locates it.
var rank = map[string]int{"区县": 1, "市": 2, "省": 3, "国务院": 4}

// adjacent reports whether a place ending at end is named right before
// one starting at at, with at most a short gap and no word between them
// that lists places (北京跟保定, 陕西、扬州 are two).
func adjacent(q string, end, at int) bool {
	if at < end || at-end > 9 {
		return false
	}
	gap := strings.ToLower(q[end:at])
	for _, w := range []string{"还有", "and", "&", "vs", "with", "or"} {
		if strings.Contains(gap, w) {
			return false
		}
	}
	return !strings.ContainsAny(gap, "、和与跟及或,，;；/ ")
}

// holds reports whether the area of government (or place) outer may hold
// inner: 河北省人民政府 holds 保定市, not 扬州市; a city holds a county
// the gazetteer does not list.
func holds(outer, inner string) bool {
	if p, ok := knowledge.ProvinceOf(outer); ok {
		if c, ok := knowledge.CityOf(inner); ok {
			return c.Province == p.Name
		}
		if q, ok := knowledge.ProvinceOf(inner); ok {
			return q.Name == p.Name
		}
		return true
	}
	if c, ok := knowledge.CityOf(outer); ok {
		if d, ok := knowledge.CityOf(inner); ok {
			return d.Name == c.Name
		}
	}
	return true
}

// absentPlace is a province or prefecture-level city a question names
// that no report of the library is of.
type absentPlace struct {
	at, end  int
	name     string // as the answer names it
	key      string // the gazetteer's name
	province string // the province a city is in; "" for a province
}

// foldedEnglish holds the gazetteer's English names as questions are
// read (folded), index for index.
var foldedEnglish = sync.OnceValue(func() (out struct{ provinces, cities []string }) {
	for _, p := range knowledge.Provinces() {
		out.provinces = append(out.provinces, fold(p.English))
	}
	for _, c := range knowledge.Cities() {
		out.cities = append(out.cities, fold(c.English))
	}
	return out
})

// absentPlaces finds the provinces and cities of the gazetteer a question
// names that no report is of: none of them is its government, nor (for a
// city) holds a report's government (宁波 holds 镇海区).
func absentPlaces(q string, known []ReportInfo) []absentPlace {
	var out []absentPlace
	english := !isChinese(q)
	en := foldedEnglish()
	// find is where a name of the place stands in q: its Chinese names,
	// then (in an English question) its English one.
	find := func(e string, names ...string) (int, int) {
		for _, n := range names {
			if i := strings.Index(q, n); n != "" && i >= 0 {
				return i, len(n)
			}
		}
		if english && len(e) >= 5 {
			return strings.Index(q, e), len(e)
		}
		return -1, 0
	}
	for k, p := range knowledge.Provinces() {
		i, w := find(en.provinces[k], p.Name)
		if i < 0 || slices.ContainsFunc(known, func(ri ReportInfo) bool {
			pr, ok := knowledge.ProvinceOf(ri.Government)
			return ok && pr.Name == p.Name
		}) {
			continue
		}
		name := p.Name
		if english {
			name = p.English // named in the question's language
		}
		out = append(out, absentPlace{at: i, end: i + w, name: name, key: p.Name})
	}
	for k, c := range knowledge.Cities() {
		short := ""
		if c.Alone {
			short = c.Short
		}
		i, w := find(en.cities[k], c.Name, short)
		if i < 0 || slices.ContainsFunc(known, func(ri ReportInfo) bool {
			rc, ok := knowledge.CityOf(ri.Government)
			return ok && rc.Name == c.Name
		}) {
			continue
		}
		name := c.Name
		switch {
		case english:
			name = c.English
		case c.Alone:
			name = c.Short
		}
		out = append(out, absentPlace{at: i, end: i + w, name: name, key: c.Name, province: c.Province})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].at < out[j].at })
	return out
}

// regionMention is a region or a run of abbreviations in a question, and
// the provinces it names.
type regionMention struct {
	at, end int
	name    string
	members []string
	run     bool // a run of abbreviations, not a region's name
}

// regionMentions finds the regions (粤港澳大湾区, 京津冀) and the runs of
// two or more one-character abbreviations (苏粤京, 京冀两地) a question
// names.
func regionMentions(q string) []regionMention {
	var out []regionMention
	for _, r := range knowledge.Regions() {
		if i := strings.Index(q, r.Name); i >= 0 {
			out = append(out, regionMention{at: i, end: i + len(r.Name), name: r.Name, members: r.Members})
		}
	}
	abbrev := map[rune]string{}
	for _, p := range knowledge.Provinces() {
		if a, _ := utf8.DecodeRuneInString(p.Abbrev); a != utf8.RuneError {
			abbrev[a] = p.Name
		}
	}
	for i := 0; i < len(q); {
		r, w := utf8.DecodeRuneInString(q[i:])
		if _, ok := abbrev[r]; !ok {
			i += w
			continue
		}
		j := i
		var members []string
		for j < len(q) {
			r, w := utf8.DecodeRuneInString(q[j:])
			p, ok := abbrev[r]
			if !ok {
				break
			}
			members = append(members, p)
			j += w
		}
		prev, _ := utf8.DecodeLastRuneInString(q[:i])
		next, _ := utf8.DecodeRuneInString(q[j:])
		if len(members) >= 2 && (i == 0 || !isHan(prev) || strings.ContainsRune("、和与跟及", prev)) &&
			(j == len(q) || !isHan(next) || strings.ContainsRune("今的、和与跟及两三四地去明省", next)) {
			out = append(out, regionMention{at: i, end: j, name: q[i:j], members: members, run: true})
		}
		i = j
	}
	return out
}

// designationRE is the words after a place that name its report: 的报告里,
// 2026年政府工作报告中, 人民政府.
var designationRE = regexp.MustCompile(`^(?:省|市|县|区)?(?:(?:人民政府|政府)(?:的?(?:\d{4}年)?的?(?:政府工作报告|工作报告|报告)(?:里|中|上)?)?|的?(?:\d{4}年)?的?(?:政府工作报告|工作报告|报告)(?:里|中|上)?)`)

// designated is where the words naming a place's report end (江苏报告里),
// or -1: places named after it are what the report says.
func designated(q string, places []*place) int {
	for _, p := range places {
		// 广东省人民政府和北京市人民政府…: a government named is no report
		// named; 的报告里 is.
		if loc := designationRE.FindStringIndex(q[p.end:]); loc != nil && strings.Contains(q[p.end:p.end+loc[1]], "报告") {
			return p.end + loc[1]
		}
	}
	return -1
}

// bothYearsRE asks for every year of a place's reports: 两年的报告, 历年.
var bothYearsRE = regexp.MustCompile(`两年|两份报告|两份政府工作报告|历年|各年|每年的报告`)

// compareFrameRE asks to compare what several reports say.
var compareFrameRE = regexp.MustCompile(`(?:相比|相较|比起来)?(?:有什么|有何|有哪些|有啥)(?:不同|变化|区别|差别|差异)|(?:对比|比较)一下|相比较|相比|对比|比较`)

// yearsText writes the years named: 2025年, 2024年、2025年.
func yearsText(years []int) string {
	var out []string
	for _, y := range years {
		out = append(out, strconv.Itoa(y)+"年")
	}
	return strings.Join(out, "、")
}

// severalRE counts the places asked about: 两地, 三省, 几个城市.
var severalRE = regexp.MustCompile(`[两三四五六七八九十几]个?(?:地|省|市|地方|城市|省份)`)

// thisYearRE names the year of a place's latest report, beside a year
// named (河北2024年和今年); 去年 beside a year is relative to it.
var thisYearRE = regexp.MustCompile(`(?i)今年|本年度|本年|this\s*year`)

// relativeRE names a year relative to each report's own: 今年, 去年.
var relativeRE = regexp.MustCompile(`(?i)今年|去年|明年|本年度|上一年|上年|this\s*year|last\s*year`)

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
// the word joining them (「广东和北京…」 asked of 广东 is 「广东…」), and
// the other reports' years (「陕西2025年和2026年…」 asked of 2025).
func (rt Route) without(keep int) string {
	if !isChinese(rt.raw) {
		return rt.withoutEnglish(keep)
	}
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
	if len(rt.Reports) > 1 {
		// Each report answers its part; the comparing is the reader's
		// (有什么不同, 对比一下 are no words of any report's answer).
		for _, re := range []*regexp.Regexp{bothYearsRE, compareFrameRE} {
			if loc := re.FindStringIndex(q); loc != nil {
				q, changed = q[:loc[0]]+q[loc[1]:], true
			}
		}
	}
	if keep < len(rt.names) {
		if n := rt.names[keep]; utf8.RuneCountInString(n) == 1 {
			q, changed = strings.Replace(q, n, "", 1), true
		}
	}
	drop := func(n string) {
		for _, form := range []string{"和" + n, "与" + n, "、" + n, "跟" + n, "及" + n, n + "和", n + "与", n + "、", n + "跟", n} {
			if strings.Contains(q, form) {
				q, changed = strings.Replace(q, form, "", 1), true
				return
			}
		}
	}
	for i, n := range rt.names {
		if i != keep && n != "" && n != rt.names[keep] {
			drop(n)
		}
	}
	for i, ri := range rt.Reports {
		if y := strconv.Itoa(ri.Year) + "年"; i != keep && ri.Year != rt.Reports[keep].Year && strings.Contains(q, y) {
			drop(y)
		}
	}
	if !changed {
		return rt.raw // nothing to take out: the question as asked
	}
	return q
}

// withoutEnglish is without for a question in English, on the question
// as asked (its words keep their spaces): "Compare the GDP targets of
// Jiangsu and Guangdong" asked of either is "Compare the GDP targets of".
func (rt Route) withoutEnglish(keep int) string {
	q := rt.raw
	// Every place name goes, the report's own too: its text names it in
	// Chinese if at all.
	names := append(append([]string{}, rt.names...), rt.Missing...)
	for _, n := range names {
		n = fold(n)
		if n == "" || !isASCIIWord(n) {
			continue
		}
		name := strings.Join(strings.Split(regexp.QuoteMeta(n), ""), `\s*`)
		for _, form := range []string{`\s*(?:,|\band\b|&|\bvs\.?|\bversus\b)\s*` + name + `(?:'s)?\b`, `\b` + name + `(?:'s)?\s*(?:,|\band\b|&|\bvs\.?|\bversus\b)\s*`, `\b` + name + `(?:'s)?\b`} {
			re := regexp.MustCompile(`(?i)` + form)
			if loc := re.FindStringIndex(q); loc != nil {
				q = q[:loc[0]] + " " + q[loc[1]:]
				break
			}
		}
	}
	return strings.Join(strings.Fields(q), " ")
}

// isASCIIWord reports whether s is an English name (letters only).
func isASCIIWord(s string) bool {
	for _, r := range s {
		if r > unicode.MaxASCII || !unicode.IsLetter(r) {
			return false
		}
	}
	return s != ""
}

// yearReportRE is a year naming a report: 2019年报告里说, 2019年的政府工作报告.
var yearReportRE = regexp.MustCompile(`\d{4}年的?(?:政府工作报告|工作报告|报告)(?:里面|里|中|上)?(?:说|提到|讲)?的?`)

// reportWordsRE are the words that name the report a question asks of,
// no words of its text: 的政府工作报告里, 报告中.
var reportWordsRE = regexp.MustCompile(`的?(?:政府工作报告|工作报告)(?:里面|里|中|上)?(?:(?:提出|定|确定|设定|明确|说)的)?|(?:两年的|两份|的|这份|那份)?报告(?:里面|里|中|上)(?:(?:提出|定|说)的)?`)

// forReport is the question as asked of one routed report: the names
// that route to the State Council (国务院) are no words of its text, nor
// are the report's own place (with the places that locate it: 河北省保定市
// 高阳县) and the words naming the report (的政府工作报告里), which its text
// calls 全县 and 本报告 if anything.
func (rt Route) forReport(i int) string {
	q := rt.without(i)
	if !isChinese(rt.raw) {
		return q
	}
	asked := q
	if q == rt.raw {
		q = rt.q // the names are matched in the question as read
	}
	if rt.Reports[i].Level == "国务院" {
		for _, n := range []string{"国务院的", "国务院", "中央政府的", "中央政府", "国家层面"} {
			if strings.Contains(q, n) {
				q = strings.Replace(q, n, "", 1)
				break
			}
		}
	}
	if i < len(rt.names) && utf8.RuneCountInString(rt.names[i]) > 1 {
		q = dropPlace(q, rt.names[i])
	}
	// 2019年报告里说去年…: the report's own year names the report, not the
	// time.
	q = yearReportRE.ReplaceAllStringFunc(q, func(m string) string {
		if m[:4] == strconv.Itoa(rt.Reports[i].Year) {
			return ""
		}
		return m
	})
	q = reportWordsRE.ReplaceAllString(q, "")
	if strings.Trim(q, "的了吗呢？?，,。 ") == "" || q == rt.q && asked == rt.raw {
		return asked
	}
	return q
}

// dropPlace takes a report's place name out of a question with the places
// just before it that locate it (河北省保定市高阳县) and the words after it
// that name its report (省人民政府, 的报告里, 的).
func dropPlace(q, name string) string {
	at := strings.Index(q, name)
	if at < 0 {
		return q
	}
	start, end := at, at+len(name)
	for moved := true; moved; {
		moved = false
		before := q[:start]
		for _, p := range knowledge.Provinces() {
			for _, unit := range []string{"省", "自治区", "市", ""} {
				if strings.HasSuffix(before, p.Name+unit) {
					start -= len(p.Name + unit)
					moved = true
					break
				}
			}
			if moved {
				break
			}
		}
		for _, c := range knowledge.Cities() {
			if moved {
				break
			}
			for _, n := range []string{c.Name, c.Short} {
				if n != "" && strings.HasSuffix(before, n) {
					start -= len(n)
					moved = true
					break
				}
			}
		}
	}
	rest := q[end:]
	if loc := designationRE.FindStringIndex(rest); loc != nil {
		end += loc[1]
	} else if r := strings.TrimLeft(rest, "省市县区"); len(r) < len(rest) {
		end += len(rest) - len(r)
		if loc := designationRE.FindStringIndex(r); loc != nil {
			end += loc[1]
		}
	}
	end += len(q[end:]) - len(strings.TrimPrefix(q[end:], "的"))
	return q[:start] + q[end:]
}
