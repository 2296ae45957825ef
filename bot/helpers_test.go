package bot

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/reportbot/reportbot/bot/slackfake"
)

// testTimeout bounds every wait in these tests; nothing sleeps.
const testTimeout = 10 * time.Second

// Canned answers of the fake engine, looked up by a keyword of the question.
var (
	gdpAnswer = Answer{
		Text:  "今年全市经济社会发展的主要预期目标是：地区生产总值增长5%左右[1]。",
		Found: true, Mode: "extractive", ReportTitle: "2026年北京市政府工作报告", ReportYear: 2026,
		Citations: []Citation{{N: 1, Paragraph: 12, Section: "二、2026年工作安排", Quote: "地区生产总值增长5%左右"}},
	}
	cpiAnswer = Answer{
		Text:  "居民消费价格涨幅2%左右[1]。",
		Found: true, Mode: "extractive", ReportTitle: "2026年北京市政府工作报告", ReportYear: 2026,
		Citations: []Citation{{N: 1, Paragraph: 12, Section: "二、2026年工作安排", Quote: "居民消费价格涨幅2%左右"}},
	}
	englishAnswer = Answer{
		Text:  "GDP growth of around 5%[1].",
		Found: true, Mode: "extractive", ReportTitle: "2026年北京市政府工作报告", ReportYear: 2026,
		Citations: []Citation{{N: 1, Paragraph: 12, Quote: "地区生产总值增长5%左右"}},
	}
)

// engine is a function-field fake answerer that also records the questions it got.
type engine struct {
	mu        sync.Mutex
	questions []Question
	answer    func(ctx context.Context, q Question) (Answer, error)
}

func (e *engine) Answer(ctx context.Context, q Question) (Answer, error) {
	e.mu.Lock()
	e.questions = append(e.questions, q)
	f := e.answer
	e.mu.Unlock()
	if f != nil {
		return f(ctx, q)
	}
	return cannedAnswer(ctx, q)
}

func cannedAnswer(_ context.Context, q Question) (Answer, error) {
	switch {
	case strings.Contains(q.Text, "boom"):
		return Answer{}, errors.New("llm: connection refused")
	case strings.Contains(q.Text, "CPI"):
		return cpiAnswer, nil
	case strings.Contains(q.Text, "增长"):
		return gdpAnswer, nil
	case strings.Contains(q.Text, "GDP"):
		return englishAnswer, nil
	}
	return Answer{Found: false, Mode: "extractive", ReportTitle: "2026年北京市政府工作报告", ReportYear: 2026}, nil
}

// asked returns the questions with the given text the engine received.
func (e *engine) asked(text string) []Question {
	e.mu.Lock()
	defer e.mu.Unlock()
	var out []Question
	for _, q := range e.questions {
		if q.Text == text {
			out = append(out, q)
		}
	}
	return out
}

// reloader is a fake Reloader whose Reload is a function field.
type reloader struct {
	mu      sync.Mutex
	status  Status
	sources []Source
	reload  func(ctx context.Context, src Source, progress func(Stage, string)) (ReportInfo, error)
}

func newReloader() *reloader {
	return &reloader{status: Status{
		Report:   ReportInfo{Title: "2026年北京市政府工作报告", Year: 2026, Paragraphs: 120, Source: "builtin"},
		LoadedAt: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC),
		Mode:     "extractive",
	}}
}

func (r *reloader) Reload(ctx context.Context, src Source, progress func(Stage, string)) (ReportInfo, error) {
	r.mu.Lock()
	r.sources = append(r.sources, src)
	f := r.reload
	r.mu.Unlock()
	if f != nil {
		return f(ctx, src, progress)
	}
	progress(StageParsed, "3")
	progress(StageEmbedding, "")
	info := ReportInfo{Title: "2026年广东省政府工作报告", Year: 2026, Paragraphs: 3, Source: src.Name}
	progress(StageSwitched, "")
	r.mu.Lock()
	r.status = Status{Report: info, LoadedAt: time.Now(), Mode: "extractive"}
	r.mu.Unlock()
	return info, nil
}

func (r *reloader) Status() Status {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.status
}

func (r *reloader) got() []Source {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Source(nil), r.sources...)
}

// targets is a fixed targets table.
var targets = TargetsFunc(func(context.Context) (TargetTable, error) {
	return TargetTable{ReportTitle: "2026年北京市政府工作报告", ReportYear: 2026, Rows: []TargetRow{
		{Indicator: "地区生产总值增长", Value: "5%", Qualifier: "左右", Previous: "5.2%", Paragraph: 12, Quote: "地区生产总值增长5%左右"},
		{Indicator: "居民消费价格涨幅", Value: "2%", Qualifier: "左右", Paragraph: 12},
	}}, nil
})

// harness is a running bot wired to a fake Slack.
type harness struct {
	t      *testing.T
	fake   *slackfake.Server
	srv    *Server
	engine *engine
	rel    *reloader
	settle int
	logs   *syncBuffer
	stop   func() error // cancels Run and waits for it
}

// syncBuffer is a log sink tests can read while the bot writes.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// start runs a bot against a fresh fake Slack, in Socket Mode unless
// httpMode is set; change tweaks the config.
func start(t *testing.T, httpMode bool, change func(*Config)) *harness {
	t.Helper()
	fake := slackfake.New()
	t.Cleanup(fake.Close)
	cfg := Config{
		BotToken: fake.BotToken,
		APIURL:   fake.APIURL(),
		Admins:   []string{"UADMIN"},
		Addr:     "127.0.0.1:0",
	}
	if httpMode {
		cfg.SigningSecret = testSecret
	} else {
		cfg.AppToken = fake.AppToken
	}
	if change != nil {
		change(&cfg)
	}
	h := &harness{t: t, fake: fake, engine: &engine{}, rel: newReloader()}
	h.logs = &syncBuffer{}
	lg := slog.New(slog.NewTextHandler(io.MultiWriter(t.Output(), h.logs), &slog.HandlerOptions{Level: slog.LevelDebug}))
	srv, err := New(lg, cfg, Deps{Answerer: h.engine, Targets: targets, Reloader: h.rel})
	if err != nil {
		t.Fatal(err)
	}
	h.srv = srv
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx) }()
	var once sync.Once
	var stopErr error
	h.stop = func() error {
		once.Do(func() {
			cancel()
			select {
			case stopErr = <-done:
			case <-time.After(testTimeout):
				stopErr = errors.New("Run did not return after cancel")
			}
		})
		return stopErr
	}
	t.Cleanup(func() {
		if err := h.stop(); err != nil {
			t.Errorf("Run: %v", err)
		}
		if strings.Contains(h.logs.String(), fake.BotToken) || strings.Contains(h.logs.String(), fake.AppToken) {
			t.Errorf("a token was logged")
		}
	})
	select {
	case <-srv.Ready():
	case err := <-done:
		t.Fatalf("Run: %v", err)
	case <-time.After(testTimeout):
		t.Fatal("bot not ready")
	}
	if !httpMode {
		if err := fake.WaitConnected(h.ctx()); err != nil {
			t.Fatal(err)
		}
	}
	return h
}

// sub returns the harness reporting to a subtest's t.
func (h *harness) sub(t *testing.T) *harness {
	c := *h
	c.t = t
	return &c
}

func (h *harness) ctx() context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	h.t.Cleanup(cancel)
	return ctx
}

// waitFor waits until cond holds for the calls the fake recorded.
func (h *harness) waitFor(what string, cond func([]slackfake.Call) bool) []slackfake.Call {
	h.t.Helper()
	calls, err := h.fake.WaitFor(h.ctx(), what, cond)
	if err != nil {
		h.t.Fatal(err)
	}
	return calls
}

// waitCall waits for a call of method whose text or blocks contain all of want.
func (h *harness) waitCall(method string, want ...string) slackfake.Call {
	h.t.Helper()
	var found slackfake.Call
	h.waitFor(method+" containing "+strings.Join(want, ", "), func(calls []slackfake.Call) bool {
		for _, c := range calls {
			if c.Method == method && c.Status == http.StatusOK && containsAll(c.Content(), want) {
				found = c
				return true
			}
		}
		return false
	})
	return found
}

func containsAll(s string, want []string) bool {
	for _, w := range want {
		if !strings.Contains(s, w) {
			return false
		}
	}
	return true
}

// quiesce makes sure every event sent so far has been fully handled: it
// sends one more mention (events are taken in order), waits for its answer,
// then waits until no work is in flight.
func (h *harness) quiesce() {
	h.t.Helper()
	h.settle++
	ch := fmt.Sprintf("CSETTLE%d", h.settle)
	ts := fmt.Sprintf("1600000000.%06d", h.settle)
	q := "settle 增长 " + ch
	if err := h.fake.SendEvent(h.ctx(), "Ev"+ch, slackfake.Mention(ch, "UUSER", ts, "", "<@UBOT> "+q)); err != nil {
		h.t.Fatal(err)
	}
	h.waitFor("settling answer in "+ch, func(calls []slackfake.Call) bool {
		return count(calls, "chat.update", ch) == 1
	})
	if err := h.srv.waitIdle(h.ctx()); err != nil {
		h.t.Fatal(err)
	}
}

// count returns the calls of method to channel.
func count(calls []slackfake.Call, method, channel string) int {
	n := 0
	for _, c := range calls {
		if c.Method == method && c.Channel() == channel {
			n++
		}
	}
	return n
}

// get fetches a path from the bot's HTTP listener.
func (h *harness) get(path string) (int, string) {
	h.t.Helper()
	resp, err := http.Get("http://" + h.srv.Addr() + path)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}
