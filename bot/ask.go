package bot

import (
	"context"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/slack-go/slack"
)

// answerOpts shapes how an answer is rendered.
type answerOpts struct {
	source     string // metrics label: mention, dm, thread, slash, share
	header     string // optional context line above the answer (mrkdwn)
	postButton bool   // add the "post to channel" button (ephemeral answers)
}

// tooLong reports whether a question exceeds the configured limit, with
// the polite refusal to send if so.
func (s *Server) tooLong(q string, l lang) (string, bool) {
	if utf8.RuneCountInString(q) <= s.cfg.MaxQuestionRunes {
		return "", false
	}
	return fmt.Sprintf(msgTooLong.in(l), s.cfg.MaxQuestionRunes), true
}

// answer asks the engine and renders the result. Whatever goes wrong, it
// returns something to show: engine errors become a short apology (the
// detail is logged), never a raw error.
func (s *Server) answer(ctx context.Context, q Question, opts answerOpts) ([]slack.Block, string) {
	l := langOf(q.Text)
	start := time.Now()
	s.m.questions.WithLabelValues(opts.source).Inc()
	s.lg.Debug("question", "source", opts.source, "text", q.Text, "context", q.Context)
	actx, cancel := context.WithTimeout(ctx, s.cfg.AnswerTimeout)
	defer cancel()
	a, err := s.callAnswerer(actx, q)
	elapsed := time.Since(start)
	s.m.latency.Observe(elapsed.Seconds())
	if err != nil {
		s.m.errors.WithLabelValues("answer").Inc()
		s.lg.Error("answer failed", "source", opts.source, "err", err, "ms", elapsed.Milliseconds())
		text := "⚠️ " + msgFailed.in(l)
		return textBlocks(text), text
	}
	mode := a.Mode
	if mode == "" {
		mode = "unknown"
	}
	s.m.answers.WithLabelValues(mode).Inc()
	if !a.Found {
		s.m.notFound.Inc()
	}
	if a.Degraded != "" {
		s.m.degraded.Inc()
	}
	s.lg.Info("answered", "source", opts.source, "found", a.Found, "mode", mode,
		"citations", len(a.Citations), "ms", elapsed.Milliseconds())
	return answerBlocks(q.Text, a, l, opts)
}

// callAnswerer turns a panicking engine into an error, and an engine that
// overruns ctx into a timeout, so one bad question cannot take the bot
// down or go unanswered.
func (s *Server) callAnswerer(ctx context.Context, q Question) (Answer, error) {
	type result struct {
		a   Answer
		err error
	}
	done := make(chan result, 1)
	go func() {
		var r result
		defer func() {
			if p := recover(); p != nil {
				r.err = fmt.Errorf("answerer panicked: %v", p)
			}
			done <- r
		}()
		r.a, r.err = s.deps.Answerer.Answer(ctx, q)
	}()
	select {
	case r := <-done:
		return r.a, r.err
	case <-ctx.Done():
		return Answer{}, fmt.Errorf("no answer within the answer timeout: %w", ctx.Err())
	}
}

// deliveryContext is a fresh deadline for posting what was made under ctx:
// an answer that used all its time is still delivered, and so is the
// apology for one that never came.
func (s *Server) deliveryContext(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(ctx), s.cfg.DeliveryTimeout)
}
