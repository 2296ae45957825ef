package bot

import (
	"context"
	"strings"
	"testing"

	"github.com/reportbot/reportbot/bot/slackfake"
)

// TestHungAnswererStillAnswered: an engine that never returns (and ignores
// its context) must not leave a placeholder behind, in a mention or a
// slash command: the user gets the apology once the answer timeout passes.
func TestHungAnswererStillAnswered(t *testing.T) {
	h := start(t, false, func(c *Config) { c.AnswerTimeout = 200e6 })
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	h.engine.answer = func(context.Context, Question) (Answer, error) {
		<-release // hangs, whatever its context says
		return gdpAnswer, nil
	}
	if err := h.fake.SendEvent(h.ctx(), "EvH1", slackfake.Mention("CH1", "UUSER", "1700000100.000001", "", "<@UBOT> 今年增长目标")); err != nil {
		t.Fatal(err)
	}
	h.waitFor("the placeholder replaced by the apology", func(calls []slackfake.Call) bool {
		for _, c := range calls {
			if c.Method == "chat.update" && c.Channel() == "CH1" && strings.Contains(c.Content(), "出了点问题") {
				return true
			}
		}
		return false
	})
	placeholders := 0
	for _, c := range h.fake.Calls("chat.postMessage") {
		if c.Channel() == "CH1" && strings.Contains(c.Content(), "正在查找") {
			placeholders++
		}
	}
	if placeholders != 1 {
		t.Errorf("%d placeholders posted, want 1 (then updated)", placeholders)
	}
	_, url, err := h.fake.SendCommand(h.ctx(), slackfake.Command{Text: "今年增长目标", UserID: "UUSER", ChannelID: "CH2"})
	if err != nil {
		t.Fatal(err)
	}
	h.waitFor("the slash command's apology", func(calls []slackfake.Call) bool {
		for _, c := range calls {
			if c.Method == "response_url" && c.URL == url && strings.Contains(c.Content(), "出了点问题") {
				return true
			}
		}
		return false
	})
}

// TestDegradedAnswersCounted: an answer made from the lexical index alone
// is shown as usual and counted in its own series.
func TestDegradedAnswersCounted(t *testing.T) {
	h := start(t, false, nil)
	if _, body := h.get("/metrics"); !strings.Contains(body, "reportbot_degraded_answers_total 0") {
		t.Errorf("the degraded series is missing before first use:\n%s", body)
	}
	h.engine.answer = func(context.Context, Question) (Answer, error) {
		a := gdpAnswer
		a.Degraded = "lexical-only: question embedding failed"
		return a, nil
	}
	if err := h.fake.SendEvent(h.ctx(), "EvG1", slackfake.Mention("CG1", "UUSER", "1700000100.000001", "", "<@UBOT> 今年增长目标")); err != nil {
		t.Fatal(err)
	}
	h.waitCall("chat.update", "5%左右")
	if _, body := h.get("/metrics"); !strings.Contains(body, "reportbot_degraded_answers_total 1") {
		t.Errorf("degraded answer not counted:\n%s", body)
	}
}

// TestMetricsSeriesFromTheStart: every labelled series is on /metrics at
// zero before anything happened.
func TestMetricsSeriesFromTheStart(t *testing.T) {
	h := start(t, false, nil)
	_, body := h.get("/metrics")
	for _, want := range []string{
		`reportbot_questions_total{source="mention"} 0`, `reportbot_questions_total{source="slash"} 0`,
		`reportbot_answers_total{mode="llm"} 0`, `reportbot_reloads_total{result="failed"} 0`,
		`reportbot_errors_total{kind="slack"} 0`, `reportbot_feedback_total{vote="down"} 0`,
		`reportbot_slack_rate_limited_total{method="chat.update"} 0`, "reportbot_not_found_total 0",
		"reportbot_degraded_answers_total 0", "reportbot_answer_seconds_count 0",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}

// TestDegradedStatus: what the Reloader reports as degraded is on /healthz
// (still 200: the bot answers) and in /report status.
func TestDegradedStatus(t *testing.T) {
	h := start(t, false, nil)
	if code, body := h.get("/healthz"); code != 200 || body != "ok\n" {
		t.Errorf("healthy: %d %q", code, body)
	}
	h.rel.mu.Lock()
	h.rel.status.Degraded = []string{"data dir read-only: reports are served from memory"}
	h.rel.mu.Unlock()
	code, body := h.get("/healthz")
	if code != 200 || !strings.HasPrefix(body, "degraded\n") || !strings.Contains(body, "read-only") {
		t.Errorf("degraded: %d %q", code, body)
	}
	_, url, err := h.fake.SendCommand(h.ctx(), slackfake.Command{Text: "status", UserID: "UUSER", ChannelID: "CDS"})
	if err != nil {
		t.Fatal(err)
	}
	h.waitFor("status with the degradation", func(calls []slackfake.Call) bool {
		for _, c := range calls {
			if c.Method == "response_url" && c.URL == url && strings.Contains(c.Content(), "降级运行") && strings.Contains(c.Content(), "read-only") {
				return true
			}
		}
		return false
	})
}
