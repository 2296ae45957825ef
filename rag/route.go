package rag

import (
	"regexp"
	"sort"
	"strconv"
	"strings"

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
	// q is the question read (normalised: simplified, narrow, folded);
	// raw is the question as asked.
	q, raw string
}

var (
	routeYearRE = regexp.MustCompile(`((?:19|20)\d\d)\s*年?`)
	// allRE asks every report (of a level): 各省, 所有报告, 这几个地方.
	allRE = regexp.MustCompile(`各省|各个省|所有省份|各省份|各地|各市|所有报告|全部报告|每份报告|这几个地方|这几份报告|这些地方|各个地方`)
)

// Route reads which of the library's reports a question names.
func (l *Library) Route(question string) Route {
	l.mu.Lock()
	known := make([]ReportInfo, 0, len(l.known))
	for _, ri := range l.known {
		known = append(known, ri)
	}
	lx := lexiconOf(l.stores)
	l.mu.Unlock()
	if len(known) < 2 {
		return Route{}
	}
	sort.Slice(known, func(i, j int) bool { return known[i].ID < known[j].ID })
	q := fold(lx.Normalize(question))

	var years []int
	for _, m := range routeYearRE.FindAllStringSubmatch(q, -1) {
		y, _ := strconv.Atoi(m[1])
		years = append(years, y)
	}
	inYears := func(ri ReportInfo) bool {
		if len(years) == 0 {
			return true
		}
		for _, y := range years {
			if ri.Year == y {
				return true
			}
		}
		return false
	}

	// Places the question names, each by where it first appears; a
	// longer name wins over one inside it (河北省 over 河北).
	type place struct {
		at      int
		key     string // the government, or the name
		name    string
		reports []ReportInfo
	}
	byKey := map[string]*place{}
	for _, ri := range known {
		key := ri.Government
		if ri.Level == "国务院" {
			key = "国务院"
		}
		for _, n := range ri.names {
			i := strings.Index(q, n)
			if i < 0 {
				continue
			}
			p := byKey[key]
			if p == nil {
				p = &place{at: i, key: key, name: n}
				byKey[key] = p
			}
			if i < p.at {
				p.at = i
			}
			if len(n) > len(p.name) {
				p.name = n
			}
			p.reports = append(p.reports, ri)
			break
		}
	}
	var places []*place
	for _, p := range byKey {
		places = append(places, p)
	}
	sort.Slice(places, func(i, j int) bool { return places[i].at < places[j].at })

	rt := Route{q: q, raw: question}
	add := func(ri ReportInfo, name string) {
		for _, x := range rt.Reports {
			if x.ID == ri.ID {
				return
			}
		}
		rt.Reports = append(rt.Reports, ri)
		rt.names = append(rt.names, name)
	}
	switch {
	case len(places) > 0:
		for _, p := range places {
			var cands []ReportInfo
			for _, ri := range p.reports {
				if inYears(ri) {
					cands = append(cands, ri)
				}
			}
			switch {
			case len(cands) == 1:
				add(cands[0], p.name)
			case len(cands) > 1:
				rt.Ambiguous = append(rt.Ambiguous, cands...)
			}
		}
		if len(rt.Ambiguous) > 0 && len(rt.Reports) == 0 {
			return Route{Ambiguous: byYear(rt.Ambiguous), q: q}
		}
		rt.Ambiguous = nil
	case allRE.MatchString(q):
		level := ""
		if strings.Contains(q, "省") {
			level = "省"
		}
		// Each government once: the year named, or its latest report.
		latest := map[string]ReportInfo{}
		for _, ri := range known {
			if (level == "" || ri.Level == level) && inYears(ri) {
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
	case len(years) > 0:
		for _, ri := range known {
			if inYears(ri) {
				add(ri, "")
			}
		}
		if len(rt.Reports) > 1 {
			return Route{Ambiguous: byYear(rt.Reports), q: q}
		}
	}
	return rt
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

// shortName is how an answer names a report: 广东省 2026.
func (ri ReportInfo) shortName() string {
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
		for _, n := range []string{"国务院的", "国务院", "中央政府的", "中央政府", "国家层面"} {
			if strings.Contains(rt.q, n) {
				q = strings.Replace(rt.q, n, "", 1)
				break
			}
		}
	}
	return q
}
