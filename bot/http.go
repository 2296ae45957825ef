package bot

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strconv"

	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
)

// maxRequestBody bounds what Slack may send in one HTTP request.
const maxRequestBody = 1 << 20

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	closing := s.closing
	s.mu.Unlock()
	if closing {
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	// Degraded still answers questions: 200, so load balancers keep
	// sending traffic, with the reasons for the operator.
	if d := s.deps.Reloader.Status().Degraded; len(d) > 0 {
		io.WriteString(w, "degraded\n")
		for _, why := range d {
			io.WriteString(w, "- "+why+"\n")
		}
		return
	}
	io.WriteString(w, "ok\n")
}

func (s *Server) metricsHandler() http.Handler {
	return promhttp.HandlerFor(s.m.reg, promhttp.HandlerOpts{Registry: s.m.reg})
}

// verified reads the body and checks Slack's request signature and
// timestamp. On failure it answers 401 and reports false: nothing else runs.
func (s *Server) verified(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxRequestBody))
	if err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return nil, false
	}
	sv, err := slack.NewSecretsVerifier(r.Header, s.cfg.SigningSecret)
	if err == nil {
		sv.Write(body)
		err = sv.Ensure()
	}
	if err != nil {
		s.m.errors.WithLabelValues("signature").Inc()
		s.lg.Warn("rejected unsigned or stale request", "path", r.URL.Path, "reason", err, "remote", r.RemoteAddr)
		http.Error(w, "invalid signature", http.StatusUnauthorized)
		return nil, false
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	return body, true
}

// httpEvents serves POST /slack/events (the Events API).
func (s *Server) httpEvents(w http.ResponseWriter, r *http.Request) {
	body, ok := s.verified(w, r)
	if !ok {
		return
	}
	ev, err := slackevents.ParseEvent(body, slackevents.OptionNoVerifyToken())
	if err != nil {
		s.lg.Warn("unparseable event", "err", err)
		http.Error(w, "bad event", http.StatusBadRequest)
		return
	}
	if ev.Type == slackevents.URLVerification {
		var ch slackevents.ChallengeResponse
		if err := json.Unmarshal(body, &ch); err != nil {
			http.Error(w, "bad challenge", http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "text/plain")
		io.WriteString(w, ch.Challenge)
		return
	}
	retry, _ := strconv.Atoi(r.Header.Get("X-Slack-Retry-Num"))
	if !s.handleEventsAPI(ev, retry, r.Header.Get("X-Slack-Retry-Reason")) {
		// Shutting down: let Slack redeliver to a running instance.
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
		return
	}
	w.WriteHeader(http.StatusOK)
}

// httpCommands serves POST /slack/commands (slash commands).
func (s *Server) httpCommands(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.verified(w, r); !ok {
		return
	}
	cmd, err := slack.SlashCommandParse(r)
	if err != nil {
		http.Error(w, "bad command", http.StatusBadRequest)
		return
	}
	acked := make(chan struct{})
	defer close(acked)
	ack, ok := s.handleCommand(cmd, acked)
	if !ok {
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
		return
	}
	if ack == nil {
		w.WriteHeader(http.StatusOK)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(ack)
}

// httpInteractive serves POST /slack/interactive (button clicks).
func (s *Server) httpInteractive(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.verified(w, r); !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	var cb slack.InteractionCallback
	if err := json.Unmarshal([]byte(r.PostForm.Get("payload")), &cb); err != nil {
		http.Error(w, "bad payload", http.StatusBadRequest)
		return
	}
	if !s.handleInteraction(cb) {
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
		return
	}
	w.WriteHeader(http.StatusOK)
}
