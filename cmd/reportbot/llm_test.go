package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/reportbot/reportbot/bot/slackfake"
)

// llmStyles is testdata/llm/styles.json: chat-completion responses as real
// providers send them, each with the verdict reportbot must reach.
type llmStyles struct {
	Question string `json:"question"`
	Styles   []struct {
		Name     string          `json:"name"`
		Provider string          `json:"provider"`
		Verdict  string          `json:"verdict"`
		Shown    []string        `json:"shown"`
		Hidden   []string        `json:"hidden"`
		Response json.RawMessage `json:"response"`
	} `json:"styles"`
}

func readStyles(t *testing.T) llmStyles {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "llm", "styles.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s llmStyles
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatal(err)
	}
	if len(s.Styles) < 15 {
		t.Fatalf("only %d styles", len(s.Styles))
	}
	return s
}

// chatServer is an OpenAI-compatible /v1/chat/completions endpoint that
// sends a set response body verbatim. It checks that the request is a real
// chat completion whose first passage holds the seed answer, so a style's
// [1] means what its verdict assumes.
type chatServer struct {
	t    *testing.T
	mu   sync.Mutex
	body []byte
	n    int
}

func (c *chatServer) set(body []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.body = body
}

func (c *chatServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	raw, _ := io.ReadAll(r.Body)
	var req struct {
		Model    string `json:"model"`
		Messages []struct {
			Role    string `json:"role"`
			Content string `json:"content"`
		} `json:"messages"`
	}
	if r.URL.Path != "/v1/chat/completions" || r.Header.Get("Authorization") != "Bearer sk-test" || json.Unmarshal(raw, &req) != nil || len(req.Messages) != 2 {
		c.t.Errorf("unexpected request %s %s: %s", r.Method, r.URL.Path, raw)
		http.Error(w, `{"error":{"message":"bad request"}}`, http.StatusBadRequest)
		return
	}
	_, p1, _ := strings.Cut(req.Messages[1].Content, "<passage n=\"1\">")
	if p1, _, _ = strings.Cut(p1, "</passage>"); !strings.Contains(p1, "城镇登记失业率控制在3%以内") {
		c.t.Errorf("passage 1 is not the seed answer's paragraph: %q", p1)
	}
	c.mu.Lock()
	body := c.body
	c.n++
	c.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	w.Write(body)
}

func newChatServer(t *testing.T) (*chatServer, string) {
	c := &chatServer{t: t}
	srv := httptest.NewServer(c)
	t.Cleanup(srv.Close)
	return c, srv.URL + "/v1"
}

// TestLLMStylesThroughAsk runs every style through the real `ask -json`
// and, for the Markdown one, the text output.
func TestLLMStylesThroughAsk(t *testing.T) {
	styles := readStyles(t)
	chat, base := newChatServer(t)
	dir := t.TempDir()
	getenv := func(k string) string {
		return map[string]string{"REPORTBOT_DATA_DIR": dir, "OPENAI_BASE_URL": base, "OPENAI_API_KEY": "sk-test", "REPORTBOT_CHAT_MODEL": "m"}[k]
	}
	for _, st := range styles.Styles {
		t.Run(st.Name, func(t *testing.T) {
			chat.set(st.Response)
			var out, errOut bytes.Buffer
			if err := run(context.Background(), []string{"ask", "-json", styles.Question}, getenv, &out, &errOut); err != nil {
				t.Fatalf("ask: %v\n%s", err, errOut.String())
			}
			var got struct {
				Answer string `json:"answer"`
				Found  bool   `json:"found"`
				Mode   string `json:"mode"`
			}
			if err := json.Unmarshal(out.Bytes(), &got); err != nil {
				t.Fatalf("%v\n%s", err, out.String())
			}
			if got.Mode != st.Verdict || !got.Found {
				t.Errorf("%s: mode %s found %v (answer %q), want %s", st.Provider, got.Mode, got.Found, got.Answer, st.Verdict)
			}
			for _, w := range st.Shown {
				if !strings.Contains(got.Answer, w) {
					t.Errorf("answer %q lacks %q", got.Answer, w)
				}
			}
			for _, h := range st.Hidden {
				if strings.Contains(got.Answer, h) && !(h == "**" || h == "###" || h == "- 城镇") {
					t.Errorf("answer %q shows %q", got.Answer, h)
				}
			}
			// The terminal gets plain text: no Markdown, no reasoning.
			out.Reset()
			if err := run(context.Background(), []string{"ask", styles.Question}, getenv, &out, &errOut); err != nil {
				t.Fatal(err)
			}
			first := strings.SplitN(out.String(), "\n\n", 2)[0]
			for _, h := range st.Hidden {
				if strings.Contains(first, h) {
					t.Errorf("terminal answer %q shows %q", first, h)
				}
			}
		})
	}
	if chat.n < 2*len(styles.Styles) {
		t.Errorf("%d chat requests for %d styles asked twice", chat.n, len(styles.Styles))
	}
}

// TestLLMStylesThroughServe runs every style through the real `serve`
// against the fake Slack: the answer posted is the checked model answer
// rendered as mrkdwn, or the extractive fallback.
func TestLLMStylesThroughServe(t *testing.T) {
	styles := readStyles(t)
	chat, base := newChatServer(t)
	h := startServeWith(t, map[string]string{"OPENAI_BASE_URL": base, "OPENAI_API_KEY": "sk-test", "REPORTBOT_CHAT_MODEL": "m"})
	for i, st := range styles.Styles {
		t.Run(st.Name, func(t *testing.T) {
			chat.set(st.Response)
			channel := "CL" + itoa(i)
			if err := h.fake.SendEvent(h.ctx(), "EvL"+itoa(i), slackfake.Mention(channel, "UUSER", h.nextTS(), "", "<@UBOT> "+styles.Question)); err != nil {
				t.Fatal(err)
			}
			up := h.answerIn(t, channel, "回答模式：")
			content := up.Content()
			if !strings.Contains(content, "回答模式："+st.Verdict) {
				t.Errorf("%s: answer %q, want mode %s", st.Provider, content, st.Verdict)
			}
			for _, w := range st.Shown {
				if !strings.Contains(content, w) {
					t.Errorf("answer %q lacks %q", content, w)
				}
			}
			for _, hd := range st.Hidden {
				if strings.Contains(content, hd) {
					t.Errorf("answer %q shows %q", content, hd)
				}
			}
		})
	}
	if strings.Contains(h.logs.String(), "sk-test") {
		t.Error("the API key appears in the logs")
	}
}

// hungLLM is an OpenAI-compatible endpoint that accepts requests and never
// answers them.
func hungLLM(t *testing.T) string {
	stop := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body) // read it all, so a client hanging up is seen
		select {
		case <-r.Context().Done():
		case <-stop:
		}
	}))
	t.Cleanup(func() {
		close(stop)
		srv.Close()
	})
	return srv.URL + "/v1"
}

// TestHungLLMStillAnswers: with an LLM that never answers, `ask` and
// `serve` (a mention and a slash command) give the extractive answer once
// the LLM budget is spent; no placeholder is left behind.
func TestHungLLMStillAnswers(t *testing.T) {
	base := hungLLM(t)
	env := map[string]string{"OPENAI_BASE_URL": base, "OPENAI_API_KEY": "sk-test", "REPORTBOT_LLM_BUDGET": "300ms"}

	dir := t.TempDir()
	getenv := func(k string) string {
		if k == "REPORTBOT_DATA_DIR" {
			return dir
		}
		return env[k]
	}
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"ask", "今年失业率目标是多少"}, getenv, &out, &errOut); err != nil {
		t.Fatalf("ask: %v\n%s", err, errOut.String())
	}
	if !strings.Contains(out.String(), "3%以内") || !strings.Contains(out.String(), "extractive") {
		t.Errorf("ask with a hung LLM: %q", out.String())
	}

	h := startServeWith(t, env)
	ts := h.nextTS()
	if err := h.fake.SendEvent(h.ctx(), "EvHung1", slackfake.Mention("CHUNG", "UUSER", ts, "", "<@UBOT> 今年失业率目标是多少")); err != nil {
		t.Fatal(err)
	}
	h.answerIn(t, "CHUNG", "3%以内", "回答模式：extractive")
	_, url, err := h.fake.SendCommand(h.ctx(), slackfake.Command{Text: "今年失业率目标是多少", UserID: "UUSER", ChannelID: "CHUNG2"})
	if err != nil {
		t.Fatal(err)
	}
	h.wait(t, "slash answer", func(c slackfake.Call) bool {
		return c.Method == "response_url" && c.URL == url && strings.Contains(c.Content(), "3%以内")
	})
}
