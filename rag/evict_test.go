package rag

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestInactiveReportsEvicted: loading many distinct reports keeps at most
// maxResident indexes in memory; the others stay listed and on disk, and
// come back when asked for, also after a restart.
func TestInactiveReportsEvicted(t *testing.T) {
	dir := t.TempDir()
	lib := NewLibrary(discard, dir, nil)
	var ids []string
	for i := 0; i < maxResident+4; i++ {
		r := makeReport(fmt.Sprintf("%d年示例市政府工作报告", 2001+i), 2001+i,
			para{"", "示例市市长 张三"},
			para{"二、工作安排", fmt.Sprintf("今年经济社会发展主要预期目标是：地区生产总值增长%d.5%%左右，新建项目%d个。", i%9+1, 100+i)})
		ix, err := lib.Load(context.Background(), r)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, ix.id)
	}
	if n := len(*lib.indexes.Load()); n > maxResident {
		t.Errorf("%d indexes in memory, want at most %d", n, maxResident)
	}
	if n := len(lib.Reports()); n != len(ids) {
		t.Errorf("%d reports listed, want %d", n, len(ids))
	}
	if st := lib.Status(); st.Loaded != len(ids) || st.Active.ID != ids[len(ids)-1] {
		t.Errorf("status: %+v", st)
	}
	// The first report was evicted; asking for it brings it back.
	if _, resident := (*lib.indexes.Load())[ids[0]]; resident {
		t.Fatal("the oldest report is still in memory")
	}
	a, err := New(discard, lib, nil).Answer(context.Background(), Question{Text: "今年GDP目标多少", Report: ids[0]})
	if err != nil || !strings.Contains(a.Text, "1.5%左右") || a.Report.Year != 2001 {
		t.Errorf("evicted report answers %q (%d), %v", a.Text, a.Report.Year, err)
	}
	if err := lib.Activate(ids[1]); err != nil {
		t.Errorf("activate an evicted report: %v", err)
	}
	// After a restart every report is listed and the active one is kept.
	again := NewLibrary(discard, dir, nil)
	if n, err := again.Open(context.Background()); err != nil || n != len(ids) || len(again.Problems()) > 0 {
		t.Fatalf("restart: %d of %d, %v, %q", n, len(ids), err, again.Problems())
	}
	if st := again.Status(); st.Active.ID != ids[1] || st.Loaded != len(ids) {
		t.Errorf("after restart: active %s loaded %d", st.Active.ID, st.Loaded)
	}
	if n := len(*again.indexes.Load()); n > maxResident {
		t.Errorf("%d indexes in memory after restart", n)
	}
}

// TestLeftoverTempFilesRemoved: temporary files a killed process left are
// removed at start; a fresh one (a write in progress beside us) is not.
func TestLeftoverTempFilesRemoved(t *testing.T) {
	dir := t.TempDir()
	lib := NewLibrary(discard, dir, nil)
	if _, err := lib.Load(context.Background(), smallReport()); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-time.Hour)
	stale := []string{filepath.Join(dir, ".tmp-library.json-123"), filepath.Join(dir, "reports", ".tmp-x.json-9")}
	for _, p := range stale {
		os.WriteFile(p, []byte("half"), 0o644)
		os.Chtimes(p, old, old)
	}
	fresh := filepath.Join(dir, "indexes", ".tmp-y.gob-1")
	os.MkdirAll(filepath.Dir(fresh), 0o755)
	os.WriteFile(fresh, []byte("writing"), 0o644)
	if _, err := NewLibrary(discard, dir, nil).Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, p := range stale {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("leftover %s not removed", p)
		}
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Errorf("a fresh temporary file was removed: %v", err)
	}
}
