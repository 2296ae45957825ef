package rag

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reportbot/reportbot/knowledge"
)

// TestPolicyDocumentFacts: questions about a policy document itself (who
// issued it, its number, its date) are answered from the facts the loader
// read, in any phrasing, with a citation; a work report is unaffected.
func TestPolicyDocumentFacts(t *testing.T) {
	load := func(name string) *Index {
		data, err := os.ReadFile(filepath.Join("..", "testdata", "docs", name))
		if err != nil {
			t.Fatal(err)
		}
		r, err := knowledge.Parse(name, data)
		if err != nil {
			t.Fatal(err)
		}
		return buildTestIndex(t, r)
	}
	notice, opinion := load("gov-2018-124.html"), load("gov-2018-123.txt")
	tests := []struct {
		ix        *Index
		q         string
		want      []string
		wantCited bool
	}{
		{notice, "这个通知是哪个部门发的", []string{"由国务院办公厅发布", "国办发〔2018〕124号"}, true},
		{notice, "请问这份文件是谁印发的？", []string{"国务院办公厅"}, true},
		{notice, "這個通知是哪個部門發的", []string{"国务院办公厅"}, true},
		{notice, "发文机关", []string{"国务院办公厅"}, true},
		{notice, "文号是多少", []string{"国办发〔2018〕124号"}, true},
		{notice, "这个通知是什么时候发的", []string{"2018年12月18日"}, true},
		{notice, "Who issued this notice?", []string{"issued by 国务院办公厅"}, true},
		{opinion, "这份意见是哪个部门发的", []string{"意见", "国务院办公厅", "国办发〔2018〕123号"}, true},
	}
	for _, tt := range tests {
		a, err := Extract(context.Background(), tt.ix, tt.q)
		if err != nil {
			t.Fatalf("%q: %v", tt.q, err)
		}
		for _, w := range tt.want {
			if !strings.Contains(a.Text, w) {
				t.Errorf("%q: answer %q lacks %q", tt.q, a.Text, w)
			}
		}
		if strings.Contains(a.Text, "政府工作报告") {
			t.Errorf("%q: a notice called a work report: %q", tt.q, a.Text)
		}
		if tt.wantCited && len(a.Citations) == 0 {
			t.Errorf("%q: no citation", tt.q)
		}
	}
	// A work report still says who delivered it.
	r := knowledge.Default()
	a, err := Extract(context.Background(), buildTestIndex(t, r), "这个报告是谁作的")
	if err != nil || !strings.Contains(a.Text, "作报告") && !strings.Contains(a.Text, "没有写明") {
		t.Errorf("work report speaker: %q %v", a.Text, err)
	}
}
