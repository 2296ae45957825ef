package rag

import "context"

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
	return (&answerer{ix}).Extract(ctx, question)
}

// Resolve returns the question q asks of the index once its thread is
// taken into account (see answerer.Resolve).
func Resolve(ix *Index, q Question) string {
	return (&answerer{ix}).Resolve(q)
}
