package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/reportbot/reportbot/bot/slackfake"
)

// syncBuffer is a bytes.Buffer safe for the logger and the test at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// serveHarness runs the real `reportbot serve` — real engine, real report —
// against the in-repo fake Slack.
type serveHarness struct {
	t    *testing.T
	fake *slackfake.Server
	web  *httptest.Server
	logs *syncBuffer
	ts   int
	// stop ends serve as SIGTERM would and waits for it (once).
	stop func()
}

func startServe(t *testing.T) *serveHarness {
	t.Helper()
	return startServeWith(t, nil)
}

// startServeWith starts serve with extra environment variables set.
func startServeWith(t *testing.T, extra map[string]string) *serveHarness {
	t.Helper()
	fake := slackfake.New()
	t.Cleanup(fake.Close)
	beijing, err := os.ReadFile(filepath.Join("..", "..", "testdata", "reports", "beijing2026.txt"))
	if err != nil {
		t.Fatal(err)
	}
	web := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/beijing2026.txt":
			w.Write(beijing)
		case "/photo.png":
			w.Write([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(web.Close)
	vars := map[string]string{
		"SLACK_BOT_TOKEN":    fake.BotToken,
		"SLACK_APP_TOKEN":    fake.AppToken,
		"SLACK_API_URL":      fake.APIURL(),
		"REPORTBOT_ADDR":     "127.0.0.1:0",
		"REPORTBOT_ADMINS":   "UADMIN",
		"REPORTBOT_DATA_DIR": t.TempDir(),
	}
	for k, v := range extra {
		vars[k] = v
	}
	logs := &syncBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve"}, func(k string) string { return vars[k] }, logs, logs)
	}()
	var once sync.Once
	stop := func() {
		once.Do(func() {
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("serve returned %v", err)
				}
			case <-time.After(30 * time.Second):
				t.Error("serve did not stop within 30s of cancellation")
			}
			if strings.Contains(logs.String(), fake.BotToken) || strings.Contains(logs.String(), fake.AppToken) {
				t.Error("a token appears in the logs")
			}
		})
	}
	t.Cleanup(stop)
	wctx, wcancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer wcancel()
	if err := fake.WaitConnected(wctx); err != nil {
		t.Fatalf("serve did not connect: %v\nlogs:\n%s", err, logs)
	}
	return &serveHarness{t: t, fake: fake, web: web, logs: logs, stop: stop}
}

func (h *serveHarness) ctx() context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	h.t.Cleanup(cancel)
	return ctx
}

// nextTS returns a fresh Slack message timestamp.
func (h *serveHarness) nextTS() string {
	h.ts++
	return "1700000100." + strings.Repeat("0", 6-len(itoa(h.ts))) + itoa(h.ts)
}

func itoa(n int) string {
	var b []byte
	for n > 0 || len(b) == 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}

// wait blocks until a call satisfying match has been made, and returns it.
func (h *serveHarness) wait(t *testing.T, what string, match func(c slackfake.Call) bool) slackfake.Call {
	t.Helper()
	var found slackfake.Call
	_, err := h.fake.WaitFor(h.ctx(), what, func(calls []slackfake.Call) bool {
		for _, c := range calls {
			if c.Status == http.StatusOK && match(c) {
				found = c
				return true
			}
		}
		return false
	})
	if err != nil {
		t.Fatalf("%v\nlogs:\n%s", err, h.logs)
	}
	return found
}

// answerIn waits for an answer (a chat.update) in channel containing want.
func (h *serveHarness) answerIn(t *testing.T, channel string, want ...string) slackfake.Call {
	t.Helper()
	return h.wait(t, "answer in "+channel+" with "+strings.Join(want, ", "), func(c slackfake.Call) bool {
		return c.Method == "chat.update" && c.Channel() == channel && hasAll(c.Content(), want)
	})
}

func hasAll(s string, want []string) bool {
	for _, w := range want {
		if !strings.Contains(s, w) {
			return false
		}
	}
	return true
}

func count(calls []slackfake.Call, method, channel string) int {
	n := 0
	for _, c := range calls {
		if c.Method == method && c.Channel() == channel && c.Status == http.StatusOK {
			n++
		}
	}
	return n
}

// TestServe drives `reportbot serve` end to end in Socket Mode: questions
// answered from the built-in report with the right figure and citation,
// the slash commands, and reloads that switch — or, failing, keep — the
// report.
func TestServe(t *testing.T) {
	h := startServe(t)

	t.Run("mention answered once in a thread", func(t *testing.T) {
		ts := h.nextTS()
		if err := h.fake.SendEvent(h.ctx(), "EvM1", slackfake.Mention("C1", "UUSER", ts, "", "<@UBOT> 今年失业率目标是多少")); err != nil {
			t.Fatal(err)
		}
		up := h.answerIn(t, "C1", "3%以内", "§8", "二、2023年工作安排", "宁波市镇海区人民政府工作报告")
		for _, c := range h.fake.Calls("chat.postMessage") {
			if c.Channel() == "C1" && c.TS == up.Get("ts") && c.ThreadTS() != ts {
				t.Errorf("answer in thread %q, want under the question %q", c.ThreadTS(), ts)
			}
		}
	})

	t.Run("message and mention pair, then a redelivery, answered once", func(t *testing.T) {
		ts := h.nextTS()
		text := "<@UBOT> 2023年一般公共预算收入目标是多少？"
		h.fake.SendEvent(h.ctx(), "EvP1", slackfake.Message("C2", "channel", "UUSER", ts, "", text))
		h.fake.SendEvent(h.ctx(), "EvP2", slackfake.Mention("C2", "UUSER", ts, "", text))
		h.fake.RedeliverEvent(h.ctx(), "EvP2", slackfake.Mention("C2", "UUSER", ts, "", text), 1)
		h.answerIn(t, "C2", "95亿元")
		// A later question in the same channel is answered after the
		// pair's; by then any duplicate answer would have been posted.
		h.fake.SendEvent(h.ctx(), "EvP3", slackfake.Mention("C2", "UUSER", h.nextTS(), "", "<@UBOT> 今年失业率目标是多少"))
		h.answerIn(t, "C2", "3%以内")
		if n := count(h.fake.Calls(), "chat.update", "C2"); n != 2 {
			t.Errorf("%d answers in C2, want 2 (one per question)", n)
		}
	})

	t.Run("direct message", func(t *testing.T) {
		h.fake.SendEvent(h.ctx(), "EvD1", slackfake.Message("D1", "im", "UUSER", h.nextTS(), "", "今年GDP增长目标是多少？"))
		h.answerIn(t, "D1", "5.5%以上")
	})

	t.Run("thread follow-up", func(t *testing.T) {
		root := h.nextTS()
		h.fake.SendEvent(h.ctx(), "EvT1", slackfake.Mention("C3", "UUSER", root, "", "<@UBOT> 今年一般公共预算收入目标是多少？"))
		h.answerIn(t, "C3", "95亿元")
		// 「去年呢？」 means nothing alone; with the thread's first question
		// it asks for last year's 一般公共预算收入, which this report does
		// not give.
		h.fake.SendEvent(h.ctx(), "EvT2", slackfake.Mention("C3", "UUSER", h.nextTS(), root, "<@UBOT> 去年呢？"))
		up := h.answerIn(t, "C3", "一般公共预算收入", "没有")
		if strings.Contains(up.Content(), "95亿元以上[") {
			t.Errorf("last year's figure answered with this year's target: %s", up.Content())
		}
	})

	t.Run("rate limited then answered", func(t *testing.T) {
		h.fake.RateLimit("chat.update", 1)
		h.fake.SendEvent(h.ctx(), "EvR1", slackfake.Mention("C4", "UUSER", h.nextTS(), "", "<@UBOT> 今年失业率目标是多少"))
		h.answerIn(t, "C4", "3%以内")
		limited := false
		for _, c := range h.fake.Calls("chat.update") {
			if c.Channel() == "C4" && c.Status == http.StatusTooManyRequests {
				limited = true
			}
		}
		if !limited {
			t.Error("the 429 was never served")
		}
	})

	slash := func(t *testing.T, user, text string, want ...string) slackfake.Call {
		t.Helper()
		_, url, err := h.fake.SendCommand(h.ctx(), slackfake.Command{Text: text, UserID: user, ChannelID: "C9"})
		if err != nil {
			t.Fatal(err)
		}
		return h.wait(t, "/report "+text+" reply with "+strings.Join(want, ", "), func(c slackfake.Call) bool {
			return c.Method == "response_url" && c.URL == url && hasAll(c.Content(), want)
		})
	}

	t.Run("slash ask", func(t *testing.T) { slash(t, "UUSER", "今年失业率目标是多少", "3%以内", "§8") })
	t.Run("slash targets", func(t *testing.T) {
		slash(t, "UUSER", "目标", "地区生产总值增长", "5.5%以上", "95亿元以上", "控制在3%以内")
	})
	t.Run("slash status", func(t *testing.T) {
		slash(t, "UUSER", "status", "宁波市镇海区人民政府工作报告", "9", "extractive")
	})
	t.Run("slash help", func(t *testing.T) { slash(t, "UUSER", "help", "目标", "status") })
	t.Run("slash unknown gets help", func(t *testing.T) { slash(t, "UUSER", "frobnicate", "status") })

	t.Run("non-admin reload refused", func(t *testing.T) {
		slash(t, "UUSER", "reload "+h.web.URL+"/beijing2026.txt", "管理员")
		slash(t, "UUSER", "status", "宁波市镇海区人民政府工作报告")
	})

	t.Run("failing reload keeps the old report", func(t *testing.T) {
		slash(t, "UADMIN", "reload "+h.web.URL+"/photo.png", "文件不是文本报告")
		slash(t, "UADMIN", "reload "+h.web.URL+"/missing.txt", "404")
		slash(t, "UUSER", "今年失业率目标是多少", "3%以内", "§8")
	})

	t.Run("credentials in a reload URL are never logged", func(t *testing.T) {
		withAuth := strings.Replace(h.web.URL, "http://", "http://reportbot:hunter2@", 1)
		slash(t, "UADMIN", "reload "+withAuth+"/missing.txt", "404")
		if strings.Contains(h.logs.String(), "hunter2") {
			t.Errorf("the URL's password is in the logs:\n%s", h.logs)
		}
		if !strings.Contains(h.logs.String(), "missing.txt") {
			t.Errorf("the failed reload is not logged at all:\n%s", h.logs)
		}
	})

	t.Run("admin reload from a URL", func(t *testing.T) {
		slash(t, "UADMIN", "reload "+h.web.URL+"/beijing2026.txt", "已切换")
		slash(t, "UUSER", "北京今年GDP目标多少", "5%左右")
		slash(t, "UUSER", "status", "2026年北京市政府工作报告")
	})

	t.Run("admin reload from an uploaded file", func(t *testing.T) {
		data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "reports", "zhenhai2023.txt"))
		if err != nil {
			t.Fatal(err)
		}
		h.fake.AddFile(slackfake.File{ID: "F1", Name: "zhenhai2023.txt", Mimetype: "text/plain", Data: data})
		h.fake.SendEvent(h.ctx(), "EvF1", h.fake.FileShare("D7", "im", "UADMIN", h.nextTS(), "", "F1"))
		h.wait(t, "switch confirmed in D7", func(c slackfake.Call) bool {
			return c.Method == "chat.postMessage" && c.Channel() == "D7" && strings.Contains(c.Text(), "已切换")
		})
		slash(t, "UUSER", "status", "宁波市镇海区人民政府工作报告")
	})
}

// TestServeConfigErrors checks that missing or malformed settings stop
// serve at start with one line naming the variable.
func TestServeConfigErrors(t *testing.T) {
	tests := []struct {
		vars map[string]string
		want string
	}{
		{map[string]string{}, "SLACK_BOT_TOKEN is not set"},
		{map[string]string{"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_SIGNING_SECRET is not set"},
		{map[string]string{"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1", "REPORTBOT_ADMINS": "U1ABC, bob"}, `REPORTBOT_ADMINS: "bob"`},
		{map[string]string{"SLACK_BOT_TOKEN": "xoxp-user", "SLACK_APP_TOKEN": "xapp-1"}, "SLACK_BOT_TOKEN"},
		{map[string]string{"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xoxb-2"}, "SLACK_APP_TOKEN"},
		{map[string]string{"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "REPORTBOT_MAX_QUESTION": "lots"}, "REPORTBOT_MAX_QUESTION"},
		{map[string]string{"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "REPORTBOT_REPORT": "/nonexistent/report.txt"}, "REPORTBOT_REPORT"},
	}
	for _, tc := range tests {
		t.Run(tc.want, func(t *testing.T) {
			tc.vars["REPORTBOT_DATA_DIR"] = t.TempDir()
			var out, errOut bytes.Buffer
			err := run(context.Background(), []string{"serve"}, func(k string) string { return tc.vars[k] }, &out, &errOut)
			code := exitCode(err, &errOut)
			if code == 0 {
				t.Fatal("serve started")
			}
			lines := strings.Split(strings.TrimSpace(errOut.String()), "\n")
			if msg := lines[len(lines)-1]; !strings.HasPrefix(msg, "reportbot: ") || !strings.Contains(msg, tc.want) {
				t.Errorf("stderr ends %q, want an error line with %q", msg, tc.want)
			}
		})
	}
}

// TestServeHTTPMode runs serve without an app token: the Events API, slash
// commands and interactivity come over HTTP, each request signed.
func TestServeHTTPMode(t *testing.T) {
	fake := slackfake.New()
	t.Cleanup(fake.Close)
	const secret = "8f742231b10e8888abcd99yyyzzz85a5" // Slack's published example secret
	vars := map[string]string{
		"SLACK_BOT_TOKEN":      fake.BotToken,
		"SLACK_SIGNING_SECRET": secret,
		"SLACK_API_URL":        fake.APIURL(),
		"REPORTBOT_ADDR":       "127.0.0.1:0",
		"REPORTBOT_DATA_DIR":   t.TempDir(),
	}
	logs := &syncBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"serve"}, func(k string) string { return vars[k] }, logs, logs) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve returned %v", err)
		}
	})
	// The bound address is in the start-up log line.
	var base string
	deadline := time.Now().Add(30 * time.Second)
	for base == "" && time.Now().Before(deadline) {
		for _, f := range strings.Fields(logs.String()) {
			if a, ok := strings.CutPrefix(f, "addr="); ok && strings.HasPrefix(a, "127.0.0.1:") && !strings.HasSuffix(a, ":0") {
				base = "http://" + a
			}
		}
		if base == "" {
			time.Sleep(10 * time.Millisecond)
		}
	}
	if base == "" {
		t.Fatalf("serve did not start:\n%s", logs)
	}
	post := func(path, body string, sign bool, at time.Time) *http.Response {
		t.Helper()
		req, _ := http.NewRequest(http.MethodPost, base+path, strings.NewReader(body))
		if strings.HasPrefix(body, "{") {
			req.Header.Set("Content-Type", "application/json")
		} else {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		if sign {
			slackfake.SignRequest(req, secret, at, []byte(body))
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { resp.Body.Close() })
		return resp
	}

	verify := `{"token":"x","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}`
	if resp := post("/slack/events", verify, true, time.Now()); resp.StatusCode != http.StatusOK {
		t.Errorf("url_verification: %s", resp.Status)
	} else if b := readAll(t, resp); !strings.Contains(b, "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P") {
		t.Errorf("url_verification answered %q, want the challenge", b)
	}
	if resp := post("/slack/events", verify, false, time.Now()); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("unsigned event: %s, want 401", resp.Status)
	}
	if resp := post("/slack/events", verify, true, time.Now().Add(-10*time.Minute)); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("stale timestamp: %s, want 401", resp.Status)
	}

	body, url := fake.CommandForm(slackfake.Command{Text: "今年失业率目标是多少", UserID: "UUSER", ChannelID: "C1"})
	if resp := post("/slack/commands", body, true, time.Now()); resp.StatusCode != http.StatusOK {
		t.Fatalf("signed slash command: %s", resp.Status)
	}
	wctx, wcancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer wcancel()
	if _, err := fake.WaitFor(wctx, "answer on the response URL", func(calls []slackfake.Call) bool {
		for _, c := range calls {
			if c.Method == "response_url" && c.URL == url && strings.Contains(c.Content(), "3%以内") {
				return true
			}
		}
		return false
	}); err != nil {
		t.Fatal(err)
	}
	body2, _ := fake.CommandForm(slackfake.Command{Text: "status", UserID: "UUSER", ChannelID: "C1"})
	if resp := post("/slack/commands", body2, false, time.Now()); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("unsigned slash command: %s, want 401", resp.Status)
	}

	for _, path := range []string{"/healthz", "/metrics"} {
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		b := readAll(t, resp)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s: %s", path, resp.Status)
		}
		if path == "/metrics" && !strings.Contains(b, "reportbot_") {
			t.Errorf("/metrics has no reportbot_ series")
		}
	}
}

func readAll(t *testing.T, resp *http.Response) string {
	t.Helper()
	var b bytes.Buffer
	if _, err := b.ReadFrom(resp.Body); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestServeThreadsSurviveRestart: a follow-up in a thread asked after serve
// restarted still has the thread's first question as context.
func TestServeThreadsSurviveRestart(t *testing.T) {
	dir := t.TempDir()
	h := startServeWith(t, map[string]string{"REPORTBOT_DATA_DIR": dir})
	root := h.nextTS()
	h.fake.SendEvent(h.ctx(), "EvRS1", slackfake.Mention("CR", "UUSER", root, "", "<@UBOT> 今年一般公共预算收入目标是多少？"))
	h.answerIn(t, "CR", "95亿元")
	h.stop()
	if _, err := os.Stat(filepath.Join(dir, "threads.json")); err != nil {
		t.Fatalf("no thread memory after shutdown: %v", err)
	}

	h2 := startServeWith(t, map[string]string{"REPORTBOT_DATA_DIR": dir})
	h2.ts = 100
	h2.fake.SendEvent(h2.ctx(), "EvRS3", slackfake.Mention("CR", "UUSER", h2.nextTS(), root, "<@UBOT> 去年呢？"))
	up := h2.answerIn(t, "CR", "一般公共预算收入", "没有")
	if strings.Contains(up.Content(), "95亿元以上[") {
		t.Errorf("last year's figure answered with this year's target: %s", up.Content())
	}
}
