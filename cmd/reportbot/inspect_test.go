package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestInspectDocuments: inspect shows a policy document's kind, issuer
// and number, and says when a file was truncated.
func TestInspectDocuments(t *testing.T) {
	docs := filepath.Join("..", "..", "testdata", "docs")
	data, err := os.ReadFile(filepath.Join(docs, "hailaer2018.txt"))
	if err != nil {
		t.Fatal(err)
	}
	// Cut halfway, inside a character: one byte past the start of one.
	cut := filepath.Join(t.TempDir(), "hailaer2018.txt")
	n := len(data) / 2
	for data[n] < 0xC0 { // to the lead byte of a multi-byte character
		n++
	}
	if err := os.WriteFile(cut, data[:n+1], 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		src  string
		want []string
	}{
		{filepath.Join(docs, "gov-2018-124.html"), []string{
			"标题 Title:       国务院办公厅关于印发文化体制改革中经营性文化事业单位转制为企业和进一步支持文化企业发展两个规定的通知\n",
			"类型 Kind:        通知\n", "发文 Issuer:      国务院办公厅\n", "文号 Number:      国办发〔2018〕124号\n",
			"日期 Date:        2018-12-18\n", "年份 Year:        2018\n"}},
		{cut, []string{"警告 Warning:     文件不完整", "the file is truncated", "标题 Title:       2018年海拉尔区政府工作报告\n", "日期 Date:        2018-03-07\n"}},
		{filepath.Join(docs, "national2014.txt"), []string{"标题 Title:       2014年政府工作报告\n", "政府 Government:  国务院\n", "日期 Date:        2014-03-05\n", "年份 Year:        2014\n"}},
	}
	for _, tc := range tests {
		t.Run(filepath.Base(tc.src), func(t *testing.T) {
			out, errOut, code := runCmd(t, "inspect", "-report", tc.src)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("inspect output lacks %q", w)
				}
			}
		})
	}
	out, _, code := runCmd(t, "inspect", "-json", "-report", filepath.Join(docs, "gov-2018-123.txt"))
	if code != 0 || !strings.Contains(out, `"kind": "意见"`) && !strings.Contains(out, `"kind":"意见"`) || !strings.Contains(out, "国办发〔2018〕123号") {
		t.Errorf("inspect -json lacks kind or number:\n%.400s", out)
	}
}
