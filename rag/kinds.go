package rag

import "fmt"

// A question part asks for one kind of answer: a figure, a list of items,
// a person, a date, or a phrase. Each kind is one value behind
// questionKind, in a file of its own (kind_figure.go, kind_list.go, …),
// registered by name with register; the lexicon's kinds table
// (rag/lexicon/data/kinds.tsv) says which question words ask for it.
//
// The pipeline around the kinds is shared: analyze reads the part,
// retrieve finds paragraphs, candidates scores every clause with the
// shared coverage terms and adds the kind's score; acceptable asks the
// kind whether the best clause answers; the kind renders the answer and
// names its lead (the figure or the date asked for). Adding a kind is one
// file, rows in kinds.tsv (and any words it needs in the other tables),
// and a question set in testdata/qa.

// questionKind is the behaviour of one kind of question.
type questionKind interface {
	// score adjusts a candidate clause's shared score for this kind.
	score(ix *answerer, q *query, v clauseView) float64
	// accept reports whether a candidate answers the part.
	accept(ix *answerer, q *query, c candidate) bool
	// render returns the answer text and the sentence(s) to quote.
	render(ix *answerer, q *query, c candidate) (text, quote string)
	// lead returns what the answer states first (3%以内, 年底前), or "".
	lead(ix *answerer, q *query, c candidate, text string) string
}

// refiner is implemented by a kind whose table row matches more parts
// than it answers: the table reads the folded part, which has lost its
// quotes. refine returns the kind the part as asked (q.raw) asks for.
type refiner interface {
	refine(ix *answerer, q *query) kind
}

// topicer is implemented by a kind that names what a part asked for
// better than topicOf does, for "not in the report"; "" keeps topicOf's.
type topicer interface {
	topic(ix *answerer, q *query) string
}

// citer is implemented by a kind whose answer draws on paragraphs beside
// the candidate's (the headings a lead-in announces): more returns them,
// to be cited too.
type citer interface {
	more(ix *answerer, q *query, c candidate) []int
}

// hinter is implemented by a kind that knows paragraphs worth considering
// that retrieval may miss (a section opening under a heading that names
// the asked thing, where the paragraph's own words do not): they are
// added to the retrieved ones.
type hinter interface {
	hints(ix *answerer, q *query) []hit
}

// refine returns the kind q asks for once its kind has read the part as
// asked.
func (ix *answerer) refine(q *query) kind {
	if r, ok := q.kind.impl().(refiner); ok {
		return r.refine(ix, q)
	}
	return q.kind
}

// topic names what part asked for, for "not in the report".
func (ix *answerer) topic(q *query, part string) string {
	if t, ok := q.kind.impl().(topicer); ok {
		if s := t.topic(ix, q); s != "" {
			return s
		}
	}
	return topicOf(part)
}

// clauseView is what a kind's score sees of one candidate clause.
type clauseView struct {
	c    candidate
	info *paraInfo
	st   *sentInfo
	ci   int    // clause index in the sentence
	fc   string // folded clause
	// focusCov and focusW are the coverage and weight of the question's
	// focus terms in the clause.
	focusCov, focusW float64
}

// kind identifies a registered question kind.
type kind int

var (
	kindImpls []questionKind
	kindNames = map[string]kind{}
)

// register adds a question kind under the name the kinds table uses and
// returns its identity. Kinds register as package variables.
func register(name string, k questionKind) kind {
	if _, dup := kindNames[name]; dup {
		panic(fmt.Sprintf("rag: question kind %q registered twice", name))
	}
	id := kind(len(kindImpls))
	kindImpls = append(kindImpls, k)
	kindNames[name] = id
	return id
}

// kindNamed returns the kind registered under name.
func kindNamed(name string) (kind, bool) {
	k, ok := kindNames[name]
	return k, ok
}

// impl returns the kind's behaviour.
func (k kind) impl() questionKind { return kindImpls[k] }

// String returns the name the kind is registered under.
func (k kind) String() string {
	for n, id := range kindNames {
		if id == k {
			return n
		}
	}
	return fmt.Sprintf("kind(%d)", int(k))
}
