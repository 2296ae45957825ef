package rag

import "context"

// Generator writes an answer from numbered passages (an LLM).
type Generator interface {
	Generate(ctx context.Context, question string, passages []Passage) (string, error)
}

// Passage is one numbered passage given to a Generator.
type Passage struct {
	N    int
	Text string
}

func (e *Engine) generate(ctx context.Context, ix *Index, question string, fallback Answer) Answer {
	return fallback
}
