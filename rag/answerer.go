package rag

import (
	"context"
	"errors"
	"fmt"
	"unicode/utf8"
)

// answerer reads questions against one Index. The Index holds the data
// and retrieval (the report, its stores, prepared sentences and clauses,
// statistics, Search); everything that reads a question and picks its
// answer — analysis, candidates, the kinds, intents, rendering — is a
// method of answerer, which embeds the Index it answers from.
type answerer struct {
	*Index
}

// Extract answers a question from the index alone: for each part of the
// question, the clause that answers it, quoted and cited.
func Extract(ctx context.Context, ix *Index, question string) (Answer, error) {
	if err := checkLength(question); err != nil {
		return Answer{}, err
	}
	return (&answerer{ix}).Extract(ctx, question)
}

// MaxQuestionRunes bounds a question (and each earlier question of its
// thread) before it is read: a question is a sentence or a few, not a
// document.
const MaxQuestionRunes = 1000

// maxParts bounds how many parts of one question are answered.
const maxParts = 8

// ErrQuestionTooLong is returned for a question over MaxQuestionRunes.
var ErrQuestionTooLong = errors.New("question too long")

func checkLength(q string) error {
	if n := utf8.RuneCountInString(q); n > MaxQuestionRunes {
		return fmt.Errorf("%w: %d characters (at most %d)", ErrQuestionTooLong, n, MaxQuestionRunes)
	}
	return nil
}

// Resolve returns the question q asks of the index once its thread is
// taken into account (see answerer.Resolve).
func Resolve(ix *Index, q Question) string {
	return (&answerer{ix}).Resolve(q)
}
