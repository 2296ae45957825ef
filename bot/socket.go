package bot

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"
)

// runSocket serves Slack over Socket Mode until ctx is cancelled. Every
// envelope is acknowledged before its work starts; envelopes arriving while
// shutting down are left unacknowledged so Slack redelivers them.
func (s *Server) runSocket(ctx context.Context) error {
	client := socketmode.New(s.api, socketmode.OptionLog(slog.NewLogLogger(s.lg.Handler(), slog.LevelDebug)))
	runErr := make(chan error, 1)
	go func() { runErr <- client.RunContext(ctx) }()
	for {
		select {
		case <-ctx.Done():
			<-runErr
			return nil
		case err := <-runErr:
			if ctx.Err() != nil {
				return nil
			}
			return fmt.Errorf("socket mode: %w", err)
		case evt := <-client.Events:
			s.onSocketEvent(client, evt)
		}
	}
}

func (s *Server) onSocketEvent(client *socketmode.Client, evt socketmode.Event) {
	ack := func(payload any) {
		if evt.Request == nil {
			return
		}
		var err error
		if payload == nil {
			err = client.Ack(*evt.Request)
		} else {
			err = client.Ack(*evt.Request, payload)
		}
		if err != nil {
			s.m.errors.WithLabelValues("slack").Inc()
			s.lg.Error("socket mode ack", "err", err)
		}
	}
	switch evt.Type {
	case socketmode.EventTypeConnecting:
		s.lg.Debug("socket mode connecting")
	case socketmode.EventTypeConnected:
		s.lg.Info("socket mode connected")
		s.markReady()
	case socketmode.EventTypeConnectionError:
		s.lg.Warn("socket mode connection error", "err", evt.Data)
	case socketmode.EventTypeInvalidAuth:
		s.lg.Error("socket mode: invalid app token")
	case socketmode.EventTypeHello, socketmode.EventTypeDisconnect:
		s.lg.Debug("socket mode", "type", evt.Type)
	case socketmode.EventTypeEventsAPI:
		ev, ok := evt.Data.(slackevents.EventsAPIEvent)
		if !ok {
			ack(nil)
			return
		}
		ack(nil)
		retry, reason := 0, ""
		if evt.Request != nil {
			retry, reason = evt.Request.RetryAttempt, evt.Request.RetryReason
		}
		s.handleEventsAPI(ev, retry, reason)
	case socketmode.EventTypeSlashCommand:
		cmd, ok := evt.Data.(slack.SlashCommand)
		if !ok {
			ack(nil)
			return
		}
		acked := make(chan struct{})
		payload, ok := s.handleCommand(cmd, acked)
		if ok {
			ack(payload)
		}
		close(acked)
	case socketmode.EventTypeInteractive:
		cb, ok := evt.Data.(slack.InteractionCallback)
		ack(nil)
		if ok {
			s.handleInteraction(cb)
		}
	default:
		s.lg.Warn("socket mode event", "type", evt.Type, "data", fmt.Sprintf("%T", evt.Data))
	}
}
