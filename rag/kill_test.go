package rag

import (
	"bufio"
	"context"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
	"time"
)

// killChildEnv makes the test binary the child of TestKillDuringLoads.
const killChildEnv = "REPORTBOT_KILL_CHILD_DIR"

// TestKillDuringLoads kills a process with kill -9 while it loads reports
// and switches between them in a data dir, again and again, and checks
// after each kill that the data dir opens whole: no damaged state, every
// report listed restorable, an active report that answers.
func TestKillDuringLoads(t *testing.T) {
	if dir := os.Getenv(killChildEnv); dir != "" {
		killChild(dir)
		return
	}
	if runtime.GOOS == "windows" {
		t.Skip("kill -9 is a Unix signal")
	}
	dir := t.TempDir()
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	kills := 12
	if testing.Short() {
		kills = 4
	}
	for i := 0; i < kills; i++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestKillDuringLoads$", "-test.count=1")
		cmd.Env = append(os.Environ(), killChildEnv+"="+dir)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		ready := make(chan bool, 1)
		go func() {
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				if strings.Contains(sc.Text(), "loading") {
					ready <- true
					break
				}
			}
			for sc.Scan() {
			}
		}()
		select {
		case <-ready:
		case <-time.After(60 * time.Second):
			cmd.Process.Kill()
			t.Fatal("the child never started loading")
		}
		time.Sleep(time.Duration(rng.Intn(40)) * time.Millisecond)
		cmd.Process.Kill() // SIGKILL: no deferred cleanup, no flush
		cmd.Wait()

		lib := NewLibrary(discard, dir, nil)
		n, err := lib.Open(context.Background())
		if err != nil {
			t.Fatalf("kill %d: open: %v", i, err)
		}
		if p := lib.Problems(); len(p) > 0 {
			t.Fatalf("kill %d: the data dir is not whole: %q", i, p)
		}
		if n == 0 {
			continue // killed before the first load finished
		}
		a, err := New(discard, lib, nil).Answer(context.Background(), Question{Text: "今年GDP目标多少"})
		if err != nil || !strings.Contains(a.Text, "5%左右") {
			t.Fatalf("kill %d: restored library answers %q, %v", i, a.Text, err)
		}
	}
}

// killChild loads two reports in turn into the library in dir and switches
// between them until it is killed.
func killChild(dir string) {
	ctx := context.Background()
	lib := NewLibrary(discard, dir, nil)
	if _, err := lib.Open(ctx); err != nil {
		os.Exit(3)
	}
	a := smallReport()
	os.Stdout.WriteString("loading\n")
	for i := 0; ; i++ {
		r := a
		if i%2 == 1 {
			// A new version each time: its report file, index and vectors
			// are all written, not only the state.
			r = makeReport("2025年示例县政府工作报告", 2025,
				para{"", "示例县县长 李四"},
				para{"二、2025年工作安排", fmt.Sprintf("今年经济社会发展主要预期目标是：地区生产总值增长5%%左右，新建项目%d个。", i)})
		}
		if _, err := lib.Load(ctx, r); err != nil {
			os.Exit(4)
		}
	}
}
