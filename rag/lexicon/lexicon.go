// Package lexicon holds the vocabulary the answerer reads questions with:
// paraphrase groups, colloquial words, question words, fillers and
// politeness, the time-word table (knowledge owns it; the lexicon reads
// it from there), units, place suffixes, the words
// that mark a question with no content of its own (a greeting, a question
// about the report itself), the English↔Chinese glossary of indicators,
// times, frame and question words, which question words ask which kind of
// answer and the words each kind reads its answers with.
// All of it is data: text files under data/, embedded in the binary and
// parsed once into a Lexicon value that callers pass to what needs it. A
// rule that needs a new word gets a data row, not a code change.
//
// Entries are in the form the answerer compares in: NFKC, lower case, no
// spaces inside a word (but for the English phrases of the glossary and
// the intent words).
package lexicon

import (
	"bufio"
	"embed"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/longbridgeapp/opencc"

	"github.com/reportbot/reportbot/knowledge"
)

//go:embed data
var data embed.FS

// Scope is the time a time word asks about: knowledge's, whose time table
// (knowledge.TimeWords) the lexicon reads questions with.
type Scope = knowledge.Scope

// The scopes of the time table.
const (
	ScopeAny          = knowledge.ScopeAny
	ScopePlan         = knowledge.ScopePlan
	ScopeReview       = knowledge.ScopeReview
	ScopePeriodPlan   = knowledge.ScopePeriodPlan
	ScopePeriodReview = knowledge.ScopePeriodReview
	ScopeCurrent      = knowledge.ScopeCurrent
	// ScopeFrame marks a word a target question uses (目标) that has no
	// time of its own.
	ScopeFrame = knowledge.ScopeFrame
	// ScopeFiveYear marks a five-year plan; TimeWord.First is its first year.
	ScopeFiveYear = knowledge.ScopeFiveYear
	// ScopeDate marks a date word (年底前, 上半年) that a when-question's
	// answer states; it asks no scope of its own.
	ScopeDate = knowledge.ScopeDate
)

// KindRule is one row of the question-kind table: a part matching Pattern
// and not Unless asks for an answer of the named kind.
type KindRule struct {
	Kind    string
	Pattern *regexp.Regexp
	Unless  *regexp.Regexp
}

// TimeWord is one row of the time-word table (knowledge's).
type TimeWord = knowledge.TimeWord

// Prefix is a polite opening removed from a question, with the suffix
// that closes it, if any (能告诉我…吗).
type Prefix struct {
	Text, Closing string
}

// Role is what a glossary phrase does in an English question, and so
// where its Chinese goes in the question the answerer reads.
type Role string

// The roles of glossary.tsv.
const (
	// RoleIndicator is an indicator the report gives figures for (GDP,
	// new urban jobs); it is the role of a row that names none.
	RoleIndicator Role = ""
	// RoleTopic is content the report describes rather than counts
	// (housing, key tasks).
	RoleTopic Role = "topic"
	// RolePlace is a place name (Beijing, Chengdu).
	RolePlace Role = "place"
	// RoleTime is a time (this year, the 14th five-year plan).
	RoleTime Role = "time"
	// RoleFrame says what of an indicator is asked (growth, total, rate).
	RoleFrame Role = "frame"
	// RoleGoal asks for the figure set as a target (target, goal).
	RoleGoal Role = "goal"
	// RoleJoin joins two things asked about (and).
	RoleJoin Role = "join"
	// RoleAskFigure asks for a figure (how much, how many).
	RoleAskFigure Role = "ask-figure"
	// RoleAskWhat and RoleAskList ask for a figure when the question names
	// only indicators, else for a description (what is) or items (what
	// are): their rows give both forms, figure|other.
	RoleAskWhat Role = "ask-what"
	RoleAskList Role = "ask-list"
	// RoleAskWho, RoleAskWhen and RoleAskWhere ask for a person, a time and
	// a place.
	RoleAskWho   Role = "ask-who"
	RoleAskWhen  Role = "ask-when"
	RoleAskWhere Role = "ask-where"
	// RoleDrop marks filler words that stand for nothing (the, of, will).
	RoleDrop Role = "drop"
)

// Gloss is one row of the English↔Chinese glossary: English phrases, the
// report wording they stand for and their role in a question.
type Gloss struct {
	// English are the phrases, in lower case, their words (EnglishWords)
	// separated by one space.
	English []string
	// Chinese is the report wording; "" for RoleDrop.
	Chinese string
	// Other is the Chinese an ask word of RoleAskWhat or RoleAskList stands
	// for when the question names more than indicators (是什么, 有哪些).
	Other string
	Role  Role
}

// Ask reports whether the phrase is a question word.
func (g *Gloss) Ask() bool { return strings.HasPrefix(string(g.Role), "ask-") }

// IntentMark is what an intent word signals about a question that names
// no content of its own; package rag classifies such questions by the
// marks their words carry (rag/intent.go).
type IntentMark string

// The marks of intents.tsv; the file's header says what each signals.
const (
	MarkAsk       IntentMark = "ask"
	MarkFiller    IntentMark = "filler"
	MarkTime      IntentMark = "time"
	MarkOtherTime IntentMark = "other-time"
	MarkPast      IntentMark = "past"
	MarkReport    IntentMark = "report"
	MarkVerb      IntentMark = "verb"
	MarkHello     IntentMark = "hello"
	MarkThanks    IntentMark = "thanks"
	MarkHelp      IntentMark = "help"
	MarkWho       IntentMark = "who"
	MarkWhen      IntentMark = "when"
	MarkGov       IntentMark = "gov"
	MarkYear      IntentMark = "year"
	MarkTitle     IntentMark = "title"
	MarkVenue     IntentMark = "venue"
	MarkOverview  IntentMark = "overview"
	MarkTargets   IntentMark = "targets"
	MarkTopic     IntentMark = "topic"
)

var intentMarks = []IntentMark{MarkAsk, MarkFiller, MarkTime, MarkOtherTime, MarkPast, MarkReport, MarkVerb,
	MarkHello, MarkThanks, MarkHelp, MarkWho, MarkWhen, MarkGov, MarkYear, MarkTitle, MarkVenue,
	MarkOverview, MarkTargets, MarkTopic}

// IntentMarks returns every mark intents.tsv may use.
func IntentMarks() []IntentMark { return append([]IntentMark(nil), intentMarks...) }

// IntentWord is one row of the intent-word table.
type IntentWord struct {
	// Word is in lower case; an English phrase has one space between its
	// words (who are you).
	Word  string
	Marks []IntentMark
}

// Lexicon is the parsed vocabulary. It is read-only once loaded and safe
// for concurrent use.
type Lexicon struct {
	// Synonyms are the paraphrase groups; each is counted as one term.
	Synonyms [][]string
	// GroupKeys are all group members, longest first, for greedy matching.
	GroupKeys []string
	group     map[string]int

	// Colloquial maps words people type to report wording ("" drops them).
	Colloquial map[string]string
	// ColloquialKeys are the keys of Colloquial, longest first.
	ColloquialKeys []string

	// Stops are question words and particles, longest first, time words
	// included.
	Stops []string
	// Weak terms rank but never decide whether the report answers.
	Weak map[string]bool
	// Generic are the first members of paraphrase groups that name no
	// indicator (不足, 人群, 比重).
	Generic []string
	// Units are measure words a figure may carry, longest first.
	Units []string
	// GenericUnits count anything (个): a question's 多少个 names no unit
	// the figure must carry.
	GenericUnits []string

	// PlaceSuffixes end the name of an area other than the report's own.
	PlaceSuffixes []string
	// OwnPlaces end names that stand for the report's own area (全市).
	OwnPlaces []string
	// Modifiers turn one indicator into another (人均).
	Modifiers []string
	// ContextMarkers end the topic a question is framed in (方面).
	ContextMarkers []string
	// Provinces are provincial-level names and abbreviations.
	Provinces []string
	// Contrasts are sets of words that tell sibling indicators apart
	// (调查 and 登记 失业率).
	Contrasts [][]string

	// Time is knowledge's time-word table (knowledge.TimeWords) in its
	// file order.
	Time []TimeWord
	// TimeRE matches a time word of the table (a five-year plan with its
	// 期间/时期/末) or a year (2025年).
	TimeRE *regexp.Regexp

	// Prefixes, Suffixes and Particles are the fillers Normalize removes.
	Prefixes  []Prefix
	Suffixes  []string
	Particles []string
	// AskWords are question words; a trailing 呢 after one is a particle.
	AskWords []string
	// KeepASCII are the ASCII words kept in a Chinese question.
	KeepASCII map[string]bool

	// CorpusSentences is the number of sentences of a corpus of reports
	// whose unigram and bigram counts CorpusDF gives.
	CorpusSentences int
	// corpus holds the rows gram<TAB>count of corpus_df.tsv, sorted by
	// gram, each ending in a newline; corpusRows are where they start.
	// CorpusDF searches them in place.
	corpus     string
	corpusRows []uint32

	// Kinds is the question-kind table in its file order.
	Kinds []KindRule
	// kindWords are the word lists the question kinds read answers with
	// (kindwords.txt), by section name, longest first; kindLines are the
	// same words line by line, in file order.
	kindWords map[string][]string
	kindLines map[string][][]string

	// Intents are the intent words in their file order, each listed once.
	Intents []IntentWord

	// Glossary maps English indicator names, times, frame and question
	// words to report wording, in file order.
	Glossary []Gloss
	// glossIndex maps each glossary phrase to its row; glossWords is the
	// length of the longest phrase, in words.
	glossIndex map[string]int
	glossWords int

	// t2sRunes are the runes OpenCC's traditional-to-simplified conversion
	// may change, sorted (data/t2s_runes.txt, generated from its
	// dictionaries): a text with none of them converts to itself, so the
	// converter, costly to set up, is built the first time a text has one.
	t2sRunes []rune
	t2s      *lazyT2S
	// timeWords are the time table's words by scope, for TimeWords.
	timeWords map[Scope][]string
}

var defaultLexicon = sync.OnceValues(func() (*Lexicon, error) { return Load(data) })

// Default returns the embedded lexicon, parsed once. The embedded files are
// part of the binary and tested, so a parse error is a build defect.
func Default() *Lexicon {
	l, err := defaultLexicon()
	if err != nil {
		panic(fmt.Sprintf("lexicon: embedded data: %v", err))
	}
	return l
}

// Load parses the vocabulary files under data/ in fsys; the time table is
// knowledge's (knowledge.TimeWords), not a file of fsys.
func Load(fsys fs.FS) (*Lexicon, error) {
	l := &Lexicon{group: map[string]int{}, Colloquial: map[string]string{}, Weak: map[string]bool{}, KeepASCII: map[string]bool{},
		glossIndex: map[string]int{}}
	steps := []struct {
		file string
		read func([]string) error
	}{
		{"synonyms.txt", l.readSynonyms},
		{"colloquial.tsv", l.readColloquial},
		{"stops.txt", func(ls []string) error { l.Stops = words(ls); return nil }},
		{"weak.txt", func(ls []string) error {
			var weak []string
			err := sections(ls, map[string]*[]string{"weak": &weak, "generic": &l.Generic}, nil)
			setOf(l.Weak, weak)
			return err
		}},
		{"units.txt", func(ls []string) error {
			return sections(ls, map[string]*[]string{"unit": &l.Units, "generic": &l.GenericUnits}, nil)
		}},
		{"places.txt", l.readPlaces},
		{"fillers.txt", l.readFillers},
		{"glossary.tsv", l.readGlossary},
		{"kinds.tsv", l.readKinds},
		{"contrasts.txt", func(ls []string) error {
			for _, line := range ls {
				if ws := strings.Fields(line); len(ws) >= 2 {
					l.Contrasts = append(l.Contrasts, ws)
				} else {
					return fmt.Errorf("line %q: want two or more words", line)
				}
			}
			return nil
		}},
		{"intents.tsv", l.readIntents},
		{"kindwords.txt", l.readKindWords},
		{"t2s_runes.txt", l.readT2SRunes},
	}
	for _, s := range steps {
		ls, err := lines(fsys, "data/"+s.file)
		if err != nil {
			return nil, err
		}
		if err := s.read(ls); err != nil {
			return nil, fmt.Errorf("lexicon %s: %w", s.file, err)
		}
	}
	if err := l.readCorpus(fsys, "data/corpus_df.tsv"); err != nil {
		return nil, err
	}
	l.Time = slices.Clone(knowledge.TimeWords())
	l.timeWords = map[Scope][]string{}
	for _, t := range l.Time {
		l.timeWords[t.Scope] = append(l.timeWords[t.Scope], t.Word)
	}
	for _, t := range l.Time {
		if t.Scope != ScopeFrame && t.Scope != ScopeDate {
			l.Stops = append(l.Stops, t.Word)
		}
	}
	l.Stops = longestFirst(dedup(l.Stops))
	var alts []string
	for _, w := range longestFirst(l.TimeWords()) {
		alts = append(alts, regexp.QuoteMeta(w))
	}
	five := strings.Join(func() []string {
		var q []string
		for _, w := range l.TimeWords(ScopeFiveYear) {
			q = append(q, regexp.QuoteMeta(w))
		}
		return q
	}(), "|")
	l.TimeRE = regexp.MustCompile(`(?:` + five + `)(?:期间|时期|末)|` + strings.Join(alts, "|") + `|(?:19|20)\d\d年`)
	l.GroupKeys = longestFirst(l.GroupKeys)
	for k := range l.Colloquial {
		l.ColloquialKeys = append(l.ColloquialKeys, k)
	}
	l.ColloquialKeys = longestFirst(l.ColloquialKeys)
	l.t2s = &lazyT2S{}
	return l, nil
}

// lazyT2S is OpenCC's t2s converter, built on first use.
type lazyT2S struct {
	once sync.Once
	cc   *opencc.OpenCC
	err  error
}

// get returns the converter, building it the first time.
func (z *lazyT2S) get() (*opencc.OpenCC, error) {
	z.once.Do(func() {
		z.cc, z.err = opencc.New("t2s")
		if z.err != nil {
			z.err = fmt.Errorf("lexicon: traditional to simplified converter: %w", z.err)
		}
	})
	return z.cc, z.err
}

// readT2SRunes reads t2s_runes.txt: lines of runes, spaces ignored.
func (l *Lexicon) readT2SRunes(ls []string) error {
	for _, line := range ls {
		for _, r := range line {
			if !unicode.IsSpace(r) {
				l.t2sRunes = append(l.t2sRunes, r)
			}
		}
	}
	if len(l.t2sRunes) == 0 {
		return fmt.Errorf("no runes")
	}
	slices.Sort(l.t2sRunes)
	l.t2sRunes = slices.Compact(l.t2sRunes)
	return nil
}

// mayConvert reports whether t2s may change s: whether s has one of the
// runes of t2s_runes.txt. t2s returns any other text as it is.
func (l *Lexicon) mayConvert(s string) bool {
	for _, r := range s {
		if _, ok := slices.BinarySearch(l.t2sRunes, r); ok {
			return true
		}
	}
	return false
}

// Group returns the paraphrase group that has w as a member, or nil.
func (l *Lexicon) Group(w string) []string {
	if i, ok := l.group[w]; ok {
		return l.Synonyms[i]
	}
	return nil
}

// Colloquialize rewrites the colloquial words of folded text into report
// wording, longest match first. A paraphrase-group member is a word of its
// own and is never cut into: 涨 becomes 增长, 涨幅 stays.
func (l *Lexicon) Colloquialize(f string) string {
	var b strings.Builder
	for i := 0; i < len(f); {
		k := longestAt(f[i:], l.ColloquialKeys)
		if g := longestAt(f[i:], l.GroupKeys); len(g) > len(k) {
			b.WriteString(g)
			i += len(g)
			continue
		}
		if k != "" {
			b.WriteString(l.Colloquial[k])
			i += len(k)
			continue
		}
		_, n := utf8.DecodeRuneInString(f[i:])
		b.WriteString(f[i : i+n])
		i += n
	}
	return b.String()
}

// longestAt returns the first of keys (longest first) that s starts with.
func longestAt(s string, keys []string) string {
	for _, k := range keys {
		if strings.HasPrefix(s, k) {
			return k
		}
	}
	return ""
}

// PlaceNames returns the place names folded text f uses: provincial names
// (two characters or more) and names ending in an administrative suffix
// (岳阳市 → 岳阳), other than the generic ones (全市, 城市).
func (l *Lexicon) PlaceNames(f string) []string {
	var out []string
	for _, p := range l.Provinces {
		if len([]rune(p)) >= 2 && strings.Contains(f, p) {
			out = append(out, p)
		}
	}
	rs := []rune(f)
	for i, r := range rs {
		if !strings.ContainsRune("省市县区州", r) || i < 2 {
			continue
		}
		name := string(rs[i-2 : i+1])
		own := false
		for _, o := range l.OwnPlaces {
			own = own || strings.HasSuffix(name, o)
		}
		if !own && isHan(rs[i-1]) && isHan(rs[i-2]) {
			out = append(out, string(rs[i-2:i]))
		}
	}
	return out
}

// TimeWords returns the words of the time table with the given scopes, in
// table order; no scope given means every word that asks a time (not the
// frame or date words). The words of one scope are read per question and
// per clause, so they are kept from Load: callers must not modify them.
func (l *Lexicon) TimeWords(scopes ...Scope) []string {
	if len(scopes) == 1 {
		return l.timeWords[scopes[0]]
	}
	var out []string
	for _, t := range l.Time {
		if len(scopes) == 0 && t.Scope != ScopeFrame && t.Scope != ScopeDate {
			out = append(out, t.Word)
			continue
		}
		for _, s := range scopes {
			if t.Scope == s {
				out = append(out, t.Word)
			}
		}
	}
	return out
}

func (l *Lexicon) readSynonyms(ls []string) error {
	for _, line := range ls {
		g := strings.Fields(line)
		l.Synonyms = append(l.Synonyms, g)
		for _, m := range g {
			if _, ok := l.group[m]; !ok {
				l.group[m] = len(l.Synonyms) - 1
				l.GroupKeys = append(l.GroupKeys, m)
			}
		}
	}
	return nil
}

func (l *Lexicon) readColloquial(ls []string) error {
	for _, line := range ls {
		k, v, _ := strings.Cut(line, "\t")
		k = strings.TrimSpace(k)
		if k == "" {
			return fmt.Errorf("line %q: empty key", line)
		}
		l.Colloquial[k] = strings.TrimSpace(v)
	}
	return nil
}

func (l *Lexicon) readPlaces(ls []string) error {
	return sections(ls, map[string]*[]string{
		"suffix": &l.PlaceSuffixes, "own": &l.OwnPlaces, "modifier": &l.Modifiers, "context": &l.ContextMarkers, "province": &l.Provinces,
	}, nil)
}

func (l *Lexicon) readFillers(ls []string) error {
	var keep []string
	err := sections(ls, map[string]*[]string{"suffix": &l.Suffixes, "particle": &l.Particles, "ask": &l.AskWords, "keep": &keep},
		map[string]func(string) error{"prefix": func(line string) error {
			p, c, _ := strings.Cut(line, "\t")
			l.Prefixes = append(l.Prefixes, Prefix{Text: strings.TrimSpace(p), Closing: strings.TrimSpace(c)})
			return nil
		}})
	if err != nil {
		return err
	}
	sort.SliceStable(l.Prefixes, func(i, j int) bool { return len(l.Prefixes[i].Text) > len(l.Prefixes[j].Text) })
	l.Suffixes = longestFirst(l.Suffixes)
	return setOf(l.KeepASCII, keep)
}

// readCorpus reads corpus_df.tsv: a row sentences<TAB>count, then rows of
// gram<TAB>count sorted by gram. It is by far the largest file (40 000
// rows), read by every fresh process, so it is checked in one pass and
// kept as it is: CorpusDF searches its rows, nothing is built from them.
func (l *Lexicon) readCorpus(fsys fs.FS, name string) error {
	text, err := readString(fsys, name)
	if err != nil {
		return err
	}
	bad := func(line, want string) error {
		return fmt.Errorf("lexicon %s: line %q: want %s", path.Base(name), line, want)
	}
	for text != "" && (text[0] == '#' || text[0] == '\n') {
		_, text, _ = strings.Cut(text, "\n")
	}
	line, rows, _ := strings.Cut(text, "\n")
	head, n, _ := strings.Cut(line, "\t")
	if l.CorpusSentences, err = strconv.Atoi(n); head != "sentences" || err != nil || l.CorpusSentences < 1 {
		return bad(line, "sentences<TAB>count, count > 0")
	}
	if rows != "" && !strings.HasSuffix(rows, "\n") {
		rows += "\n"
	}
	l.corpusRows = make([]uint32, 0, strings.Count(rows, "\n"))
	prev := ""
	for rest := rows; rest != ""; {
		l.corpusRows = append(l.corpusRows, uint32(len(rows)-len(rest)))
		line, rest, _ = strings.Cut(rest, "\n")
		g, n, ok := strings.Cut(line, "\t")
		if !ok || g == "" || !digits(n) {
			return bad(line, "gram<TAB>count")
		}
		if g <= prev {
			return bad(line, "rows sorted by gram, each gram once")
		}
		prev = g
	}
	l.corpus = rows
	return nil
}

// digits reports whether s is a number: one or more ASCII digits.
func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != "" && len(s) < 10
}

// CorpusDF returns how many sentences of a corpus of reports contain
// character unigram or bigram g (CorpusSentences is their number): how
// informative a word is across reports, and whether reports use it at all.
func (l *Lexicon) CorpusDF(g string) int {
	row := func(i int) (string, string) {
		line := l.corpus[l.corpusRows[i]:]
		line = line[:strings.IndexByte(line, '\n')]
		k, n, _ := strings.Cut(line, "\t")
		return k, n
	}
	i, found := sort.Find(len(l.corpusRows), func(i int) int {
		k, _ := row(i)
		return strings.Compare(g, k)
	})
	if !found {
		return 0
	}
	_, n := row(i)
	df, _ := strconv.Atoi(n) // checked by readCorpus
	return df
}

func (l *Lexicon) readKinds(ls []string) error {
	for _, line := range ls {
		f := strings.Split(line, "\t")
		if len(f) < 2 || f[0] == "" || f[1] == "" {
			return fmt.Errorf("line %q: want kind<TAB>pattern[<TAB>unless]", line)
		}
		re, err := regexp.Compile(f[1])
		if err != nil {
			return fmt.Errorf("line %q: %w", line, err)
		}
		r := KindRule{Kind: f[0], Pattern: re}
		if len(f) > 2 && f[2] != "" {
			if r.Unless, err = regexp.Compile(f[2]); err != nil {
				return fmt.Errorf("line %q: %w", line, err)
			}
		}
		l.Kinds = append(l.Kinds, r)
	}
	return nil
}

// readIntents reads intents.tsv: rows of mark[+mark…]<TAB>word.
func (l *Lexicon) readIntents(ls []string) error {
	seen := map[string]bool{}
	for _, line := range ls {
		f := strings.Split(line, "\t")
		if len(f) != 2 {
			return fmt.Errorf("line %q: want mark[+mark…]<TAB>word", line)
		}
		w := strings.TrimSpace(f[1])
		switch {
		case w == "":
			return fmt.Errorf("line %q: no word", line)
		case w != strings.Join(strings.Fields(w), " ") || w != strings.ToLower(w):
			return fmt.Errorf("line %q: want lower case, one space between words", line)
		case seen[w]:
			return fmt.Errorf("line %q: word %q listed twice", line, w)
		}
		seen[w] = true
		iw := IntentWord{Word: w}
		for _, m := range strings.Split(strings.TrimSpace(f[0]), "+") {
			if !slices.Contains(intentMarks, IntentMark(m)) {
				return fmt.Errorf("line %q: unknown mark %q", line, m)
			}
			iw.Marks = append(iw.Marks, IntentMark(m))
		}
		l.Intents = append(l.Intents, iw)
	}
	return nil
}

// readKindWords reads kindwords.txt: [kind.list] sections of words.
func (l *Lexicon) readKindWords(ls []string) error {
	l.kindWords = map[string][]string{}
	l.kindLines = map[string][][]string{}
	cur := ""
	for _, line := range ls {
		if t := strings.TrimSpace(line); strings.HasPrefix(t, "[") && strings.HasSuffix(t, "]") {
			cur = strings.Trim(t, "[]")
			if kind, list, ok := strings.Cut(cur, "."); !ok || kind == "" || list == "" {
				return fmt.Errorf("section [%s]: want [kind.list]", cur)
			}
			continue
		}
		if cur == "" {
			return fmt.Errorf("line %q outside a section", line)
		}
		l.kindWords[cur] = append(l.kindWords[cur], strings.Fields(line)...)
		l.kindLines[cur] = append(l.kindLines[cur], strings.Fields(line))
	}
	for k, ws := range l.kindWords {
		l.kindWords[k] = longestFirst(dedup(ws))
	}
	return nil
}

// KindWords returns a word list of a question kind (kindwords.txt
// section [kind.list]), longest first; nil when the file has none.
func (l *Lexicon) KindWords(kind, list string) []string {
	return l.kindWords[kind+"."+list]
}

// KindLine returns the line of a kind's word list that holds w: the
// words that list groups with it (kindwords.txt groups one thing's names
// on a line), or nil.
func (l *Lexicon) KindLine(kind, list, w string) []string {
	for _, ln := range l.kindLines[kind+"."+list] {
		if slices.Contains(ln, w) {
			return ln
		}
	}
	return nil
}

// Asks reports whether folded text f has a question word of the kind,
// whatever else it asks.
func (l *Lexicon) Asks(kind, f string) bool {
	for _, r := range l.Kinds {
		if r.Kind == kind && r.Pattern.MatchString(f) {
			return true
		}
	}
	return false
}

// AskPhrase returns where in folded text f the first row of the kind
// matches (its question words), or nil.
func (l *Lexicon) AskPhrase(kind, f string) []int {
	for _, r := range l.Kinds {
		if r.Kind == kind {
			if loc := r.Pattern.FindStringIndex(f); loc != nil {
				return loc
			}
		}
	}
	return nil
}

// Kind returns the kind the table gives a folded question part, or "";
// rows of the kinds in skip are passed over.
func (l *Lexicon) Kind(f string, skip ...string) string {
	for _, r := range l.Kinds {
		if slices.Contains(skip, r.Kind) {
			continue
		}
		if r.Pattern.MatchString(f) && (r.Unless == nil || !r.Unless.MatchString(f)) {
			return r.Kind
		}
	}
	return ""
}

// readGlossary reads glossary.tsv: rows of
//
//	english[|english…]<TAB>中文[<TAB>role]
//
// where role is one of the Role values ("" for an indicator). A RoleDrop
// row has an empty 中文; a RoleAskWhat or RoleAskList row gives two forms,
// figure|other (是多少|有哪些). A phrase may be listed only once.
func (l *Lexicon) readGlossary(ls []string) error {
	for _, line := range ls {
		f := strings.Split(line, "\t")
		if len(f) < 2 || len(f) > 3 {
			return fmt.Errorf("line %q: want english[|english…]<TAB>中文[<TAB>role]", line)
		}
		g := Gloss{Chinese: strings.TrimSpace(f[1])}
		if len(f) == 3 {
			g.Role = Role(strings.TrimSpace(f[2]))
		}
		switch g.Role {
		case RoleIndicator, RoleTopic, RolePlace, RoleTime, RoleFrame, RoleGoal, RoleJoin,
			RoleAskFigure, RoleAskWho, RoleAskWhen, RoleAskWhere:
			if g.Chinese == "" || strings.Contains(g.Chinese, "|") {
				return fmt.Errorf("line %q: want one Chinese form", line)
			}
		case RoleAskWhat, RoleAskList:
			fig, other, ok := strings.Cut(g.Chinese, "|")
			if !ok || strings.TrimSpace(fig) == "" || strings.TrimSpace(other) == "" {
				return fmt.Errorf("line %q: want figure|other Chinese forms", line)
			}
			g.Chinese, g.Other = strings.TrimSpace(fig), strings.TrimSpace(other)
		case RoleDrop:
			if g.Chinese != "" {
				return fmt.Errorf("line %q: a dropped word stands for nothing", line)
			}
		default:
			return fmt.Errorf("line %q: unknown role %q", line, g.Role)
		}
		for _, e := range strings.Split(f[0], "|") {
			ws := EnglishWords(strings.ToLower(e))
			if len(ws) == 0 {
				continue
			}
			p := strings.Join(ws, " ")
			if _, dup := l.glossIndex[p]; dup {
				return fmt.Errorf("line %q: phrase %q listed twice", line, p)
			}
			l.glossIndex[p] = len(l.Glossary)
			l.glossWords = max(l.glossWords, len(ws))
			g.English = append(g.English, p)
		}
		if len(g.English) == 0 {
			return fmt.Errorf("line %q: no English phrase", line)
		}
		l.Glossary = append(l.Glossary, g)
	}
	return nil
}

// GlossAt returns the glossary row of the longest phrase that starts
// words, which are in lower case (EnglishWords), and how many words it
// takes; nil and 0 if no phrase starts there.
func (l *Lexicon) GlossAt(words []string) (*Gloss, int) {
	for n := min(l.glossWords, len(words)); n > 0; n-- {
		if i, ok := l.glossIndex[strings.Join(words[:n], " ")]; ok {
			return &l.Glossary[i], n
		}
	}
	return nil, 0
}

// EnglishWords cuts English text into words, keeping their case: runs of
// letters and digits, with a '.' between digits (PM2.5) and an '&' between
// letters (R&D) inside a word. Hyphens and other punctuation separate words
// (five-year is five year), and a possessive 's is dropped (Beijing's).
// Glossary phrases and questions are cut alike, so they match word by word.
func EnglishWords(s string) []string {
	rs := []rune(s)
	word := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	var out []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			out = append(out, string(cur))
			cur = cur[:0]
		}
	}
	for i, r := range rs {
		prev, next := rune(0), rune(0)
		if i > 0 {
			prev = rs[i-1]
		}
		if i+1 < len(rs) {
			next = rs[i+1]
		}
		switch {
		case word(r):
			cur = append(cur, r)
		case r == '.' && unicode.IsDigit(prev) && unicode.IsDigit(next),
			r == '&' && unicode.IsLetter(prev) && unicode.IsLetter(next):
			cur = append(cur, r)
		case (r == '\'' || r == '’') && (next == 's' || next == 'S') && (i+2 == len(rs) || !word(rs[i+2])):
			flush()
			rs[i+1] = ' ' // the possessive s
		default:
			flush()
		}
	}
	flush()
	return out
}

// readString reads a file into a string, copied once (fs.ReadFile and a
// conversion would copy it twice).
func readString(fsys fs.FS, name string) (string, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return "", fmt.Errorf("lexicon: %w", err)
	}
	defer f.Close()
	var b strings.Builder
	if st, err := f.Stat(); err == nil {
		b.Grow(int(st.Size()))
	}
	if _, err := io.Copy(&b, f); err != nil {
		return "", fmt.Errorf("lexicon %s: %w", name, err)
	}
	return b.String(), nil
}

// lines reads a data file's lines, without comments and blank lines.
func lines(fsys fs.FS, name string) ([]string, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, fmt.Errorf("lexicon: %w", err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), " \r")
		if t := strings.TrimSpace(line); t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		out = append(out, line)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("lexicon %s: %w", name, err)
	}
	return out, nil
}

// sections reads a file of [name] sections: the words of a section go to
// its list, or each line to its handler.
func sections(ls []string, lists map[string]*[]string, handlers map[string]func(string) error) error {
	cur := ""
	for _, line := range ls {
		if t := strings.TrimSpace(line); strings.HasPrefix(t, "[") && strings.HasSuffix(t, "]") {
			cur = strings.Trim(t, "[]")
			if lists[cur] == nil && handlers[cur] == nil {
				return fmt.Errorf("unknown section [%s]", cur)
			}
			continue
		}
		switch {
		case handlers[cur] != nil:
			if err := handlers[cur](line); err != nil {
				return err
			}
		case lists[cur] != nil:
			*lists[cur] = append(*lists[cur], strings.Fields(line)...)
		default:
			return fmt.Errorf("line %q outside a section", line)
		}
	}
	return nil
}

func words(ls []string) []string {
	var out []string
	for _, line := range ls {
		out = append(out, strings.Fields(line)...)
	}
	return out
}

func setOf(m map[string]bool, ws []string) error {
	for _, w := range ws {
		m[w] = true
	}
	return nil
}

func dedup(ws []string) []string {
	seen := map[string]bool{}
	out := ws[:0]
	for _, w := range ws {
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

// longestFirst sorts words longest first (in runes), then alphabetically,
// so greedy matching takes the longest word at each position.
func longestFirst(ws []string) []string {
	sort.SliceStable(ws, func(i, j int) bool {
		a, b := len([]rune(ws[i])), len([]rune(ws[j]))
		if a != b {
			return a > b
		}
		return ws[i] < ws[j]
	})
	return ws
}
