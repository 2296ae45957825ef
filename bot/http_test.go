package bot

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/reportbot/reportbot/bot/slackfake"
)

const testSecret = "8f742231b10e8888abcd99yyyzzz85a5"

// Slack's published request-signing example
// (https://api.slack.com/authentication/verifying-requests-from-slack).
const (
	slackExampleTimestamp = 1531420618
	slackExampleBody      = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"
	slackExampleSig       = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"
)

func TestSignMatchesSlackExample(t *testing.T) {
	if got := slackfake.Sign(testSecret, slackExampleTimestamp, []byte(slackExampleBody)); got != slackExampleSig {
		t.Errorf("Sign = %s, want %s", got, slackExampleSig)
	}
}

// post sends body to the bot's path with the given signature headers.
func (h *harness) post(path, contentType, body string, headers map[string]string) (int, string) {
	h.t.Helper()
	req, err := http.NewRequest(http.MethodPost, "http://"+h.srv.Addr()+path, strings.NewReader(body))
	if err != nil {
		h.t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func signed(body string, ts time.Time) map[string]string {
	req, _ := http.NewRequest(http.MethodPost, "/", nil)
	slackfake.SignRequest(req, testSecret, ts, []byte(body))
	return map[string]string{
		"X-Slack-Request-Timestamp": req.Header.Get("X-Slack-Request-Timestamp"),
		"X-Slack-Signature":         req.Header.Get("X-Slack-Signature"),
	}
}

const formType = "application/x-www-form-urlencoded"

func TestHTTPSlashCommand(t *testing.T) {
	h := start(t, true, nil)
	body, url := h.fake.CommandForm(slackfake.Command{Text: "今年经济增长目标是多少？", UserID: "UUSER", ChannelID: "C1"})

	tests := []struct {
		name     string
		body     string
		headers  map[string]string
		wantCode int
	}{
		{"bad signature", body, map[string]string{
			"X-Slack-Request-Timestamp": signed(body, time.Now())["X-Slack-Request-Timestamp"],
			"X-Slack-Signature":         "v0=" + strings.Repeat("0", 64)}, http.StatusUnauthorized},
		{"signed with another secret", body, func() map[string]string {
			req, _ := http.NewRequest(http.MethodPost, "/", nil)
			slackfake.SignRequest(req, "another-secret", time.Now(), []byte(body))
			return map[string]string{"X-Slack-Request-Timestamp": req.Header.Get("X-Slack-Request-Timestamp"), "X-Slack-Signature": req.Header.Get("X-Slack-Signature")}
		}(), http.StatusUnauthorized},
		{"tampered body", body + "&text=x", signed(body, time.Now()), http.StatusUnauthorized},
		{"no signature", body, nil, http.StatusUnauthorized},
		{"stale timestamp", body, signed(body, time.Now().Add(-10*time.Minute)), http.StatusUnauthorized},
		// Slack's published example is correctly signed but from 2018: stale.
		{"slack example (stale)", slackExampleBody, map[string]string{
			"X-Slack-Request-Timestamp": "1531420618", "X-Slack-Signature": slackExampleSig}, http.StatusUnauthorized},
		{"valid", body, signed(body, time.Now()), http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, resp := h.post("/slack/commands", formType, tt.body, tt.headers)
			if code != tt.wantCode {
				t.Fatalf("status %d, want %d (%s)", code, tt.wantCode, resp)
			}
			if code == http.StatusOK && !strings.Contains(resp, "正在查找") {
				t.Errorf("ack = %q, want 正在查找…", resp)
			}
		})
	}
	h.waitCall("response_url", "5%左右", "§12")
	if got := h.engine.asked("今年经济增长目标是多少？"); len(got) != 1 {
		t.Errorf("engine asked %d times, want once (only the valid request)", len(got))
	}
	if n := len(h.fake.Calls("response_url")); n != 1 {
		t.Errorf("got %d responses, want 1 for %s", n, url)
	}
}

func TestHTTPSlackExampleAcceptedWhenFresh(t *testing.T) {
	// The published body signed now (the signing secret is the example's):
	// accepted, and parsed as the /webhook-collect command it is.
	h := start(t, true, nil)
	code, _ := h.post("/slack/commands", formType, slackExampleBody, signed(slackExampleBody, time.Now()))
	if code != http.StatusOK {
		t.Fatalf("status %d, want 200", code)
	}
}

func TestHTTPURLVerification(t *testing.T) {
	h := start(t, true, nil)
	body := `{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}`
	code, resp := h.post("/slack/events", "application/json", body, signed(body, time.Now()))
	if code != http.StatusOK || resp != "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" {
		t.Errorf("url_verification = %d %q", code, resp)
	}
	if code, _ := h.post("/slack/events", "application/json", body, nil); code != http.StatusUnauthorized {
		t.Errorf("unsigned url_verification = %d, want 401", code)
	}
}

func TestHTTPEventsAnsweredOnce(t *testing.T) {
	h := start(t, true, nil)
	q := "今年经济增长目标是多少？"
	body := string(h.fake.EventBody("Ev1", slackfake.Mention("C1", "UUSER", "1700000100.000001", "", "<@UBOT> "+q)))
	for i, retry := range []string{"", "1", "2"} {
		headers := signed(body, time.Now())
		if retry != "" {
			headers["X-Slack-Retry-Num"] = retry
			headers["X-Slack-Retry-Reason"] = "http_timeout"
		}
		if code, resp := h.post("/slack/events", "application/json", body, headers); code != http.StatusOK {
			t.Fatalf("delivery %d: status %d %q", i, code, resp)
		}
	}
	h.waitCall("chat.update", "5%左右")
	// Quiesce: a further event, then no work in flight.
	body2 := string(h.fake.EventBody("Ev2", slackfake.Mention("C2", "UUSER", "1700000100.000002", "", "<@UBOT> 那CPI呢？")))
	if code, _ := h.post("/slack/events", "application/json", body2, signed(body2, time.Now())); code != http.StatusOK {
		t.Fatal("second event refused")
	}
	h.waitCall("chat.update", "2%左右")
	if err := h.srv.waitIdle(h.ctx()); err != nil {
		t.Fatal(err)
	}
	if got := h.engine.asked(q); len(got) != 1 {
		t.Errorf("engine asked %d times, want 1", len(got))
	}
	// A click over HTTP is verified too.
	form, _ := h.fake.ClickForm(slackfake.Click{UserID: "UUSER", ChannelID: "C1", MessageTS: "1700000000.000002", ActionID: actionFeedbackDown})
	if code, _ := h.post("/slack/interactive", formType, form, signed(form, time.Now())); code != http.StatusOK {
		t.Errorf("signed click: %d", code)
	}
	if code, _ := h.post("/slack/interactive", formType, form, nil); code != http.StatusUnauthorized {
		t.Errorf("unsigned click: %d, want 401", code)
	}
	h.waitCall("response_url", "谢谢反馈")
	_ = bytes.MinRead
}

// TestHTTPSlashReplayAnsweredOnce: the same signed slash body posted again
// within the signature window (a replay, or Slack's retry) is acked and not
// answered twice; the same question asked again is.
func TestHTTPSlashReplayAnsweredOnce(t *testing.T) {
	h := start(t, true, nil)
	body, _ := h.fake.CommandForm(slackfake.Command{Text: "今年经济增长目标是多少？", UserID: "UUSER", ChannelID: "C1"})
	for i := 0; i < 3; i++ {
		if code, resp := h.post("/slack/commands", formType, body, signed(body, time.Now())); code != http.StatusOK {
			t.Fatalf("post %d: status %d (%s)", i, code, resp)
		}
	}
	again, _ := h.fake.CommandForm(slackfake.Command{Text: "今年经济增长目标是多少？", UserID: "UUSER", ChannelID: "C1"})
	if code, _ := h.post("/slack/commands", formType, again, signed(again, time.Now())); code != http.StatusOK {
		t.Fatal("second command refused")
	}
	h.waitFor("two answers", func(calls []slackfake.Call) bool { return len(filterCalls(calls, "response_url")) >= 2 })
	// A later command is answered after the replays would have been.
	last, _ := h.fake.CommandForm(slackfake.Command{Text: "那CPI呢", UserID: "UUSER", ChannelID: "C1"})
	h.post("/slack/commands", formType, last, signed(last, time.Now()))
	h.waitCall("response_url", "2%左右")
	if got := h.engine.asked("今年经济增长目标是多少？"); len(got) != 2 {
		t.Errorf("engine asked %d times, want 2 (the replays answered once)", len(got))
	}
}

func filterCalls(calls []slackfake.Call, method string) []slackfake.Call {
	var out []slackfake.Call
	for _, c := range calls {
		if c.Method == method {
			out = append(out, c)
		}
	}
	return out
}
