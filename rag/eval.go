package rag

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
)

// EvalCase is one line of a question set (see testdata/qa).
type EvalCase struct {
	// Report names the report a case is about (the base name of its file,
	// "beijing2026"), for sets that mix reports; "" means the set's own.
	Report         string   `json:"report,omitempty"`
	Q              string   `json:"q"`
	AnswerContains []string `json:"answer_contains"`
	Evidence       *string  `json:"evidence"`
	Unanswerable   bool     `json:"unanswerable"`
}

// ReadEvalCases reads a JSON-lines question set.
func ReadEvalCases(r io.Reader) ([]EvalCase, error) {
	var out []EvalCase
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimSpace(sc.Text())
		if s == "" || strings.HasPrefix(s, "//") {
			continue
		}
		var c EvalCase
		if err := json.Unmarshal([]byte(s), &c); err != nil {
			return nil, fmt.Errorf("question set line %d: %w", line, err)
		}
		out = append(out, c)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read question set: %w", err)
	}
	return out, nil
}

// EvalResult is one question's outcome.
type EvalResult struct {
	Case     EvalCase      `json:"case"`
	Answer   string        `json:"answer"`
	Found    bool          `json:"found"`
	Correct  bool          `json:"correct"`
	Missing  []string      `json:"missing,omitempty"` // expected strings absent from the answer
	EvRank   int           `json:"evidence_rank"`     // 1-based rank of the evidence paragraph, 0 if absent
	Cited    []int         `json:"cited"`
	Latency  time.Duration `json:"latency_ns"`
	ErrorMsg string        `json:"error,omitempty"`
}

// EvalReport sums up a question set.
type EvalReport struct {
	Questions      int          `json:"questions"`
	Accuracy       float64      `json:"accuracy"`
	Answerable     int          `json:"answerable"`
	HitAt1         float64      `json:"hit_at_1"`
	HitAt3         float64      `json:"hit_at_3"`
	MRR            float64      `json:"mrr"`
	Unanswerable   int          `json:"unanswerable"`
	UnanswerableOK float64      `json:"unanswerable_accuracy"`
	P50            float64      `json:"p50_ms"`
	P95            float64      `json:"p95_ms"`
	Results        []EvalResult `json:"results,omitempty"`
}

// Evaluate asks every case through answer and scores the answers: a correct
// answer contains every expected string (after NFKC folding and white space
// removal) or, for an unanswerable case, says the report does not say. The
// evidence rank is where the paragraph containing the evidence sits in the
// answer's ranking (cited paragraphs first).
func Evaluate(ctx context.Context, cases []EvalCase, paragraphText func(n int) string,
	answer func(ctx context.Context, q string) (Answer, error)) EvalReport {
	var results []EvalResult
	for _, c := range cases {
		start := time.Now()
		a, err := answer(ctx, c.Q)
		res := EvalResult{Case: c, Latency: time.Since(start)}
		if err != nil {
			res.ErrorMsg = err.Error()
		}
		res.Answer, res.Found = a.Text, a.Found
		for _, ct := range a.Citations {
			res.Cited = append(res.Cited, ct.Paragraph)
		}
		got := Fold(a.Text)
		if c.Unanswerable {
			res.Correct = err == nil && !a.Found
		} else {
			res.Correct = err == nil && a.Found
			for _, want := range c.AnswerContains {
				if !strings.Contains(got, Fold(want)) {
					res.Correct = false
					res.Missing = append(res.Missing, want)
				}
			}
		}
		if c.Evidence != nil && *c.Evidence != "" {
			res.EvRank = EvidenceRank(a.Ranked, *c.Evidence, paragraphText)
		}
		results = append(results, res)
	}
	return summarize(results)
}

// summarize computes a set's figures from its results; results of several
// reports can be summed up together.
func summarize(results []EvalResult) EvalReport {
	rep := EvalReport{Results: results, Questions: len(results)}
	var lat []float64
	var correct, unOK, hit1, hit3 int
	var rr float64
	for _, res := range results {
		lat = append(lat, float64(res.Latency.Microseconds())/1000)
		if res.Correct {
			correct++
		}
		if res.Case.Unanswerable {
			rep.Unanswerable++
			if res.Correct {
				unOK++
			}
		}
		if res.Case.Evidence == nil || *res.Case.Evidence == "" {
			continue
		}
		rep.Answerable++
		switch {
		case res.EvRank == 1:
			hit1++
			fallthrough
		case res.EvRank > 0 && res.EvRank <= 3:
			hit3++
		}
		if res.EvRank > 0 {
			rr += 1 / float64(res.EvRank)
		}
	}
	if rep.Questions > 0 {
		rep.Accuracy = float64(correct) / float64(rep.Questions)
	}
	if rep.Answerable > 0 {
		rep.HitAt1 = float64(hit1) / float64(rep.Answerable)
		rep.HitAt3 = float64(hit3) / float64(rep.Answerable)
		rep.MRR = rr / float64(rep.Answerable)
	}
	if rep.Unanswerable > 0 {
		rep.UnanswerableOK = float64(unOK) / float64(rep.Unanswerable)
	}
	sort.Float64s(lat)
	rep.P50, rep.P95 = percentile(lat, 0.5), percentile(lat, 0.95)
	return rep
}

func percentile(sorted []float64, p float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	i := int(p*float64(len(sorted)-1) + 0.5)
	return sorted[i]
}

// Misses returns the results that were not correct or whose evidence was
// not in the top three.
func (r EvalReport) Misses() []EvalResult {
	var out []EvalResult
	for _, x := range r.Results {
		if !x.Correct || (x.Case.Evidence != nil && (x.EvRank == 0 || x.EvRank > 3)) {
			out = append(out, x)
		}
	}
	return out
}

// Summarize computes the figures of results gathered from several runs
// (one per report of a mixed set, say) as one set.
func Summarize(results []EvalResult) EvalReport { return summarize(results) }

// EvidenceRank returns the 1-based rank of the first paragraph in ranked
// whose text contains evidence (after folding), or 0.
func EvidenceRank(ranked []int, evidence string, paragraphText func(n int) string) int {
	ev := Fold(evidence)
	for i, n := range ranked {
		if strings.Contains(Fold(paragraphText(n)), ev) {
			return i + 1
		}
	}
	return 0
}
