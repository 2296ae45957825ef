package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runTargets drives the real command body.
func runTargets(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errb bytes.Buffer
	err = run(context.Background(), append([]string{"targets"}, args...), testGetenv(t), &out, &errb)
	return out.String(), errb.String(), err
}

func TestTargetsCommandJSON(t *testing.T) {
	stdout, _, err := runTargets(t, "-report", "../../testdata/reports/beijing2026.txt", "-json")
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(strings.NewReader(stdout))
	var got targetsJSON
	if err := dec.Decode(&got); err != nil {
		t.Fatalf("decode %q: %v", stdout, err)
	}
	if dec.More() {
		t.Errorf("more than one JSON value in output:\n%s", stdout)
	}
	if got.Report.Title != "2026年北京市政府工作报告" || got.Report.Year != 2026 {
		t.Errorf("report = %+v", got.Report)
	}
	if len(got.Targets) < 7 {
		t.Fatalf("got %d targets, want at least the 7 main ones:\n%s", len(got.Targets), stdout)
	}
	gdp := got.Targets[0]
	if gdp.Indicator != "地区生产总值增长" || gdp.Value != "5%" || gdp.Qualifier != "左右" || gdp.Secondary || gdp.Paragraph == 0 {
		t.Errorf("first target = %+v", gdp)
	}
	if gdp.Previous == nil || gdp.Previous.Value != "5.4%" || gdp.Previous.Paragraph == 0 || gdp.Previous.Paragraph >= gdp.Paragraph {
		t.Errorf("first target's previous = %+v, want 5.4%% cited before §%d", gdp.Previous, gdp.Paragraph)
	}
	// The raw form keeps every key, with previous null when unknown.
	var raw struct {
		Targets []map[string]any `json:"targets"`
	}
	if err := json.Unmarshal([]byte(stdout), &raw); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"indicator", "value", "qualifier", "text", "paragraph", "secondary", "previous"} {
		if _, ok := raw.Targets[3][k]; !ok {
			t.Errorf("target JSON lacks %q: %v", k, raw.Targets[3])
		}
	}
	if raw.Targets[3]["previous"] != nil {
		t.Errorf("CPI target previous = %v, want null", raw.Targets[3]["previous"])
	}
}

func TestTargetsCommandTable(t *testing.T) {
	stdout, _, err := runTargets(t) // the built-in 镇海 2023 report
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(stdout, "\n"), "\n")
	var rows []string
	for _, l := range lines {
		if strings.Contains(l, "§") {
			rows = append(rows, l)
		}
	}
	for _, want := range []string{"5.5%以上", "95亿元以上", "与经济增长基本同步", "控制在3%以内", "完成省市明确的既定目标"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("table lacks %q:\n%s", want, stdout)
		}
	}
	if len(rows) != 5 {
		t.Fatalf("got %d target rows, want 5:\n%s", len(rows), stdout)
	}
	// Columns line up on screen: the source column starts at the same
	// display column in every row and in the header.
	header := lines[2]
	col := displayWidth(header[:strings.Index(header, "出处")])
	for _, r := range rows {
		if got := displayWidth(r[:strings.LastIndex(r, "§")]); got != col {
			t.Errorf("row %q: source at column %d, header at %d", r, got, col)
		}
	}
}

func TestTargetsCommandNoTargets(t *testing.T) {
	path := filepath.Join(t.TempDir(), "review.txt")
	text := "2026年某市政府工作报告\n\n各位代表：\n\n过去一年，全市地区生产总值增长5.4%，一般公共预算收入增长4.8%。\n\n今年要坚持稳中求进，扎实做好各项工作。\n"
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, _, err := runTargets(t, "-report", path)
	if err != nil {
		t.Fatalf("no targets is not an error, got %v", err)
	}
	if !strings.Contains(stdout, noTargetsMessage) || strings.Contains(stdout, "§") {
		t.Errorf("output = %q, want the no-targets message and no rows", stdout)
	}
	stdout, _, err = runTargets(t, "-report", path, "-json")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stdout, `"targets": []`) {
		t.Errorf("JSON output = %q, want an empty targets array", stdout)
	}
}

func TestTargetsCommandUsage(t *testing.T) {
	_, _, err := runTargets(t, "extra")
	var ue usageError
	if !errors.As(err, &ue) {
		t.Errorf("extra argument: err = %v, want a usage error", err)
	}
	_, _, err = runTargets(t, "-nosuchflag")
	if !errors.As(err, &ue) {
		t.Errorf("unknown flag: err = %v, want a usage error", err)
	}
	if _, _, err := runTargets(t, "-report", filepath.Join(t.TempDir(), "missing.txt")); err == nil || errors.As(err, &ue) {
		t.Errorf("missing file: err = %v, want a runtime error", err)
	}
}

func TestDisplayWidth(t *testing.T) {
	if got, want := displayWidth("GDP增长5%"), 3+4+2; got != want {
		t.Errorf("displayWidth = %d, want %d", got, want)
	}
}
