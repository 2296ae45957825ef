package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reportbot/reportbot/bot/slackfake"
	"github.com/reportbot/reportbot/knowledge"
	"github.com/reportbot/reportbot/rag"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// storeReport loads the report at path into the library persisted in dir,
// as a serve before a restart would have, and returns the report.
func storeReport(t *testing.T, dir, src string) *knowledge.Report {
	t.Helper()
	r, err := (&knowledge.Loader{}).Load(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	lib := rag.NewLibrary(quiet, dir, nil)
	if _, err := lib.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := lib.Load(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	return r
}

var beijingPath = filepath.Join("..", "..", "testdata", "reports", "beijing2026.txt")

func statusOf(t *testing.T, h *serveHarness, want ...string) string {
	t.Helper()
	_, url, err := h.fake.SendCommand(h.ctx(), slackfake.Command{Text: "status", UserID: "UUSER", ChannelID: "COPS"})
	if err != nil {
		t.Fatal(err)
	}
	return h.wait(t, "status with "+strings.Join(want, ", "), func(c slackfake.Call) bool {
		return c.Method == "response_url" && c.URL == url && hasAll(c.Content(), want)
	}).Content()
}

// TestDamagedStateRecovered: a truncated library.json does not make serve
// fall back to the built-in report and forget the admin's: every stored
// report is recovered, the damaged file is kept, and the status says so.
func TestDamagedStateRecovered(t *testing.T) {
	dir := t.TempDir()
	storeReport(t, dir, beijingPath)
	state := filepath.Join(dir, "library.json")
	data, err := os.ReadFile(state)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(state, data[:len(data)/2], 0o644)

	h := startServeWith(t, map[string]string{"REPORTBOT_DATA_DIR": dir})
	statusOf(t, h, "北京市", "降级运行", "damaged")
	h.fake.SendEvent(h.ctx(), "EvDS1", slackfake.Mention("CDS", "UUSER", h.nextTS(), "", "<@UBOT> 今年地区生产总值增长目标是多少"))
	h.answerIn(t, "CDS", "5%左右", "北京市")
	if kept, _ := filepath.Glob(state + ".damaged-*"); len(kept) != 1 {
		t.Errorf("damaged state not kept: %v", kept)
	}
	// The state is whole again: the next start is not degraded.
	lib := rag.NewLibrary(quiet, dir, nil)
	if n, err := lib.Open(context.Background()); err != nil || n != 1 || len(lib.Problems()) != 0 {
		t.Errorf("after recovery: %d reports, %v, problems %q", n, err, lib.Problems())
	}
}

// TestUnreadableReportServesBuiltinLoudly: when the only stored report
// cannot be read, the built-in report serves, the status says why, and
// the state listing the admin's report is not rewritten.
func TestUnreadableReportServesBuiltinLoudly(t *testing.T) {
	dir := t.TempDir()
	storeReport(t, dir, beijingPath)
	files, _ := filepath.Glob(filepath.Join(dir, "reports", "*.json"))
	if len(files) != 1 {
		t.Fatalf("stored reports: %v", files)
	}
	os.WriteFile(files[0], []byte("{broken"), 0o644)
	state, _ := os.ReadFile(filepath.Join(dir, "library.json"))

	h := startServeWith(t, map[string]string{"REPORTBOT_DATA_DIR": dir})
	statusOf(t, h, "镇海", "降级运行", "could not be read", "built-in")
	if after, _ := os.ReadFile(filepath.Join(dir, "library.json")); string(after) != string(state) {
		t.Error("the state listing the unreadable report was rewritten")
	}
}

// TestUnwritableDataDirStillServes: a data dir whose files cannot be
// written (here reports/ is a file, which stops root too) still serves,
// from memory, degraded; an admin's reload works and says it is not saved;
// the offline ask works.
func TestUnwritableDataDirStillServes(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "reports"), []byte("not a directory"), 0o644)
	out, errOut, code := runCmdEnv(t, map[string]string{"REPORTBOT_DATA_DIR": dir}, "ask", "今年失业率目标是多少")
	if code != 0 || !strings.Contains(out, "3%以内") {
		t.Fatalf("offline ask with an unwritable data dir: exit %d %s %s", code, out, errOut)
	}
	h := startServeWith(t, map[string]string{"REPORTBOT_DATA_DIR": dir})
	statusOf(t, h, "镇海", "降级运行", "not writable")
	_, url, err := h.fake.SendCommand(h.ctx(), slackfake.Command{Text: "reload " + h.web.URL + "/beijing2026.txt", UserID: "UADMIN", ChannelID: "CRO"})
	if err != nil {
		t.Fatal(err)
	}
	h.wait(t, "reload done with a warning", func(c slackfake.Call) bool {
		return c.URL == url && hasAll(c.Content(), []string{"已切换", "重启后将丢失"})
	})
	statusOf(t, h, "北京市", "降级运行")
}

// TestUnreachableSourceServesStoredCopy: REPORTBOT_REPORT's host is down
// at start, but the data dir holds that report: serve it, degraded.
func TestUnreachableSourceServesStoredCopy(t *testing.T) {
	data, err := os.ReadFile(beijingPath)
	if err != nil {
		t.Fatal(err)
	}
	web := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write(data) }))
	src := web.URL + "/beijing2026.txt"
	dir := t.TempDir()
	storeReport(t, dir, src)
	web.Close()

	h := startServeWith(t, map[string]string{"REPORTBOT_DATA_DIR": dir, "REPORTBOT_REPORT": src})
	statusOf(t, h, "北京市", "降级运行", "REPORTBOT_REPORT could not be loaded")
}

// TestOneShotLeavesStateAlone: `ask -report X` and `targets -report X` with
// the server's data dir answer from X and leave the server's state as it
// was: serve restarts on the admin's report.
func TestOneShotLeavesStateAlone(t *testing.T) {
	dir := t.TempDir()
	storeReport(t, dir, beijingPath)
	state := filepath.Join(dir, "library.json")
	before, _ := os.ReadFile(state)
	fi, _ := os.Stat(state)
	zhenhai := filepath.Join("..", "..", "testdata", "reports", "zhenhai2023.txt")
	for _, args := range [][]string{{"ask", "-report", zhenhai, "今年失业率目标是多少"}, {"targets", "-report", zhenhai}, {"ask", "今年失业率目标是多少"}} {
		if _, errOut, code := runCmdEnv(t, map[string]string{"REPORTBOT_DATA_DIR": dir}, args...); code != 0 {
			t.Fatalf("%v: exit %d %s", args, code, errOut)
		}
	}
	after, _ := os.ReadFile(state)
	fi2, _ := os.Stat(state)
	if string(after) != string(before) || !fi2.ModTime().Equal(fi.ModTime()) {
		t.Error("a one-shot command rewrote the server's state")
	}
	h := startServeWith(t, map[string]string{"REPORTBOT_DATA_DIR": dir})
	statusOf(t, h, "北京市")
}

// runCmdEnv is runCmd with an environment of its own.
func runCmdEnv(t *testing.T, vars map[string]string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut strings.Builder
	err := run(context.Background(), args, func(k string) string { return vars[k] }, &out, &errOut)
	code = exitCode(err, &errOut)
	return out.String(), errOut.String(), code
}

// TestServeRoutesByPlace: with several reports in the library, a question
// naming two places is answered in Slack from both, each citation naming
// its report; one naming none comes from the default report.
func TestServeRoutesByPlace(t *testing.T) {
	dir := t.TempDir()
	storeReport(t, dir, beijingPath)
	storeReport(t, dir, filepath.Join("..", "..", "testdata", "reports", "guangdong2026.txt"))
	h := startServeWith(t, map[string]string{"REPORTBOT_DATA_DIR": dir})
	h.fake.SendEvent(h.ctx(), "EvRT1", slackfake.Mention("CRT", "UUSER", h.nextTS(), "", "<@UBOT> 广东和北京今年GDP目标分别是多少"))
	h.answerIn(t, "CRT", "【广东省 2026】", "4.5%—5%", "【北京市 2026】", "5%左右", "广东省 2026 §32", "北京市 2026 §32", "多份报告")
	h.fake.SendEvent(h.ctx(), "EvRT2", slackfake.Mention("CRT2", "UUSER", h.nextTS(), "", "<@UBOT> 上海今年GDP目标是多少"))
	h.answerIn(t, "CRT2", "没有上海的报告")
}

// TestServeChannelReport: /report list shows the library; /report use sets
// a channel's report for questions naming no place; other channels keep
// the library's default; a place named still routes.
func TestServeChannelReport(t *testing.T) {
	dir := t.TempDir()
	storeReport(t, dir, filepath.Join("..", "..", "testdata", "reports", "guangdong2026.txt"))
	storeReport(t, dir, beijingPath) // loaded last: the default
	h := startServeWith(t, map[string]string{"REPORTBOT_DATA_DIR": dir})
	slash := func(channel, text string, want ...string) {
		t.Helper()
		_, url, err := h.fake.SendCommand(h.ctx(), slackfake.Command{Text: text, UserID: "UUSER", ChannelID: channel})
		if err != nil {
			t.Fatal(err)
		}
		h.wait(t, text+" → "+strings.Join(want, ","), func(c slackfake.Call) bool {
			return c.Method == "response_url" && c.URL == url && hasAll(c.Content(), want)
		})
	}
	slash("CU1", "list", "广东省 2026", "北京市 2026 — 《2026年北京市政府工作报告》", "`（默认）")
	slash("CU1", "use 广东", "本频道", "广东省 2026")
	slash("CU1", "list", "广东省 2026 — 《2026年广东省政府工作报告》", "`（本频道使用）")
	slash("CU1", "use 上海", "没有找到")
	slash("CU3", "目标 广东 北京", "主要预期目标对比", "*地区生产总值增长*", "广东省 2026：4.5%—5% §32", "北京市 2026：5%左右 §32（上年 5.4%）")
	slash("CU3", "目标 上海", "请指明两份或更多")
	h.fake.SendEvent(h.ctx(), "EvCU1", slackfake.Mention("CU1", "UUSER", h.nextTS(), "", "<@UBOT> 今年地区生产总值增长目标是多少"))
	h.answerIn(t, "CU1", "4.5%—5%", "广东省")
	h.fake.SendEvent(h.ctx(), "EvCU2", slackfake.Mention("CU2", "UUSER", h.nextTS(), "", "<@UBOT> 今年地区生产总值增长目标是多少"))
	h.answerIn(t, "CU2", "5%左右", "北京市")
	h.fake.SendEvent(h.ctx(), "EvCU3", slackfake.Mention("CU1", "UUSER", h.nextTS(), "", "<@UBOT> 北京今年地区生产总值增长目标是多少"))
	h.answerIn(t, "CU1", "5%左右", "北京市")
}
