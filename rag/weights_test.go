package rag

import (
	"context"
	"testing"
)

func TestWithWeights(t *testing.T) {
	ix := buildTestIndex(t, smallReport())
	if ix.Weights() != DefaultWeights() {
		t.Fatalf("a new index answers with %+v, want DefaultWeights", ix.Weights())
	}
	// No clause can cover more than all of a question: nothing passes.
	absurd := DefaultWeights()
	absurd.MinFigureCoverage = 2.0
	tests := []struct {
		name     string
		ix       *Index
		found    bool
		contains []string
	}{
		{"defaults", ix, true, []string{"5%左右"}},
		{"defaults set again", ix.WithWeights(DefaultWeights()), true, []string{"5%左右"}},
		{"absurd figure threshold", ix.WithWeights(absurd), false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Extract(context.Background(), tt.ix, "今年地区生产总值增长目标是多少？")
			if err != nil {
				t.Fatal(err)
			}
			assertAnswer(t, a, tt.found, tt.contains, nil)
		})
	}
	if ix.Weights() != DefaultWeights() {
		t.Error("WithWeights changed the index it was called on")
	}
}
