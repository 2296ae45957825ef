package bot

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

func TestThreadMemoryFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "threads.json")
	a := newThreads(time.Hour, 3, 10)
	a.path = path
	a.add("C1:1.0", "今年GDP目标是多少")
	a.add("C1:1.0", "那CPI呢")
	if err := a.save(); err != nil {
		t.Fatal(err)
	}
	b := newThreads(time.Hour, 3, 10)
	b.path = path
	if err := b.load(); err != nil {
		t.Fatal(err)
	}
	if got := b.context("C1:1.0"); len(got) != 2 || got[1] != "那CPI呢" {
		t.Errorf("restored context = %q", got)
	}
	// Expired conversations are not restored.
	c := newThreads(time.Hour, 3, 10)
	c.path, c.now = path, func() time.Time { return time.Now().Add(2 * time.Hour) }
	if err := c.load(); err != nil || c.known("C1:1.0") {
		t.Errorf("an expired conversation was restored (%v)", err)
	}
	// A damaged file is an error and an empty memory, and is not
	// overwritten until something new is remembered.
	os.WriteFile(path, []byte(`{"version":1,"conversations":{"C1:1.0":{"questions":["今`), 0o600)
	d := newThreads(time.Hour, 3, 10)
	d.path = path
	if err := d.load(); err == nil || d.known("C1:1.0") {
		t.Errorf("damaged file: err %v, known %v", err, d.known("C1:1.0"))
	}
	if err := d.save(); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(path); len(data) < 20 {
		t.Error("an unchanged memory overwrote the damaged file")
	}
	// Nothing is left behind by a save, and a read-only directory is an
	// error, not a crash; the memory keeps working.
	if runtime.GOOS != "windows" && os.Getuid() != 0 {
		ro := t.TempDir()
		e := newThreads(time.Hour, 3, 10)
		e.path = filepath.Join(ro, "threads.json")
		os.Chmod(ro, 0o500)
		t.Cleanup(func() { os.Chmod(ro, 0o700) })
		e.add("D1", "今年GDP目标是多少")
		if err := e.save(); err == nil {
			t.Error("saving into a read-only directory reported success")
		}
		if got := e.context("D1"); len(got) != 1 {
			t.Errorf("memory lost after a failed save: %q", got)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, en := range entries {
		if en.Name() != "threads.json" {
			t.Errorf("left behind: %s", en.Name())
		}
	}
}
