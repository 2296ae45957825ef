package knowledge

import (
	"regexp"
	"strings"
)

// The report's header: the lines above its opening address that say when
// and where it was delivered and by whom. Cleaning keeps them from the
// lines before the body (headerLines); Annotate reads what they state.

// offices are the titles a speaker line gives its speaker.
var offices = []string{"省长", "市长", "区长", "县长", "州长", "主席", "总理"}

var (
	// reSpeaker is a byline: 北京市市长 殷勇, 四川省人民政府省长 施小琳,
	// 国务院总理　李克强; the office and the name.
	reSpeaker = regexp.MustCompile(`^(\p{Han}{0,16}(?:` + strings.Join(offices, "|") + `))[\s\x{3000}\x{a0}]*(\p{Han}{2,4})$`)
	// reCaption is a sentence saying who delivered the report: 殷勇同志作政府
	// 工作报告, 王正谱代表省人民政府作政府工作报告; who.
	reCaption = regexp.MustCompile(`^(\p{Han}{2,20}?)(?:同志)?(?:代表\p{Han}{2,12}政府)?作\p{Han}{0,6}报告`)
	// reVenue is the delivery line as a whole: ——2026年1月25日在北京市第十六届
	// 人民代表大会第四次会议上; the meeting.
	reVenue = regexp.MustCompile(`^[—―─\-－\s（(]*\d{4}年\d{1,2}月\d{1,2}日在(.{2,60}?(?:会议|大会))上[\s）)]*$`)
)

// maxSpeakerLine is the longest a speaker line is, in characters.
const maxSpeakerLine = 30

// deliveryLine reports whether a line says when the report was delivered
// at which meeting: "——2026年1月25日在…会议上" or "——二〇二一年一月十四日
// 在…会议上", short.
func deliveryLine(l string) bool {
	return reDelivered.MatchString(foldDate(squeeze(l))) && strings.Contains(l, "会议") && runeLen(l) <= 80
}

// speakerLine reports whether a line is a byline naming the speaker.
func speakerLine(l string) bool { return reSpeaker.MatchString(l) }

// Annotate sets what a report's header and names state — Delivery,
// Speakers, Places and Within — from its opening paragraphs, government
// and title. Parse calls it; call it on a report made another way (built
// by hand, or decoded from a copy stored before these fields existed).
// Calling it again changes nothing.
func Annotate(r *Report) {
	r.Delivery, r.Speakers = nil, nil
	for _, p := range r.Opening() {
		if f, ok := deliveryOf(p); ok && r.Delivery == nil {
			r.Delivery = &f
		}
		if f, ok := speakerOf(p); ok {
			r.Speakers = append(r.Speakers, f)
		}
	}
	r.Places, r.Within = places(r)
}

// deliveryOf reads paragraph p as the delivery line.
func deliveryOf(p Paragraph) (Fact, bool) {
	t := foldDate(strings.TrimSpace(p.Text))
	m := reVenue.FindStringSubmatch(t)
	if m == nil && !deliveryLine(t) {
		return Fact{}, false
	}
	f := Fact{Paragraph: p.N, Text: p.Text, Date: deliveryDate(t)}
	if m != nil {
		f.Venue = m[1]
	}
	return f, true
}

// speakerOf reads paragraph p as a line naming the speaker: a byline, or a
// caption saying who delivered the report.
func speakerOf(p Paragraph) (Fact, bool) {
	t := strings.TrimSpace(p.Text)
	if runeLen(t) > maxSpeakerLine {
		return Fact{}, false
	}
	if m := reSpeaker.FindStringSubmatch(t); m != nil {
		return Fact{Paragraph: p.N, Text: p.Text, Office: m[1], Name: m[2]}, true
	}
	m := reCaption.FindStringSubmatch(t)
	if m == nil {
		return Fact{}, false
	}
	office, name, ok := splitSpeaker(m[1])
	if !ok {
		return Fact{}, false
	}
	return Fact{Paragraph: p.N, Text: p.Text, Office: office, Name: name, Caption: true}, true
}

// splitSpeaker cuts who delivered the report into office and name:
// 自治区人民政府主席张雨浦 → 自治区人民政府主席, 张雨浦; 殷勇 → "", 殷勇.
// Two to four characters may be a name or an office alone (市长); anything
// longer must end in a name after an office.
func splitSpeaker(s string) (office, name string, ok bool) {
	i, w := -1, 0
	for _, o := range offices {
		if j := strings.LastIndex(s, o); j > i {
			i, w = j, len(o)
		}
	}
	if i >= 0 {
		office, name = s[:i+w], s[i+w:]
		if n := runeLen(name); n == 0 || n >= 2 && n <= 4 {
			return office, name, true
		}
	}
	if n := runeLen(s); n >= 2 && n <= 4 {
		return "", s, true
	}
	return "", "", false
}
