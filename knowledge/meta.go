package knowledge

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

var (
	reDelivered  = regexp.MustCompile(`(\d{4})年(\d{1,2})月(\d{1,2})日在`)
	reDateParen  = regexp.MustCompile(`[（(]\s*(\d{4})年(\d{1,2})月(\d{1,2})日\s*[）)]`)
	reLeadParen  = regexp.MustCompile(`^[（(][^）)]{1,12}[）)]`)
	reTailParen  = regexp.MustCompile(`[（(][^）)]*[）)]$`)
	reLeadYear   = regexp.MustCompile(`^\d{4}年(度)?`)
	rePlanYear   = regexp.MustCompile(`(\d{4})年(工作安排|重点工作|主要任务|工作任务|工作总体要求|政府工作|经济社会发展)`)
	reReviewYear = regexp.MustCompile(`(\d{4})年(工作回顾|和)`)
	reAnyYear    = regexp.MustCompile(`(\d{4})年`)
	reCongress   = regexp.MustCompile(`在(\p{Han}{2,12}?(?:省|市|区|县|自治区|州|盟|旗))第?\p{Han}{1,4}届(?:人民代表大会|人大)`)
	// reCongressLabel is a page's labelled meeting (会议：高阳县第十八届
	// 人民代表大会第五次会议).
	reCongressLabel = regexp.MustCompile(`^(\p{Han}{2,12}?(?:省|市|区|县|自治区|州|盟|旗))第?\p{Han}{1,4}届(?:人民代表大会|人大)`)
	reLeader        = regexp.MustCompile(`(\p{Han}{2,12}?(?:省|市|区|县|自治区|州|盟|旗))(?:人民政府)?(?:代理)?(?:省长|市长|区长|县长|主席|州长)`)
	reOnBehalf      = regexp.MustCompile(`我代表(\p{Han}{0,16}?人民政府|国务院)`)
	// reHanDate is a date in Chinese numerals, as delivery lines often
	// write it: 二〇二一年一月十四日, 二〇一九年一月九日.
	reHanDate = regexp.MustCompile(`([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日`)
)

// foldDate writes the digits of s as ASCII for dating: full-width digits
// (２０２１) and dates in Chinese numerals (二〇二一年一月十四日 →
// 2021年1月14日). The numerals are read by hanValue, the one reader of
// Chinese numerals; anything it cannot read is left as it is.
func foldDate(s string) string {
	s = foldDigits(s)
	if !reHanDate.MatchString(s) {
		return s
	}
	return reHanDate.ReplaceAllStringFunc(s, func(m string) string {
		g := reHanDate.FindStringSubmatch(m)
		var v [3]int
		for i, part := range g[1:] {
			f, ok := hanValue([]rune(part))
			if !ok {
				return m
			}
			v[i] = int(f)
		}
		return fmt.Sprintf("%d年%d月%d日", v[0], v[1], v[2])
	})
}

// fillMeta sets the report's title, government, date and year from the
// lines before the body, the titles the markup declared, and the body.
func fillMeta(r *Report, c cleaned) {
	if fillPolicy(r, c) {
		return
	}
	r.Kind = KindWorkReport
	// Full-width digits (２００４年) and dates in Chinese numerals
	// (二〇二一年一月十四日) read as ASCII digits for dating.
	for i := range c.front {
		c.front[i] = foldDate(c.front[i])
	}
	for i := range c.titles {
		c.titles[i] = foldDate(c.titles[i])
	}
	head := append(append([]string{}, c.front...), c.titles...)
	var bodyHead, opening strings.Builder
	for i, p := range r.Paragraphs[:min(len(r.Paragraphs), 6)] {
		if i < 3 {
			bodyHead.WriteString(p.Text)
		}
		// 「我代表国务院」 may follow the delivery line and two speaker lines.
		opening.WriteString(p.Text)
	}
	front := strings.Join(c.front, "")

	labels := pageLabels(c.front)
	title := ""
	if t := cleanTitle(labels["标题"]); strings.Contains(t, "工作报告") && runeLen(t) <= 60 {
		// A page's labelled title (标题：2026年保定市政府工作报告) is the
		// report's own, whatever its headline says (闫继红在…的政府工作报告).
		title = t
	}
	for _, l := range head {
		if title != "" {
			break
		}
		if strings.Contains(l, "工作报告") && runeLen(l) <= 60 && !hasSentencePunct(l) && !chrome(l) {
			title = l
			break
		}
	}
	r.Date = deliveryDate(front + " " + title)
	if r.Date == "" {
		// A page that states no delivery line may date the report on a
		// line of its own (时间：2004年2月10日).
		for _, k := range []string{"时间", "日期", "会议时间"} {
			if d := dateLabel(labels[k]); d != "" {
				r.Date = d
				break
			}
		}
	}
	title = cleanTitle(title)

	place := placeOf(title)
	switch {
	case place == "国务院":
		r.Government = "国务院"
	case place != "":
		r.Government = place + "人民政府"
	default:
		if m := reOnBehalf.FindStringSubmatch(opening.String()); m != nil {
			r.Government = m[1]
		}
		if r.Government != "国务院" {
			if p := placeIn(front + bodyHead.String()); p != "" {
				r.Government = p + "人民政府"
			} else if m := reCongressLabel.FindStringSubmatch(squeeze(labels["会议"])); m != nil {
				r.Government = m[1] + "人民政府"
			} else if g := squeeze(labels["发文单位"] + labels["发文机关"]); strings.HasSuffix(g, "人民政府") && runeLen(g) <= 20 {
				// The page's labelled issuer (发文单位：保定市人民政府).
				r.Government = g
			}
		}
	}
	if g := r.Government; strings.HasSuffix(g, "人民政府") && runeLen(g) <= 5 {
		// "我代表市人民政府" names no place: the body does, often.
		unit := strings.TrimSuffix(g, "人民政府")
		if p := namedInBody(r, unit); p != "" {
			r.Government = p + "人民政府"
		}
	}
	r.Title = title
	r.Year = reportYear(r)
	for _, k := range []string{"发文时间", "发布时间", "发布日期"} {
		// Last: the year the page published it (not a delivery date).
		if d := dateLabel(labels[k]); r.Year == 0 && d != "" {
			r.Year, _ = strconv.Atoi(d[:4])
		}
	}
	if title == "" || placeOf(title) == "" && r.Government != "" {
		r.Title = composeTitle(r)
	}
}

// deliveryDate finds the date the report was delivered ("2026年1月25日在…
// 会议上", or "(2023年2月3日)" after the title) as YYYY-MM-DD. A page's
// publication time is not it.
func deliveryDate(s string) string {
	s = foldDate(squeeze(s))
	m := reDelivered.FindStringSubmatch(s)
	if m == nil {
		m = reDateParen.FindStringSubmatch(s)
	}
	return ymd(m)
}

// ymd writes the year, month and day a date pattern matched (groups 1 to
// 3) as YYYY-MM-DD, or "" for no match or an impossible month or day.
func ymd(m []string) string {
	if len(m) < 4 {
		return ""
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	if mo < 1 || mo > 12 || d < 1 || d > 31 {
		return ""
	}
	return date(y, mo, d)
}

// cleanTitle strips a title line of what is not the title: a site name
// after _ or |, a subtitle after ——, a date in brackets after it and a
// province in brackets before it.
func cleanTitle(t string) string {
	for _, sep := range []string{"_", "|", "｜", " - ", "——"} {
		if i := strings.Index(t, sep); i > 0 {
			t = t[:i]
		}
	}
	t = strings.TrimSpace(t)
	t = reTailParen.ReplaceAllString(t, "")
	t = reLeadParen.ReplaceAllString(t, "")
	return strings.TrimSpace(t)
}

// placeOf returns the place a title names: "宁波市镇海区" for
// "宁波市镇海区人民政府工作报告", "北京市" for "2026年北京市政府工作报告".
func placeOf(title string) string {
	t := reLeadYear.ReplaceAllString(title, "")
	i := strings.Index(t, "政府工作报告")
	if i <= 0 {
		return ""
	}
	p := strings.TrimSuffix(t[:i], "人民")
	p = strings.TrimSuffix(p, "的")
	if strings.Contains(p, "会议") || strings.Contains(p, "人大") {
		// 闫继红在保定市十六届人大七次会议上的政府工作报告: the congress
		// names the place.
		return placeIn(p)
	}
	// 高阳县2025年政府工作报告: the year after the place.
	p = strings.TrimRight(strings.TrimSuffix(p, "年"), "0123456789")
	if runeLen(p) < 2 || !hasHan(p) {
		return ""
	}
	return p
}

// placeIn finds the place in the lines around a title: the congress the
// report was given at, or the title of the head of government.
func placeIn(s string) string {
	s = squeeze(s)
	if m := reCongress.FindStringSubmatch(s); m != nil {
		return m[1]
	}
	if m := reLeader.FindStringSubmatch(s); m != nil {
		return m[1]
	}
	return ""
}

// reportYear is the year "今年" means: the year of the plan part's heading
// (2023年工作安排), else the year after the review's (2025年工作回顾), else
// the delivery date's, else the title's.
func reportYear(r *Report) int {
	var walk func(ss []*Section) int
	walk = func(ss []*Section) int {
		for _, s := range ss {
			// 2018年政府工作回顾 reviews a year: it names no plan.
			if m := rePlanYear.FindStringSubmatch(foldDigits(s.Title)); m != nil && !strings.Contains(s.Title, "回顾") {
				y, _ := strconv.Atoi(m[1])
				return y
			}
			if y := walk(s.Children); y != 0 {
				return y
			}
		}
		return 0
	}
	if y := walk(r.Sections); y != 0 {
		return y
	}
	for _, s := range r.Sections {
		t := foldDigits(s.Title)
		m := reReviewYear.FindStringSubmatch(t)
		if m == nil && strings.Contains(t, "回顾") {
			m = reAnyYear.FindStringSubmatch(t) // 2018年政府工作回顾
		}
		if m != nil {
			y, _ := strconv.Atoi(m[1])
			return y + 1
		}
	}
	if len(r.Date) >= 4 {
		y, _ := strconv.Atoi(r.Date[:4])
		return y
	}
	if m := reAnyYear.FindStringSubmatch(r.Title); m != nil {
		y, _ := strconv.Atoi(m[1])
		return y
	}
	return 0
}

// composeTitle names a report whose title line does not: "2026年广东省政府
// 工作报告", "2024年政府工作报告" for the State Council's.
func composeTitle(r *Report) string {
	var b strings.Builder
	if r.Year > 0 {
		fmt.Fprintf(&b, "%d年", r.Year)
	}
	if r.Government != "" && r.Government != "国务院" {
		b.WriteString(strings.TrimSuffix(r.Government, "人民政府"))
	}
	b.WriteString("政府工作报告")
	return b.String()
}
