package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func reportFile(name string) string {
	for _, d := range []string{"reports", "heldout", "heldout5", "heldout6"} {
		p := filepath.Join("..", "..", "testdata", d, name)
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return filepath.Join("..", "..", "testdata", "reports", name)
}

// TestLibraryCommands: load several real reports into one library, list
// them, answer from the default, replace one by loading it again, remove
// one; a failing source is reported and the others still load.
func TestLibraryCommands(t *testing.T) {
	vars := map[string]string{"REPORTBOT_DATA_DIR": t.TempDir()}
	run := func(args ...string) (string, string, int) { return runCmdEnv(t, vars, args...) }

	out, errOut, code := run("list")
	if code != 0 || !strings.Contains(out, "built-in") {
		t.Fatalf("empty library: exit %d %s %s", code, out, errOut)
	}
	out, errOut, code = run("ask", "今年失业率目标是多少")
	if code != 0 || !strings.Contains(out, "3%以内") {
		t.Fatalf("ask on an empty library (the built-in report): %s %s", out, errOut)
	}

	missing := filepath.Join(t.TempDir(), "missing.txt")
	out, errOut, code = run("load", reportFile("beijing2026.txt"), missing, reportFile("guangdong2026.txt"), reportFile("yangzhou2024.md"))
	if code != 1 || !strings.Contains(errOut, "1 of 4 sources failed") {
		t.Errorf("load with one missing file: exit %d, stderr %q", code, errOut)
	}
	for _, want := range []string{"✓", "北京市", "广东省", "扬州市", "✗ " + missing} {
		if !strings.Contains(out, want) {
			t.Errorf("load output lacks %q:\n%s", want, out)
		}
	}

	out, _, code = run("list", "-json")
	var listed struct {
		Reports []struct {
			ID, Title, Government string
			Year                  int
			Active                bool
		} `json:"reports"`
	}
	if err := json.Unmarshal([]byte(out), &listed); err != nil || code != 0 {
		t.Fatalf("list -json: %v %s", err, out)
	}
	if len(listed.Reports) != 3 {
		t.Fatalf("listed %d reports, want 3: %s", len(listed.Reports), out)
	}
	var defaultGov, yangzhou string
	for _, r := range listed.Reports {
		if r.Active {
			defaultGov = r.Government
		}
		if strings.Contains(r.Government, "扬州") {
			yangzhou = r.ID
		}
	}
	if !strings.Contains(defaultGov, "北京") {
		t.Errorf("default report is %q, want the first loaded (北京)", defaultGov)
	}
	// Questions naming no report go to the default one.
	out, _, _ = run("ask", "今年地区生产总值增长目标是多少")
	if !strings.Contains(out, "5%左右") || !strings.Contains(out, "北京") {
		t.Errorf("ask answered from another report than the default:\n%s", out)
	}

	// The same government and year again (a corrected text) replaces it.
	data, _ := os.ReadFile(reportFile("beijing2026.txt"))
	fixed := filepath.Join(t.TempDir(), "beijing2026-fixed.txt")
	os.WriteFile(fixed, append(data, []byte("\n附：本报告文字经过校对。\n")...), 0o644)
	if _, errOut, code := run("load", fixed); code != 0 {
		t.Fatalf("reload: %s", errOut)
	}
	out, _, _ = run("list")
	if strings.Count(out, "北京市人民政府") != 1 || strings.Count(out, "\n") != 5 || !strings.Contains(out, "*  ") {
		t.Errorf("after loading 北京 again:\n%s", out)
	}

	if out, errOut, code := run("remove", yangzhou[:6]); code != 0 || !strings.Contains(out, yangzhou) {
		t.Errorf("remove by prefix: exit %d %s %s", code, out, errOut)
	}
	if _, errOut, code := run("remove", "ffffffff"); code != 2 || !strings.Contains(errOut, "no report") {
		t.Errorf("remove of an unknown ID: exit %d %s", code, errOut)
	}
	out, _, _ = run("list")
	if strings.Contains(out, "扬州") || !strings.Contains(out, "广东") {
		t.Errorf("after remove:\n%s", out)
	}
	// targets and serve use the library too: the default report's targets.
	out, _, _ = run("targets")
	if !strings.Contains(out, "5%左右") {
		t.Errorf("targets of the default report:\n%s", out)
	}
}
