// Package bot is reportbot's Slack front end: it receives mentions, DMs,
// slash commands and button clicks (over Socket Mode or the HTTP Events API),
// acknowledges them at once, deduplicates Slack's redeliveries, keeps thread
// context, renders answers in Block Kit, runs admin reloads with progress
// messages and exports Prometheus metrics.
//
// bot knows Slack and nothing of retrieval: it talks to the answer engine
// and the report library through the small interfaces in deps.go, which cmd
// wires to the real implementations.
package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/slack-go/slack"
)

// Server is the Slack bot. Create it with New and start it with Run.
type Server struct {
	lg      *slog.Logger
	cfg     Config
	deps    Deps
	api     *slack.Client
	m       *metrics
	seen    *dedup
	convs   *threads
	started time.Time

	reloading sync.Mutex // held for the duration of a reload

	mu        sync.Mutex
	botUserID string
	botID     string
	addr      string
	closing   bool
	nextWork  int
	cancels   map[int]context.CancelFunc // work in flight, by id
	idle      chan struct{}              // closed when the last work in flight ends
	ready     chan struct{}
	readyOnce sync.Once
}

// New checks cfg, fills in defaults and returns a Server ready to Run.
// Deps.Answerer and Deps.Reloader are required.
func New(lg *slog.Logger, cfg Config, deps Deps) (*Server, error) {
	if lg == nil {
		lg = slog.New(slog.DiscardHandler)
	}
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	if deps.Answerer == nil {
		return nil, errors.New("bot: Deps.Answerer is required")
	}
	if deps.Reloader == nil {
		return nil, errors.New("bot: Deps.Reloader is required")
	}
	opts := []slack.Option{}
	if cfg.APIURL != "" {
		opts = append(opts, slack.OptionAPIURL(cfg.APIURL))
	}
	if cfg.AppToken != "" {
		opts = append(opts, slack.OptionAppLevelToken(cfg.AppToken))
	}
	convs := newThreads(24*time.Hour, 3, 10_000)
	if cfg.ThreadsFile != "" {
		convs.path = cfg.ThreadsFile
		if err := convs.load(); err != nil {
			lg.Warn("thread memory not restored, follow-ups start afresh", "err", err)
		}
	}
	return &Server{
		lg:      lg,
		cfg:     cfg,
		deps:    deps,
		api:     slack.New(cfg.BotToken, opts...),
		m:       newMetrics(),
		seen:    newDedup(2*time.Hour, 100_000),
		convs:   convs,
		started: time.Now(),
		cancels: make(map[int]context.CancelFunc),
		idle:    make(chan struct{}),
		ready:   make(chan struct{}),
	}, nil
}

// Ready is closed once the server listens and, in Socket Mode, is connected
// to Slack.
func (s *Server) Ready() <-chan struct{} { return s.ready }

// Addr is the address the HTTP listener is bound to, valid after Ready.
func (s *Server) Addr() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addr
}

func (s *Server) markReady() { s.readyOnce.Do(func() { close(s.ready) }) }

func (s *Server) socketMode() bool { return s.cfg.AppToken != "" }

func (s *Server) identity() (userID, botID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.botUserID, s.botID
}

// Run checks the bot token with auth.test, then serves until ctx is
// cancelled: Socket Mode when an app token is configured, else the HTTP
// Events API; /healthz and /metrics are served on cfg.Addr either way. On
// cancellation it stops taking events and waits (at most
// cfg.ShutdownTimeout) for answers in flight.
func (s *Server) Run(ctx context.Context) error {
	var auth *slack.AuthTestResponse
	err := s.retry(ctx, "auth.test", func() error {
		var err error
		auth, err = s.api.AuthTestContext(ctx)
		return err
	})
	if err != nil {
		return fmt.Errorf("slack auth.test: %w", err)
	}
	s.mu.Lock()
	s.botUserID, s.botID = auth.UserID, auth.BotID
	s.mu.Unlock()

	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	s.mu.Lock()
	s.addr = ln.Addr().String()
	s.mu.Unlock()
	mode := "http"
	if s.socketMode() {
		mode = "socket"
	}
	s.lg.Info("slack bot starting", "mode", mode, "addr", s.addr, "bot_user", auth.UserID, "team", auth.Team)

	hs := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          slog.NewLogLogger(s.lg.Handler(), slog.LevelWarn),
	}
	httpErr := make(chan error, 1)
	go func() { httpErr <- hs.Serve(ln) }()

	saving, stopSaving := context.WithCancel(context.Background())
	defer stopSaving()
	go s.saveThreads(saving)

	sockCtx, stopSocket := context.WithCancel(ctx)
	defer stopSocket()
	sockErr := make(chan error, 1)
	if s.socketMode() {
		go func() { sockErr <- s.runSocket(sockCtx) }()
	} else {
		s.markReady()
	}

	var runErr error
	select {
	case <-ctx.Done():
	case err := <-httpErr:
		runErr = fmt.Errorf("serve http: %w", err)
	case err := <-sockErr:
		runErr = err
		sockErr <- nil // runSocket has returned; let the wait below pass
	}
	s.lg.Info("slack bot shutting down")

	// Stop taking events: close the socket first so Slack redelivers what
	// we have not acknowledged, then refuse new HTTP requests.
	stopSocket()
	if s.socketMode() {
		<-sockErr
	}
	s.mu.Lock()
	s.closing = true
	s.mu.Unlock()
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), s.cfg.ShutdownTimeout)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		s.lg.Warn("http shutdown", "err", err)
	}
	s.waitWork(sctx)
	if err := s.convs.save(); err != nil {
		s.lg.Warn("thread memory not saved", "err", err)
	}
	s.lg.Info("slack bot stopped")
	return runErr
}

// spawn runs f in its own goroutine with its own deadline, tracked so that
// shutdown can wait for it. It reports false when the server is shutting down.
func (s *Server) spawn(name string, timeout time.Duration, f func(ctx context.Context)) bool {
	s.mu.Lock()
	if s.closing {
		s.mu.Unlock()
		s.lg.Warn("shutting down: work not started", "work", name)
		return false
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	id := s.nextWork
	s.nextWork++
	s.cancels[id] = cancel
	s.mu.Unlock()
	go func() {
		defer func() {
			if r := recover(); r != nil {
				s.m.errors.WithLabelValues("panic").Inc()
				s.lg.Error("panic in handler", "work", name, "panic", r)
			}
			cancel()
			s.mu.Lock()
			delete(s.cancels, id)
			if len(s.cancels) == 0 {
				close(s.idle)
				s.idle = make(chan struct{})
			}
			s.mu.Unlock()
		}()
		f(ctx)
	}()
	return true
}

// waitIdle waits until no work is in flight, or ctx ends.
func (s *Server) waitIdle(ctx context.Context) error {
	s.mu.Lock()
	if len(s.cancels) == 0 {
		s.mu.Unlock()
		return nil
	}
	idle := s.idle
	s.mu.Unlock()
	select {
	case <-idle:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// waitWork waits for work in flight until ctx ends, then cancels what is
// left and gives it a moment to stop.
func (s *Server) waitWork(ctx context.Context) {
	if s.waitIdle(ctx) == nil {
		return
	}
	s.mu.Lock()
	n := len(s.cancels)
	for _, cancel := range s.cancels {
		cancel()
	}
	s.mu.Unlock()
	s.lg.Warn("shutdown timed out: cancelled work in flight", "n", n)
	grace, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if s.waitIdle(grace) != nil {
		s.lg.Error("work in flight did not stop after cancellation")
	}
}

// Handler serves /healthz and /metrics, and in HTTP mode Slack's requests.
// Run serves it on cfg.Addr; it is exported for embedding in another server.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", s.healthz)
	mux.Handle("GET /metrics", s.metricsHandler())
	if !s.socketMode() {
		mux.HandleFunc("POST /slack/events", s.httpEvents)
		mux.HandleFunc("POST /slack/commands", s.httpCommands)
		mux.HandleFunc("POST /slack/interactive", s.httpInteractive)
	}
	return mux
}

// threadsSaveEvery is how often the thread memory is written when it changed.
const threadsSaveEvery = 3 * time.Second

// saveThreads writes the thread memory when it changed, until ctx ends; a
// failure (a read-only data dir) is logged once until a save works again.
func (s *Server) saveThreads(ctx context.Context) {
	tick := time.NewTicker(threadsSaveEvery)
	defer tick.Stop()
	failing := false
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		err := s.convs.save()
		switch {
		case err != nil && !failing:
			s.lg.Warn("thread memory not saved; follow-ups keep working until a restart", "err", err)
		case err == nil && failing:
			s.lg.Info("thread memory saved again")
		}
		failing = err != nil
	}
}
