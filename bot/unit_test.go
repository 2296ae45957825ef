package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/reportbot/reportbot/bot/slackfake"
	"github.com/slack-go/slack"
)

func TestParseCommand(t *testing.T) {
	tests := []struct{ text, verb, arg string }{
		{"", verbHelp, ""},
		{"  help ", verbHelp, ""},
		{"帮助", verbHelp, ""},
		{"目标", verbTargets, ""},
		{"targets", verbTargets, ""},
		{"Status", verbStatus, ""},
		{"reload https://example.com/r.html", verbReload, "https://example.com/r.html"},
		{"reload", verbReload, ""},
		{"ask 今年GDP目标？", verbAsk, "今年GDP目标？"},
		{"今年经济增长目标是多少？", verbAsk, "今年经济增长目标是多少？"},
		{"what is the GDP target", verbAsk, "what is the GDP target"},
		{"GDP?", verbAsk, "GDP?"},
		{"frobnicate", verbUnknown, "frobnicate"},
		{"remove 河北 2024", verbRemove, "河北 2024"},
		{"删除 a1b2c3", verbRemove, "a1b2c3"},
		{"remove", verbHelp, ""},
	}
	for _, tt := range tests {
		verb, arg := parseCommand(tt.text)
		if verb != tt.verb || arg != tt.arg {
			t.Errorf("parseCommand(%q) = %q, %q; want %q, %q", tt.text, verb, arg, tt.verb, tt.arg)
		}
	}
}

func TestConfigValidation(t *testing.T) {
	ok := Config{BotToken: "xoxb-1", AppToken: "xapp-1"}
	tests := []struct {
		name  string
		edit  func(*Config)
		field string // "" for valid
	}{
		{"valid socket", func(*Config) {}, ""},
		{"valid http", func(c *Config) { c.AppToken = ""; c.SigningSecret = "s" }, ""},
		{"no bot token", func(c *Config) { c.BotToken = "" }, "BotToken"},
		{"user token", func(c *Config) { c.BotToken = "xoxp-1" }, "BotToken"},
		{"bad app token", func(c *Config) { c.AppToken = "xoxb-2" }, "AppToken"},
		{"http without secret", func(c *Config) { c.AppToken = "" }, "SigningSecret"},
		{"bad api url", func(c *Config) { c.APIURL = "ftp://x" }, "APIURL"},
		{"bad admin", func(c *Config) { c.Admins = []string{"alice"} }, "Admins"},
		{"bad command", func(c *Config) { c.SlashCommand = "report" }, "SlashCommand"},
		{"negative timeout", func(c *Config) { c.AnswerTimeout = -1 }, "AnswerTimeout"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := ok
			tt.edit(&cfg)
			_, err := New(nil, cfg, Deps{Answerer: &engine{}, Reloader: newReloader()})
			var ce *ConfigError
			switch {
			case tt.field == "" && err != nil:
				t.Fatalf("New: %v", err)
			case tt.field != "" && !errors.As(err, &ce):
				t.Fatalf("New error = %v, want a ConfigError for %s", err, tt.field)
			case tt.field != "" && ce.Field != tt.field:
				t.Errorf("ConfigError.Field = %q, want %q (%v)", ce.Field, tt.field, err)
			}
		})
	}
	cfg, err := Config{BotToken: "xoxb-1", AppToken: "xapp-1", APIURL: "http://127.0.0.1:9/api"}.withDefaults()
	if err != nil {
		t.Fatal(err)
	}
	if cfg.APIURL != "http://127.0.0.1:9/api/" || cfg.SlashCommand != "/report" || cfg.Addr != ":3000" {
		t.Errorf("defaults: %+v", cfg)
	}
	if _, err := New(nil, ok, Deps{Reloader: newReloader()}); err == nil {
		t.Error("New without an Answerer succeeded")
	}
}

// blockTexts returns every text of a message's blocks.
func blockTexts(t *testing.T, blocks []slack.Block) []string {
	t.Helper()
	b, err := json.Marshal(blocks)
	if err != nil {
		t.Fatal(err)
	}
	var raw []struct {
		Text     *struct{ Text string } `json:"text"`
		Elements []struct{ Text any }   `json:"elements"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range raw {
		if r.Text != nil {
			out = append(out, r.Text.Text)
		}
		for _, e := range r.Elements {
			if s, ok := e.Text.(string); ok {
				out = append(out, s)
			}
		}
	}
	return out
}

func TestAnswerBlocksStayWithinSlackLimits(t *testing.T) {
	a := Answer{Text: strings.Repeat("很长的回答。", 3000), Found: true, Mode: "extractive", ReportTitle: "报告", ReportYear: 2026}
	for i := 1; i <= 100; i++ {
		a.Citations = append(a.Citations, Citation{N: i, Paragraph: i, Section: "一、", Quote: strings.Repeat("引", 1000)})
	}
	blocks, fallback := answerBlocks("q", a, zh, answerOpts{header: "❓ q", postButton: true})
	if len(blocks) > 50 {
		t.Errorf("%d blocks, want at most 50", len(blocks))
	}
	for _, s := range blockTexts(t, blocks) {
		if n := utf8.RuneCountInString(s); n > 3000 {
			t.Errorf("block text of %d characters, want at most 3000", n)
		}
	}
	if !strings.Contains(string(mustJSON(t, blocks)), "条引用未显示") {
		t.Error("omitted citations are not mentioned")
	}
	if n := utf8.RuneCountInString(fallback); n > maxFallback {
		t.Errorf("fallback of %d characters", n)
	}
}

func TestAnswerBlocksLayout(t *testing.T) {
	blocks, fallback := answerBlocks("q", gdpAnswer, zh, answerOpts{})
	got := blockTexts(t, blocks)
	want := []string{
		"今年全市经济社会发展的主要预期目标是：地区生产总值增长5%左右[1]。",
		"[1] §12 · 二、2026年工作安排 · 「地区生产总值增长5%左右」",
		"📄 《2026年北京市政府工作报告》（2026年） · 回答模式：extractive",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("blocks (-want +got):\n%s", diff)
	}
	if j := string(mustJSON(t, blocks)); !strings.Contains(j, actionFeedbackUp) || !strings.Contains(j, actionFeedbackDown) || strings.Contains(j, actionPost) {
		t.Errorf("buttons: want 👍/👎 and no post button in %s", j)
	}
	if !strings.Contains(fallback, "§12") {
		t.Errorf("fallback %q lacks the citation", fallback)
	}
	// Slack markup in answers is escaped.
	b, _ := answerBlocks("q", Answer{Text: "a <!channel> & b", Found: true}, zh, answerOpts{})
	if s := blockTexts(t, b)[0]; s != "a &lt;!channel&gt; &amp; b" {
		t.Errorf("escaped text = %q", s)
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestLangOf(t *testing.T) {
	for s, want := range map[string]lang{"今年GDP目标？": zh, "GDP target?": en, "2026?": zh, "": zh} {
		if got := langOf(s); got != want {
			t.Errorf("langOf(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestGracefulShutdownFinishesAnswersInFlight(t *testing.T) {
	h := start(t, false, nil)
	entered := make(chan struct{})
	release := make(chan struct{})
	h.engine.answer = func(ctx context.Context, q Question) (Answer, error) {
		close(entered)
		<-release
		return gdpAnswer, nil
	}
	if err := h.fake.SendEvent(h.ctx(), "Ev1", slackfake.Mention("C1", "UUSER", "1700000100.000001", "", "<@UBOT> 增长？")); err != nil {
		t.Fatal(err)
	}
	<-entered
	stopped := make(chan error, 1)
	go func() { stopped <- h.stop() }()
	// Once the socket is closed no new events come in, but Run must still
	// wait for the answer in flight.
	if _, err := h.fake.WaitFor(h.ctx(), "socket closed", func(calls []slackfake.Call) bool {
		return len(slackfakeFilter(calls, "socket.disconnect")) == 1
	}); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-stopped:
		t.Fatalf("Run returned (%v) with an answer in flight", err)
	default:
	}
	close(release)
	if err := <-stopped; err != nil {
		t.Fatal(err)
	}
	if n := count(h.fake.Calls(), "chat.update", "C1"); n != 1 {
		t.Errorf("answer in flight not delivered: %d updates", n)
	}
	if code := fmt.Sprint(len(h.fake.Calls("socket.connect"))); code != "1" {
		t.Errorf("socket connections: %s", code)
	}
}

func slackfakeFilter(calls []slackfake.Call, method string) []slackfake.Call {
	var out []slackfake.Call
	for _, c := range calls {
		if c.Method == method {
			out = append(out, c)
		}
	}
	return out
}
