package rag

import (
	"context"
	"testing"
)

func TestCitationsNumberOnce(t *testing.T) {
	ix := buildTestIndex(t, smallReport())
	cs := &citations{ix: ix}
	if n := cs.cite(5, "甲。"); n != 1 {
		t.Fatalf("first cite = %d", n)
	}
	if n := cs.cite(2, ""); n != 2 {
		t.Fatalf("second paragraph = %d", n)
	}
	if got := cs.marker(5, "乙。"); got != "[1]" {
		t.Errorf("paragraph cited again = %s, want [1]", got)
	}
	cs.cite(5, "甲。")
	if q := cs.all()[0].Quote; q != "甲。乙。" {
		t.Errorf("quotes = %q, want each once", q)
	}
	if cs.marker(0, "") != "" || len(cs.all()) != 2 {
		t.Errorf("no paragraph must cite nothing: %v", cs.all())
	}
	// Two parts answered from one paragraph share its number.
	a, err := Extract(context.Background(), ix, "今年GDP和CPI目标分别是多少")
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Citations) != 1 || a.Citations[0].N != 1 {
		t.Errorf("citations = %+v, want one [1]", a.Citations)
	}
}
