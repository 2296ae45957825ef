package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// testGetenv is an environment holding only a private data directory, so
// tests never touch the user's cache.
func testGetenv(t *testing.T) func(string) string {
	dir := t.TempDir()
	return func(k string) string {
		if k == "REPORTBOT_DATA_DIR" {
			return dir
		}
		return ""
	}
}

// runCmd runs reportbot with args and an environment holding only a
// private data directory, returning its output and exit code as main would.
func runCmd(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, testGetenv(t), &out, &errOut)
	code = exitCode(err, &errOut)
	return out.String(), errOut.String(), code
}

func TestHelpAndUsage(t *testing.T) {
	tests := []struct {
		args     []string
		code     int
		out, err string
	}{
		{[]string{"help"}, 0, "inspect", ""},
		{[]string{"--help"}, 0, "Commands:", ""},
		{nil, 2, "Commands:", "no command given"},
		{[]string{"frobnicate"}, 2, "", `unknown command "frobnicate"`},
		{[]string{"help", "frobnicate"}, 2, "", `unknown command "frobnicate"`},
		{[]string{"inspect", "-h"}, 0, "", "Usage: reportbot inspect"},
		{[]string{"help", "inspect"}, 0, "", "-report"},
		{[]string{"inspect", "-bogus"}, 2, "", "flag provided but not defined"},
		{[]string{"inspect", "extra"}, 2, "", "takes no arguments"},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			out, errOut, code := runCmd(t, tc.args...)
			if code != tc.code {
				t.Errorf("exit code %d, want %d (stderr %q)", code, tc.code, errOut)
			}
			if !strings.Contains(out, tc.out) {
				t.Errorf("stdout %q does not contain %q", out, tc.out)
			}
			if !strings.Contains(errOut, tc.err) {
				t.Errorf("stderr %q does not contain %q", errOut, tc.err)
			}
		})
	}
}

func TestInspectJSON(t *testing.T) {
	out, errOut, code := runCmd(t, "inspect", "-json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got struct {
		Title      string `json:"title"`
		Government string `json:"government"`
		Date       string `json:"date"`
		Year       int    `json:"year"`
		Delivery   *struct {
			Paragraph int    `json:"paragraph"`
			Venue     string `json:"venue"`
		} `json:"delivery"`
		Speakers   []json.RawMessage `json:"speakers"`
		Places     []string          `json:"places"`
		Within     []string          `json:"within"`
		Paragraphs []struct {
			N       int    `json:"n"`
			Section string `json:"section"`
			Text    string `json:"text"`
		} `json:"paragraphs"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("output is not one JSON object: %v\n%s", err, out)
	}
	if got.Year != 2023 || got.Government != "宁波市镇海区人民政府" || got.Date != "2023-02-03" {
		t.Errorf("metadata = %+v", got)
	}
	// The built-in page has no delivery line or byline left, only its title.
	if got.Delivery != nil || got.Speakers == nil || len(got.Speakers) != 0 {
		t.Errorf("delivery = %+v, speakers = %s; want null and []", got.Delivery, got.Speakers)
	}
	if !slices.Contains(got.Places, "镇海") || slices.Contains(got.Places, "宁波") || !slices.Equal(got.Within, []string{"宁波市", "宁波"}) {
		t.Errorf("places = %q, within = %q", got.Places, got.Within)
	}
	found := false
	for i, p := range got.Paragraphs {
		if p.N != i+1 {
			t.Errorf("paragraph %d numbered %d", i+1, p.N)
		}
		if strings.Contains(p.Text, "城镇登记失业率控制在3%以内") {
			found = true
			if p.Section != "二、2023年工作安排" {
				t.Errorf("targets paragraph section = %q", p.Section)
			}
		}
	}
	if !found {
		t.Error("the targets paragraph is missing")
	}
}

func TestInspectText(t *testing.T) {
	out, _, code := runCmd(t, "inspect", "-report", filepath.Join("..", "..", "testdata", "reports", "sichuan2026.txt"))
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"四川省人民政府", "2026-02-03", "三、2026年工作安排", "（一）突出扩大内需战略基点",
		"会议 Venue:       四川省第十四届人民代表大会第五次会议 (§1)", "报告人 Speaker:   四川省人民政府省长 施小琳 (§2)", "地名 Places:      四川省 省政府 四川 全省"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
}

func TestInspectBadInput(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.txt")
	binary := filepath.Join(dir, "photo.png")
	os.WriteFile(empty, nil, 0o644)
	os.WriteFile(binary, []byte("\x89PNG\r\n\x1a\n\x00\x00\x00"), 0o644)
	for _, tc := range []struct{ src, msg string }{
		{empty, "empty"},
		{binary, "binary"},
		{filepath.Join(dir, "missing.txt"), "no such file"},
		{"ftp://example.com/x.txt", "only http and https"},
	} {
		_, errOut, code := runCmd(t, "inspect", "-report", tc.src)
		if code != 1 {
			t.Errorf("%s: exit %d, want 1", tc.src, code)
		}
		if !strings.Contains(errOut, tc.msg) || strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
			t.Errorf("%s: stderr %q, want one line saying %q", tc.src, errOut, tc.msg)
		}
	}
}

func TestExitCode(t *testing.T) {
	var buf bytes.Buffer
	if c := exitCode(nil, &buf); c != 0 {
		t.Errorf("nil: %d", c)
	}
	if c := exitCode(errors.New("boom\nsecond line"), &buf); c != 1 || buf.String() != "reportbot: boom second line\n" {
		t.Errorf("runtime error: %d %q", c, buf.String())
	}
}

func TestAsk(t *testing.T) {
	out, errOut, code := runCmd(t, "ask", "今年失业率目标是多少")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"城镇登记失业率控制在3%以内", "第8段", "二、2023年工作安排", "宁波市镇海区人民政府工作报告"} {
		if !strings.Contains(out, want) {
			t.Errorf("answer lacks %q:\n%s", want, out)
		}
	}
}

func TestAskJSON(t *testing.T) {
	for _, tc := range []struct {
		q     string
		found bool
		want  string
	}{
		{"2023年区里一般公共预算收入要冲到多少亿？", true, "95亿元"},
		{"镇海2023年固定资产投资增长目标是多少？", false, "没有"},
	} {
		out, errOut, code := runCmd(t, "ask", "-json", tc.q)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		var got struct {
			Question string `json:"question"`
			Answer   string `json:"answer"`
			Found    bool   `json:"found"`
			Mode     string `json:"mode"`
			Report   struct {
				Title string `json:"title"`
				Year  int    `json:"year"`
			} `json:"report"`
			Citations []struct {
				N         int    `json:"n"`
				Paragraph int    `json:"paragraph"`
				Section   string `json:"section"`
				Quote     string `json:"quote"`
				Text      string `json:"text"`
			} `json:"citations"`
		}
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("not one JSON object: %v\n%s", err, out)
		}
		if got.Question != tc.q || got.Found != tc.found || got.Mode != "extractive" || got.Report.Year != 2023 || !strings.Contains(got.Answer, tc.want) {
			t.Errorf("ask -json %q = %+v", tc.q, got)
		}
		if tc.found && (len(got.Citations) == 0 || got.Citations[0].Paragraph != 8 || !strings.Contains(got.Citations[0].Text, got.Citations[0].Quote)) {
			t.Errorf("citations = %+v, want §8 with a quote from its text", got.Citations)
		}
	}
}

func TestAskUsage(t *testing.T) {
	if _, errOut, code := runCmd(t, "ask"); code != 2 || !strings.Contains(errOut, "no question") {
		t.Errorf("ask without a question: exit %d, %q", code, errOut)
	}
}

func TestEvalCommand(t *testing.T) {
	out, errOut, code := runCmd(t, "eval", "-report", filepath.Join("..", "..", "testdata", "reports", "zhenhai2023.txt"),
		"-qa", filepath.Join("..", "..", "testdata", "qa", "zhenhai2023.qa.jsonl"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"accuracy", "hit@3", "MRR", "p95"} {
		if !strings.Contains(out, want) {
			t.Errorf("eval output lacks %q:\n%s", want, out)
		}
	}
}

func TestEvalMixedSet(t *testing.T) {
	out, errOut, code := runCmd(t, "eval", "-report", filepath.Join("..", "..", "testdata", "reports", "beijing2026.txt"),
		"-qa", filepath.Join("..", "..", "testdata", "qa", "extra-heldout.jsonl"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(errOut, "about other reports skipped") || strings.Contains(out, " 22 questions") {
		t.Errorf("mixed set not filtered to the report: %s / %s", out, errOut)
	}
}

func TestAskTooLong(t *testing.T) {
	_, errOut, code := runCmd(t, "ask", strings.Repeat("经济", 600))
	if code != 2 || !strings.Contains(errOut, "1200 characters") || !strings.Contains(errOut, "at most 1000") {
		t.Errorf("a 1200-character question: exit %d, %q", code, errOut)
	}
}

// TestAskWarnsOfTruncatedFile: a report cut mid-character still answers,
// and the CLI says once that the file is truncated.
func TestAskWarnsOfTruncatedFile(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "reports", "zhenhai2023.txt"))
	if err != nil {
		t.Fatal(err)
	}
	cut := data[:len(data)-1]
	for len(cut) > 0 && cut[len(cut)-1] < 0xC0 && cut[len(cut)-1] >= 0x80 {
		cut = cut[:len(cut)-1] // back to a lead byte...
	}
	cut = append(cut[:len(cut)-1:len(cut)-1], cut[len(cut)-1]) // ...and keep only it: a character cut in two
	path := filepath.Join(t.TempDir(), "cut.txt")
	if err := os.WriteFile(path, cut, 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := runCmd(t, "ask", "-report", path, "今年失业率目标是多少")
	if code != 0 || !strings.Contains(out, "3%以内") {
		t.Fatalf("exit %d: %s %s", code, out, errOut)
	}
	if strings.Count(errOut, "truncated") != 1 {
		t.Errorf("stderr %q, want the truncation warning once", errOut)
	}
}
