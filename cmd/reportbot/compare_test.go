package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestTargetsCompare: four real reports (two of 河北, in 2024 and 2026)
// lined up by indicator, as a table and as JSON, against golden files;
// 地区生产总值增长 is one row whatever each report calls GDP, and 河北's
// change between its two years is said.
func TestTargetsCompare(t *testing.T) {
	vars := map[string]string{"REPORTBOT_DATA_DIR": t.TempDir()}
	if _, errOut, code := runCmdEnv(t, vars, "load", reportFile("beijing2026.txt"), reportFile("guangdong2026.txt"),
		filepath.Join("..", "..", "testdata", "heldout2", "hebei2024.txt"), filepath.Join("..", "..", "testdata", "heldout", "hebei2026.txt")); code != 0 {
		t.Fatalf("load: %s", errOut)
	}
	table, errOut, code := runCmdEnv(t, vars, "targets", "-compare")
	if code != 0 {
		t.Fatalf("targets -compare: %s", errOut)
	}
	js, _, code := runCmdEnv(t, vars, "targets", "-compare", "-json")
	if code != 0 {
		t.Fatal("targets -compare -json failed")
	}
	for name, got := range map[string]string{"targets-compare.txt": table, "targets-compare.json": js} {
		path := filepath.Join("..", "..", "testdata", "golden", name)
		if *updateGolden {
			os.WriteFile(path, []byte(got), 0o644)
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run with -update)", err)
		}
		if got != string(want) {
			t.Errorf("%s differs (run with -update to accept):\n%s", name, got)
		}
	}
	var c compareJSON
	if err := json.Unmarshal([]byte(js), &c); err != nil {
		t.Fatal(err)
	}
	if len(c.Reports) != 4 || len(c.Rows) == 0 || !strings.Contains(c.Rows[0].Indicator, "生产总值") || len(c.Rows[0].Values) != 4 {
		t.Errorf("first row should be GDP, set by all four: %+v", c.Rows[0])
	}
	if c.Rows[0].Change["河北省人民政府"] != "降低" {
		t.Errorf("河北's GDP target 5.5%% → 5%%: change %q", c.Rows[0].Change)
	}
	// -chart draws one indicator: the named one, else the first.
	pic := filepath.Join(t.TempDir(), "gdp.png")
	if _, errOut, code := runCmdEnv(t, vars, "targets", "-compare", "-chart", pic); code != 0 {
		t.Fatalf("targets -compare -chart: %s", errOut)
	}
	gdp, err := os.ReadFile(pic)
	if _, err2 := png.Decode(bytes.NewReader(gdp)); err != nil || err2 != nil {
		t.Fatalf("chart: %v %v", err, err2)
	}
	pic2 := filepath.Join(t.TempDir(), "jobs.png")
	if _, errOut, code := runCmdEnv(t, vars, "targets", "-compare", "-chart", pic2, "-indicator", "失业率"); code != 0 {
		t.Fatalf("targets -compare -chart -indicator: %s", errOut)
	}
	if jobs, _ := os.ReadFile(pic2); bytes.Equal(jobs, gdp) {
		t.Error("-indicator 失业率 drew the same chart as the default (GDP)")
	}
	if _, errOut, code := runCmdEnv(t, vars, "targets", "-compare", "-chart", pic, "-indicator", "火星"); code != 2 || !strings.Contains(errOut, "火星") {
		t.Errorf("-indicator naming nothing: exit %d %s", code, errOut)
	}
	if _, errOut, code := runCmdEnv(t, vars, "targets", "-chart", pic); code != 2 || !strings.Contains(errOut, "-compare") {
		t.Errorf("-chart without -compare: exit %d %s", code, errOut)
	}
	// Naming reports picks them; one report is not a comparison.
	if _, errOut, code := runCmdEnv(t, vars, "targets", "-compare", "-report", c.Reports[0].ID[:6]); code != 2 || !strings.Contains(errOut, "two or more") {
		t.Errorf("compare of one report: exit %d %s", code, errOut)
	}
}
