package rag

// Weights are the answerer's tuning: how retrieval weighs and fuses its
// rankings, how a clause is scored as an answer, and how much of a question
// it must cover to be given. They are data rather than code so that eval
// can vary them (reportbot eval -weights) without a rebuild; an Index
// carries DefaultWeights unless WithWeights gives it others.
//
// Scores are sums: a bonus is added to a clause's score, a penalty (given
// as a positive amount) subtracted from it. Coverages are shares from 0 to
// 1 of a question's content, each term weighted by its IDF over the
// report's sentences.
//
// BM25's k1 and b are not here: they are the standard 1.2 and 0.75, belong
// to the in-memory LexicalStore (bm25.go) rather than the answerer, and
// another store brings its own. Nor is the hashed embedder's halving of
// single characters (embed.go): it is baked into the stored vectors.
type Weights struct {
	// Query terms.

	// LoneCharWeight scales the IDF of a lone Chinese character a question
	// leaves after segmentation: too vague to require, it counts for less
	// in every coverage.
	LoneCharWeight float64
	// LexicalGramWeight is the BM25 query weight of a content gram of two
	// or more characters.
	LexicalGramWeight float64
	// LexicalCharWeight is the BM25 query weight of a single-character
	// gram: single characters match almost everywhere, so they weigh less.
	LexicalCharWeight float64
	// LexicalGroupWeight is the BM25 query weight of a synonym group: a
	// matched paraphrase (GDP, 地区生产总值, 经济总量) is the surest sign
	// that a paragraph is about the asked indicator.
	LexicalGroupWeight float64

	// Fusion of the lexical and vector rankings.

	// VectorWeight is the vector ranking's weight in the fusion, the
	// lexical ranking's being 1: on Chinese reports the lexical list is
	// the stronger signal, and the offline hashed embedder mostly repeats
	// it.
	VectorWeight float64
	// RRFK is the reciprocal rank fusion constant: the paragraph at rank r
	// (from 0) of a list scores weight/(RRFK+r). The smaller it is, the
	// more the top of each list dominates.
	RRFK float64

	// Coverage terms: the base score of every clause of the retrieved
	// paragraphs.

	// ClauseCoverage weighs the share of the question's content in the
	// clause itself: the clause is what is quoted, so it counts most.
	ClauseCoverage float64
	// SentenceCoverage weighs the same share over the clause's sentence,
	// where a clause's subject often sits.
	SentenceCoverage float64
	// ClauseStrongCoverage weighs the share of the question's strong
	// content (not lone characters or framing words) in the clause.
	ClauseStrongCoverage float64
	// WholeCoverage weighs the share of the whole question's content in
	// the sentence, for one part of a question of several parts: the part
	// is answered where the whole question is about.
	WholeCoverage float64
	// RankBonus, divided by the paragraph's retrieval rank plus one,
	// breaks ties toward the paragraphs retrieval ranked first.
	RankBonus float64

	// Figure bonuses, for questions that ask for a figure (多少).

	// FigureBonus rewards a clause that has a figure, its own or one in
	// the clause or sentence that continues it (首期规模50亿元).
	FigureBonus float64
	// UnitBonus rewards a figure in the asked unit or its family (万千瓦
	// answers 多少千瓦, 个百分点 a percentage).
	UnitBonus float64
	// LevelBonus rewards an amount (67665亿元) when the question asks for
	// one rather than a rate (总量, 规模).
	LevelBonus float64
	// FigureFocusCoverage weighs the share of the question's focus (the
	// asked indicator: 失业率 in 失业率目标是多少) in the clause.
	FigureFocusCoverage float64

	// Time scope penalties: reports give the same indicator for last year,
	// this year, the plan period behind and the one ahead.

	// FigureScopePenalty penalises a figure clause whose time is not the
	// asked one: last year's 5.2% does not answer this year's target.
	FigureScopePenalty float64
	// TextScopePenalty is the milder penalty for a descriptive clause
	// about another time. It only orders: a question that names a past or
	// planned time rejects such a clause outright, and one about the
	// present (现在, 目前) may still be answered from it.
	TextScopePenalty float64

	// Speaker bonuses, for questions asking who (谁).

	// TitleBonus rewards a clause naming an official's title (省长, 市长)
	// or 同志: the speaker is named at the top of the report.
	TitleBonus float64
	// SpeakerBonus is added to TitleBonus when the question asks who
	// delivers the report (谁作的报告).
	SpeakerBonus float64

	// Descriptive questions.

	// TextFocusCoverage weighs the share of the question's focus in the
	// clause of a descriptive answer.
	TextFocusCoverage float64
	// FocusPhraseBonus rewards a clause that holds the focus verbatim, as
	// one phrase rather than scattered words.
	FocusPhraseBonus float64

	// List bonuses, for questions asking for items (有哪些, 哪几个).

	// ListEnumMinCoverage is the share of the question a clause must cover
	// for its enumeration to count when the question has no focus words;
	// with focus words, covering any of them is enough.
	ListEnumMinCoverage float64
	// ListEnumBonus rewards an enumeration (two 、 or more) in the clause
	// that lists the asked kind of thing: the items themselves.
	ListEnumBonus float64
	// ListEnumOtherPenalty penalises an enumeration of another kind of
	// thing: in 无人驾驶、智慧交通、低空起降等设施 the items are 设施, not
	// the asked 未来产业.
	ListEnumOtherPenalty float64
	// ListNextEnumBonus rewards a clause followed by an enumeration of the
	// asked kind: it names the thing, the next clause lists it.
	ListNextEnumBonus float64
	// ListLeadInMinCoverage is the share of the question a lead-in clause
	// must cover for the lead-in bonuses.
	ListLeadInMinCoverage float64
	// ListLeadInBonus rewards a lead-in naming the asked thing
	// (重点做好六个方面工作：): the items start there.
	ListLeadInBonus float64
	// ListLeadInCountBonus is added to ListLeadInBonus when the lead-in
	// announces as many items as the question asks for (哪六个方面).
	ListLeadInCountBonus float64

	// Other clause bonuses and penalties.

	// WildcardBonus rewards a clause matching the question with its
	// question word as a gap (向谁学 → 向…学); it is shared among the
	// question's patterns, so matching all of them earns it whole. 2.5
	// (was 1.5) since retrieval reads knowledge's chunks: the clause that
	// fills every gap outranks a lead sentence that only shares words.
	WildcardBonus float64
	// AbbrevExpansionBonus rewards a clause spelling out the numbered
	// abbreviation asked about (“两个先行” → 共同富裕先行和省域现代化先行).
	// It is large because coverage cannot see the match: an expansion
	// shares few words with the abbreviation.
	AbbrevExpansionBonus float64
	// PlanTargetBonus rewards target wording (左右, 以上, 力争) in a clause
	// answering a question about a plan or this year's targets.
	PlanTargetBonus float64
	// ShortClausePenalty penalises a clause of fewer than four characters:
	// too short to be an answer on its own.
	ShortClausePenalty float64
	// MinWhenCoverage is the share of a when-question's strong content
	// that must be around a clause for its date to answer: a date belongs
	// to one event, so the event must be the one asked about.
	MinWhenCoverage float64
	// WhenDateBonus rewards, for a when-question, a clause that states a
	// date or time (2025年4月1日, 年底前); half of it goes to a clause
	// whose sentence states one elsewhere.
	WhenDateBonus float64
	// CorpusIDFShare is the share of a question gram's weight taken from
	// its IDF over the lexicon's corpus of reports rather than over the
	// one report (0: the report alone, 1: the corpus alone). At 0.5 the
	// second held-out set gained one question and the development sets
	// lost two (2026-12-01, 11-report corpus), so it stays 0 until the
	// corpus is larger; the corpus still decides which grams are content.
	CorpusIDFShare float64
	// DefineBonus rewards, for a define question (“两新”是指什么), the
	// clause that defines the asked term: a glossary entry's heading or a
	// sentence where the term is followed by 是指/即/…. It is large, as
	// AbbrevExpansionBonus is, because coverage cannot tell a definition
	// from a mention; only a defining clause may answer anyway.
	DefineBonus float64
	// DefineEntryBonus is added to DefineBonus for the glossary entry of
	// exactly the term (名词解释: 2.“两新”：…): the report's own
	// definition, beside one it gives in passing or one of a longer term
	// that contains it.
	DefineEntryBonus float64
	// YesNoClauseCoverage weighs, for a yes/no question, the share of its
	// strong content in the clause itself: the yes quotes the clause that
	// says so, not one beside it.
	YesNoClauseCoverage float64
	// MinYesNoCoverage is the share of a yes/no question's strong content
	// that must be around a clause for it to answer: a yes asserts the
	// asked thing, so a clause about part of it is the report not saying.
	MinYesNoCoverage float64
	// OpenNamedBonus rewards, for an open question (总体要求是什么, 教育方面
	// 有什么举措), a clause where the report names the asked thing: a
	// lead-in, or the opening of a paragraph or item whose heading, lead
	// sentence or opener names it. It is large so that such a clause
	// answers before one that merely states the topic.
	OpenNamedBonus float64
	// OpenLeadInBonus is added to OpenNamedBonus for a lead-in naming it
	// (今年政府工作的总体要求是：): the report's own announcement of it.
	OpenLeadInBonus float64
	// MinOpenNamedCoverage is the share of an open question's topic words
	// (教育, 促进消费) a heading, lead sentence or opener must hold to name
	// the topic.
	MinOpenNamedCoverage float64
	// MainTargetsBonus rewards, for a question about this year's figure,
	// a clause of the paragraph that lists the year's main targets
	// (主要预期目标).
	MainTargetsBonus float64
	// TypedMemberBonus rewards, for a figure question, a clause that uses
	// the very word the question used for a paraphrase group when its
	// paragraph also states another member: groups join near-synonyms
	// (财政收入, 一般公共预算收入), and when the report states both, the
	// one asked for is the answer.
	TypedMemberBonus float64

	// Acceptance thresholds: the best candidate that passes them is the
	// answer; when none does, the report is taken not to say.

	// MinFigureCoverage is the share of the question's strong content that
	// must appear around a clause (its sentence, the one before, its
	// section, a short topic sentence) before it may answer a figure
	// question.
	MinFigureCoverage float64
	// MinFigureWindowCoverage is the share of the question's own strong
	// content that must appear in the figure's window (the clause, the one
	// before it in its list item, its continuation, a short topic
	// sentence): the figure must be about the asked thing, not merely sit
	// near it.
	MinFigureWindowCoverage float64
	// MinTextCoverage is MinFigureCoverage for questions that do not ask
	// for a figure: descriptive questions use verbs and framing the report
	// never uses (担心, 承认), so only figures get the strict check.
	MinTextCoverage float64
}

// DefaultWeights returns the weights the answerer is tuned with: those
// every Index is built with.
func DefaultWeights() Weights {
	return Weights{
		LoneCharWeight:     0.5,
		LexicalGramWeight:  1.0,
		LexicalCharWeight:  0.3,
		LexicalGroupWeight: 1.5,

		VectorWeight: 0.3,
		RRFK:         20,

		ClauseCoverage:       2,
		SentenceCoverage:     1.0,
		ClauseStrongCoverage: 1.5,
		WholeCoverage:        0.3,
		RankBonus:            0.4,

		FigureBonus:         0.6,
		UnitBonus:           0.6,
		LevelBonus:          0.6,
		FigureFocusCoverage: 1.0,

		FigureScopePenalty: 1.2,
		TextScopePenalty:   0.4,

		TitleBonus:   1.5,
		SpeakerBonus: 3,

		TextFocusCoverage: 1.2,
		FocusPhraseBonus:  0.8,

		ListEnumMinCoverage:   0.4,
		ListEnumBonus:         1.0,
		ListEnumOtherPenalty:  0.5,
		ListNextEnumBonus:     0.6,
		ListLeadInMinCoverage: 0.5,
		ListLeadInBonus:       0.8,
		ListLeadInCountBonus:  0.6,

		WildcardBonus:        2.5,
		AbbrevExpansionBonus: 4,
		PlanTargetBonus:      0.3,
		ShortClausePenalty:   0.5,
		TypedMemberBonus:     0.5,
		MainTargetsBonus:     0.5,
		CorpusIDFShare:       0,
		WhenDateBonus:        1.0,
		MinWhenCoverage:      0.7,
		DefineBonus:          4,
		DefineEntryBonus:     1,
		YesNoClauseCoverage:  1,
		MinYesNoCoverage:     0.6,
		OpenNamedBonus:       4,
		OpenLeadInBonus:      1,
		MinOpenNamedCoverage: 0.6,

		MinFigureCoverage:       0.7,
		MinFigureWindowCoverage: 0.7,
		MinTextCoverage:         0.35,
	}
}

// WithWeights returns a copy of the index that answers with w. The copy
// shares everything else with ix, so it costs no rebuild, and ix itself,
// which other goroutines may be using, is left as it was.
func (ix *Index) WithWeights(w Weights) *Index {
	cp := *ix
	cp.w = w
	return &cp
}

// Weights returns the weights the index answers with.
func (ix *Index) Weights() Weights { return ix.w }
