package bot

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/reportbot/reportbot/bot/slackfake"
)

func TestMentionAnsweredInThread(t *testing.T) {
	h := start(t, false, nil)
	q := "今年经济增长目标是多少？"
	if err := h.fake.SendEvent(h.ctx(), "Ev1", slackfake.Mention("C1", "UUSER", "1700000100.000001", "", "<@UBOT> "+q)); err != nil {
		t.Fatal(err)
	}
	up := h.waitCall("chat.update", "5%左右", "§12", "二、2026年工作安排", "reportbot_feedback_up", "2026年北京市政府工作报告")
	h.quiesce()

	calls := h.fake.Calls()
	var posts []slackfake.Call
	for _, c := range calls {
		if c.Method == "chat.postMessage" && c.Channel() == "C1" {
			posts = append(posts, c)
		}
	}
	if len(posts) != 1 {
		t.Fatalf("got %d posts in C1, want 1 placeholder", len(posts))
	}
	if got, want := posts[0].ThreadTS(), "1700000100.000001"; got != want {
		t.Errorf("placeholder thread_ts = %q, want %q", got, want)
	}
	if !strings.Contains(posts[0].Text(), "正在查找") {
		t.Errorf("placeholder text = %q, want 正在查找…", posts[0].Text())
	}
	if got, want := up.Get("ts"), posts[0].TS; got != want {
		t.Errorf("chat.update ts = %q, want the placeholder's %q", got, want)
	}
	if n := count(calls, "chat.update", "C1"); n != 1 {
		t.Errorf("got %d chat.update calls in C1, want 1", n)
	}
	if got := h.engine.asked(q); len(got) != 1 || len(got[0].Context) != 0 {
		t.Errorf("engine got %+v, want one question without context", got)
	}
}

func TestDirectMessage(t *testing.T) {
	h := start(t, false, nil)
	q := "今年经济增长目标是多少？"
	if err := h.fake.SendEvent(h.ctx(), "Ev1", slackfake.Message("D1", "im", "UUSER", "1700000100.000001", "", q)); err != nil {
		t.Fatal(err)
	}
	h.waitCall("chat.update", "5%左右", "§12")
	h.quiesce()
	for _, c := range h.fake.Calls("chat.postMessage") {
		if c.Channel() == "D1" && c.ThreadTS() != "" {
			t.Errorf("DM answer posted in thread %q, want in the DM itself", c.ThreadTS())
		}
	}
	if n := count(h.fake.Calls(), "chat.update", "D1"); n != 1 {
		t.Errorf("got %d answers in D1, want 1", n)
	}
}

func TestThreadFollowUpGetsContext(t *testing.T) {
	h := start(t, false, nil)
	first, follow := "今年经济增长目标是多少？", "那CPI呢？"
	root := "1700000100.000001"
	if err := h.fake.SendEvent(h.ctx(), "Ev1", slackfake.Mention("C1", "UUSER", root, "", "<@UBOT> "+first)); err != nil {
		t.Fatal(err)
	}
	h.waitCall("chat.update", "5%左右")
	if err := h.fake.SendEvent(h.ctx(), "Ev2", slackfake.Mention("C1", "UUSER", "1700000100.000002", root, "<@UBOT> "+follow)); err != nil {
		t.Fatal(err)
	}
	h.waitCall("chat.update", "2%左右")
	got := h.engine.asked(follow)
	if len(got) != 1 {
		t.Fatalf("engine got %d follow-ups, want 1", len(got))
	}
	if diff := cmp.Diff([]string{first}, got[0].Context); diff != "" {
		t.Errorf("follow-up context (-want +got):\n%s", diff)
	}
	for _, c := range h.fake.Calls("chat.postMessage") {
		if c.Channel() == "C1" && c.ThreadTS() != root {
			t.Errorf("post in C1 with thread_ts %q, want %q", c.ThreadTS(), root)
		}
	}
}

func TestDMFollowUpGetsContext(t *testing.T) {
	h := start(t, false, nil)
	if err := h.fake.SendEvent(h.ctx(), "Ev1", slackfake.Message("D1", "im", "UUSER", "1700000100.000001", "", "今年经济增长目标是多少？")); err != nil {
		t.Fatal(err)
	}
	h.waitCall("chat.update", "5%左右")
	if err := h.fake.SendEvent(h.ctx(), "Ev2", slackfake.Message("D1", "im", "UUSER", "1700000100.000002", "", "那CPI呢？")); err != nil {
		t.Fatal(err)
	}
	h.waitCall("chat.update", "2%左右")
	if got := h.engine.asked("那CPI呢？"); len(got) != 1 || len(got[0].Context) != 1 {
		t.Errorf("engine got %+v, want the follow-up with the earlier question as context", got)
	}
}

func TestRedeliveryAndPairAnsweredOnce(t *testing.T) {
	h := start(t, false, nil)
	q := "今年经济增长目标是多少？"
	ts := "1700000100.000001"
	mention := slackfake.Mention("C1", "UUSER", ts, "", "<@UBOT> "+q)
	if err := h.fake.SendEvent(h.ctx(), "Ev1", mention); err != nil {
		t.Fatal(err)
	}
	// Slack resends the same event when the ack is late …
	if err := h.fake.RedeliverEvent(h.ctx(), "Ev1", mention, 1); err != nil {
		t.Fatal(err)
	}
	// … and the same user message also arrives as a message event.
	if err := h.fake.SendEvent(h.ctx(), "Ev2", slackfake.Message("C1", "channel", "UUSER", ts, "", "<@UBOT> "+q)); err != nil {
		t.Fatal(err)
	}
	// Bot messages, the bot's own messages and edits are ignored.
	bot := slackfake.Message("C1", "channel", "UOTHER", "1700000100.000009", "", "<@UBOT> 增长 bot")
	bot["bot_id"] = "BOTHER"
	edit := slackfake.Message("D1", "im", "UUSER", "1700000100.000010", "", "增长 edit")
	edit["subtype"] = "message_changed"
	edit["message"] = map[string]any{"type": "message", "user": "UUSER", "text": "增长 edit", "ts": "1700000100.000001"}
	own := slackfake.Message("D1", "im", "UBOT", "1700000100.000011", "", "增长 own")
	for i, ev := range []map[string]any{bot, edit, own} {
		if err := h.fake.SendEvent(h.ctx(), fmt.Sprintf("Evignored%d", i), ev); err != nil {
			t.Fatal(err)
		}
	}
	h.waitCall("chat.update", "5%左右")
	h.quiesce()
	if got := h.engine.asked(q); len(got) != 1 {
		t.Errorf("engine asked %d times, want 1", len(got))
	}
	calls := h.fake.Calls()
	if n := count(calls, "chat.update", "C1"); n != 1 {
		t.Errorf("got %d answers in C1, want 1", n)
	}
	if n := count(calls, "chat.postMessage", "D1"); n != 0 {
		t.Errorf("got %d posts in D1 for an edit and the bot's own message, want 0", n)
	}
	for _, q := range []string{"增长 bot", "增长 edit", "增长 own"} {
		if got := h.engine.asked(q); len(got) != 0 {
			t.Errorf("engine asked %q, want it ignored", q)
		}
	}
}

func TestRateLimitedThenSuccess(t *testing.T) {
	h := start(t, false, nil)
	h.fake.RateLimit("chat.update", 1)
	if err := h.fake.SendEvent(h.ctx(), "Ev1", slackfake.Mention("C1", "UUSER", "1700000100.000001", "", "<@UBOT> 今年经济增长目标是多少？")); err != nil {
		t.Fatal(err)
	}
	ok := h.waitCall("chat.update", "5%左右")
	var limited *slackfake.Call
	for _, c := range h.fake.Calls("chat.update") {
		if c.Status == http.StatusTooManyRequests {
			limited = &c
		}
	}
	if limited == nil {
		t.Fatal("no 429 recorded")
	}
	if wait := ok.Time.Sub(limited.Time); wait < time.Second {
		t.Errorf("retried after %v, want at least the Retry-After of 1s", wait)
	}
	h.quiesce()
	if n := count(h.fake.Calls(), "chat.update", "C1"); n != 2 { // the 429 and the retry
		t.Errorf("got %d chat.update calls, want 2", n)
	}
}

func TestAnswerProblemsGetPoliteReplies(t *testing.T) {
	h := start(t, false, func(c *Config) { c.MaxQuestionRunes = 20 })
	tests := []struct {
		name, text string
		want       []string
	}{
		{"engine error", "boom 增长？", []string{"抱歉", "出了点问题"}},
		{"not found", "报告里有火星计划吗？", []string{"没有找到"}},
		{"too long", strings.Repeat("长", 21), []string{"问题太长了", "20"}},
		{"empty", "", []string{"请在 @我 后面写上问题"}},
		{"english", "GDP target?", []string{"around 5%"}},
		{"english error", "boom?", []string{"Sorry"}},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := h.sub(t)
			ch := fmt.Sprintf("CP%d", i)
			if err := h.fake.SendEvent(h.ctx(), "Ev"+ch, slackfake.Mention(ch, "UUSER", "1700000100.000001", "", "<@UBOT> "+tt.text)); err != nil {
				t.Fatal(err)
			}
			h.waitFor(ch+" reply containing "+strings.Join(tt.want, ","), func(calls []slackfake.Call) bool {
				for _, c := range calls {
					if (c.Method == "chat.update" || c.Method == "chat.postMessage") && c.Channel() == ch && containsAll(c.Content(), tt.want) {
						return true
					}
				}
				return false
			})
			for _, c := range h.fake.Calls() {
				if c.Channel() == ch && strings.Contains(c.Content(), "connection refused") {
					t.Errorf("raw error shown to the user: %q", c.Text())
				}
			}
		})
	}
}

func TestSlashCommands(t *testing.T) {
	h := start(t, false, nil)
	tests := []struct {
		name, text string
		want       []string
	}{
		{"ask", "今年经济增长目标是多少？", []string{"5%左右", "§12", "reportbot_post", "❓"}},
		{"ask verb", "ask 那CPI呢？", []string{"2%左右"}},
		{"targets zh", "目标", []string{"地区生产总值增长", "5%左右", "上年 5.2%", "§12"}},
		{"targets en", "targets", []string{"居民消费价格涨幅", "2%左右"}},
		{"status", "status", []string{"2026年北京市政府工作报告", "120", "extractive", "运行时长", "2026-03-01"}},
		{"help", "help", []string{"/report 目标", "reload"}},
		{"empty", "", []string{"/report status"}},
		{"unknown", "frobnicate", []string{"没有 `frobnicate` 这个命令", "/report 目标"}},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := h.sub(t)
			ack, url, err := h.fake.SendCommand(h.ctx(), slackfake.Command{Text: tt.text, UserID: "UUSER", ChannelID: fmt.Sprintf("CS%d", i)})
			if err != nil {
				t.Fatal(err)
			}
			if strings.HasPrefix(tt.name, "ask") && !strings.Contains(string(ack), "正在查找") {
				t.Errorf("ack = %s, want 正在查找…", ack)
			}
			h.waitFor("response containing "+strings.Join(tt.want, ","), func(calls []slackfake.Call) bool {
				for _, c := range calls {
					if c.Method == "response_url" && c.URL == url && containsAll(c.Content(), tt.want) {
						if c.Get("response_type") != "ephemeral" {
							t.Errorf("response_type = %q, want ephemeral", c.Get("response_type"))
						}
						return true
					}
				}
				return false
			})
		})
	}
}

func TestSlashAnswerPostedToChannelAndFeedback(t *testing.T) {
	h := start(t, false, nil)
	q := "今年经济增长目标是多少？"
	if _, _, err := h.fake.SendCommand(h.ctx(), slackfake.Command{Text: q, UserID: "UUSER", ChannelID: "C1"}); err != nil {
		t.Fatal(err)
	}
	h.waitCall("response_url", "reportbot_post")
	url, err := h.fake.SendClick(h.ctx(), slackfake.Click{UserID: "UUSER", ChannelID: "C1", MessageTS: "1700000000.000001",
		ActionID: actionPost, Value: q, Ephemeral: true})
	if err != nil {
		t.Fatal(err)
	}
	shared := h.waitFor("in-channel answer", func(calls []slackfake.Call) bool {
		for _, c := range calls {
			if c.URL == url && c.Get("response_type") == "in_channel" && containsAll(c.Content(), []string{"5%左右", "<@UUSER>"}) {
				return true
			}
		}
		return false
	})
	_ = shared

	for _, vote := range []string{actionFeedbackUp, actionFeedbackUp, actionFeedbackDown} {
		if _, err := h.fake.SendClick(h.ctx(), slackfake.Click{UserID: "UUSER", ChannelID: "C1", MessageTS: "1700000000.000002", ActionID: vote, Value: "up"}); err != nil {
			t.Fatal(err)
		}
	}
	h.waitFor("three thanks", func(calls []slackfake.Call) bool {
		n := 0
		for _, c := range calls {
			if c.Method == "response_url" && strings.Contains(c.Text(), "谢谢反馈") {
				n++
			}
		}
		return n == 3
	})
	_, metrics := h.get("/metrics")
	for _, want := range []string{`reportbot_feedback_total{vote="up"} 1`, `reportbot_feedback_total{vote="down"} 1`} {
		if !strings.Contains(metrics, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

const reportText = "2026年广东省政府工作报告\n一、2025年工作回顾\n地区生产总值增长5%。\n"

func TestAdminReloadFromURL(t *testing.T) {
	h := start(t, false, nil)
	web := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte(reportText))
	}))
	t.Cleanup(web.Close)
	_, url, err := h.fake.SendCommand(h.ctx(), slackfake.Command{Text: "reload " + web.URL + "/gd.txt", UserID: "UADMIN", ChannelID: "C1"})
	if err != nil {
		t.Fatal(err)
	}
	var progress []string
	h.waitFor("reload finished", func(calls []slackfake.Call) bool {
		progress = progress[:0]
		for _, c := range calls {
			if c.URL == url {
				progress = append(progress, c.Text())
			}
		}
		return len(progress) > 0 && strings.Contains(progress[len(progress)-1], "已切换")
	})
	wantPrefixes := []string{"⏳ 下载中", "📄 解析完成 3 段", "🧮 向量化", "✅ 已切换到 《2026年广东省政府工作报告》（2026年），共 3 段。"}
	if len(progress) != len(wantPrefixes) {
		t.Fatalf("progress = %q, want %d messages", progress, len(wantPrefixes))
	}
	for i, p := range wantPrefixes {
		if !strings.HasPrefix(progress[i], p) {
			t.Errorf("progress[%d] = %q, want prefix %q", i, progress[i], p)
		}
	}
	got := h.rel.got()
	if len(got) != 1 || string(got[0].Data) != reportText || got[0].URL != web.URL+"/gd.txt" {
		t.Errorf("reloader got %+v, want the served report", got)
	}
	_, metrics := h.get("/metrics")
	if !strings.Contains(metrics, `reportbot_reloads_total{result="ok"} 1`) {
		t.Errorf("metrics lack the ok reload:\n%s", metrics)
	}
}

func TestAdminReloadFromUpload(t *testing.T) {
	h := start(t, false, nil)
	h.fake.AddFile(slackfake.File{ID: "F1", Name: "gd2026.txt", Mimetype: "text/plain", Data: []byte(reportText)})
	ts := "1700000100.000001"
	if err := h.fake.SendEvent(h.ctx(), "Ev1", h.fake.FileShare("D1", "im", "UADMIN", ts, "", "F1")); err != nil {
		t.Fatal(err)
	}
	h.waitCall("chat.postMessage", "已切换到")
	var progress []string
	for _, c := range h.fake.Calls("chat.postMessage") {
		if c.Channel() == "D1" {
			if c.ThreadTS() != ts {
				t.Errorf("progress %q in thread %q, want under the upload %q", c.Text(), c.ThreadTS(), ts)
			}
			progress = append(progress, c.Text())
		}
	}
	if len(progress) != 4 || !strings.Contains(progress[0], "gd2026.txt") || !strings.Contains(progress[1], "解析完成 3 段") {
		t.Errorf("progress = %q", progress)
	}
	if n := len(h.fake.Calls("files.info")); n != 1 {
		t.Errorf("files.info called %d times, want 1", n)
	}
	got := h.rel.got()
	if len(got) != 1 || string(got[0].Data) != reportText || got[0].Name != "gd2026.txt" {
		t.Errorf("reloader got %+v, want the uploaded file", got)
	}
}

func TestFailedReloadReportsReason(t *testing.T) {
	h := start(t, false, func(c *Config) { c.ReloadMaxBytes = 1000 })
	h.rel.reload = func(ctx context.Context, src Source, progress func(Stage, string)) (ReportInfo, error) {
		return ReportInfo{}, errors.New("parse report: no paragraphs found")
	}
	web := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/big":
			w.Write([]byte(strings.Repeat("大", 1000)))
			return
		case "/missing":
			http.NotFound(w, r)
			return
		}
		w.Write([]byte("<html></html>"))
	}))
	t.Cleanup(web.Close)
	tests := []struct{ name, arg, want string }{
		{"reloader error", web.URL + "/empty.html", "no paragraphs found"},
		{"too large", web.URL + "/big", "超过"},
		{"http error", web.URL + "/missing", "HTTP 404"},
		{"unreachable", "http://127.0.0.1:1/x", "connection refused"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := h.sub(t)
			_, url, err := h.fake.SendCommand(h.ctx(), slackfake.Command{Text: "reload " + tt.arg, UserID: "UADMIN", ChannelID: "C1"})
			if err != nil {
				t.Fatal(err)
			}
			h.waitFor("failure reason", func(calls []slackfake.Call) bool {
				for _, c := range calls {
					if c.URL == url && containsAll(c.Text(), []string{"重新加载失败", tt.want, "仍在使用 《2026年北京市政府工作报告》"}) {
						return true
					}
				}
				return false
			})
			if err := h.srv.waitIdle(h.ctx()); err != nil { // the reload lock is free again
				t.Fatal(err)
			}
		})
	}
	if got, want := h.rel.Status().Report.Title, "2026年北京市政府工作报告"; got != want {
		t.Errorf("active report %q, want the old %q", got, want)
	}
}

func TestReloadRefused(t *testing.T) {
	h := start(t, false, nil)
	tests := []struct {
		name string
		send func() (string, error) // returns the response URL, if any
		want string
	}{
		{"non-admin slash", func() (string, error) {
			_, url, err := h.fake.SendCommand(h.ctx(), slackfake.Command{Text: "reload https://example.com/r.txt", UserID: "UUSER", ChannelID: "C1"})
			return url, err
		}, "只有管理员"},
		{"bad scheme", func() (string, error) {
			_, url, err := h.fake.SendCommand(h.ctx(), slackfake.Command{Text: "reload file:///etc/passwd", UserID: "UADMIN", ChannelID: "C1"})
			return url, err
		}, "http 或 https"},
		{"non-admin upload", func() (string, error) {
			h.fake.AddFile(slackfake.File{ID: "F9", Name: "x.txt", Mimetype: "text/plain", Data: []byte("x")})
			return "", h.fake.SendEvent(h.ctx(), "Ev9", h.fake.FileShare("D9", "im", "UUSER", "1700000100.000009", "", "F9"))
		}, "只有管理员"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := h.sub(t)
			url, err := tt.send()
			if err != nil {
				t.Fatal(err)
			}
			h.waitFor("refusal", func(calls []slackfake.Call) bool {
				for _, c := range calls {
					if (url == "" || c.URL == url) && c.Method != "socket.ack" && strings.Contains(c.Text(), tt.want) {
						return true
					}
				}
				return false
			})
		})
	}
	h.quiesce()
	if got := h.rel.got(); len(got) != 0 {
		t.Errorf("reloader called %d times, want 0", len(got))
	}
	if n := len(h.fake.Calls("files.info")); n != 0 {
		t.Errorf("files.info called for a non-admin upload")
	}
	_, metrics := h.get("/metrics")
	if !strings.Contains(metrics, `reportbot_reloads_total{result="refused"} 2`) {
		t.Errorf("metrics lack two refused reloads")
	}
}

func TestOpsEndpoints(t *testing.T) {
	h := start(t, false, nil)
	if err := h.fake.SendEvent(h.ctx(), "Ev1", slackfake.Mention("C1", "UUSER", "1700000100.000001", "", "<@UBOT> 今年经济增长目标是多少？")); err != nil {
		t.Fatal(err)
	}
	h.waitCall("chat.update", "5%左右")
	h.quiesce()
	if code, body := h.get("/healthz"); code != http.StatusOK || body != "ok\n" {
		t.Errorf("/healthz = %d %q", code, body)
	}
	code, metrics := h.get("/metrics")
	if code != http.StatusOK {
		t.Fatalf("/metrics = %d", code)
	}
	for _, want := range []string{
		`reportbot_questions_total{source="mention"} 2`,
		`reportbot_answers_total{mode="extractive"} 2`,
		`reportbot_answer_seconds_count 2`,
		`go_goroutines`,
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	if code, _ := h.get("/slack/events"); code != http.StatusNotFound && code != http.StatusMethodNotAllowed {
		t.Errorf("Socket Mode serves /slack/events: %d", code)
	}
}
