package bot

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/slack-go/slack"
)

// maxRateLimitRetries bounds how often one Slack call is retried after 429.
const maxRateLimitRetries = 3

// retry runs one Web API call, waiting out Slack's Retry-After (capped by
// cfg.MaxRetryAfter) when rate limited.
func (s *Server) retry(ctx context.Context, method string, call func() error) error {
	for attempt := 0; ; attempt++ {
		err := call()
		var rl *slack.RateLimitedError
		if !errors.As(err, &rl) || attempt == maxRateLimitRetries {
			return err
		}
		s.m.rateLimited.WithLabelValues(method).Inc()
		wait := min(max(rl.RetryAfter, 0), s.cfg.MaxRetryAfter)
		s.lg.Warn("slack rate limited", "method", method, "retry_after", rl.RetryAfter, "attempt", attempt+1)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return fmt.Errorf("waiting out rate limit: %w", ctx.Err())
		case <-t.C:
		}
	}
}

// replyTo says where a reply goes: a response_url (slash commands, button
// clicks), an ephemeral message, or a conversation (optionally a thread).
type replyTo struct {
	channel     string
	threadTS    string
	user        string
	responseURL string
	ephemeral   bool
	inChannel   bool // with responseURL: visible to everyone in the channel
}

// post sends a new message and returns its timestamp.
func (s *Server) post(ctx context.Context, channel, threadTS, text string, blocks []slack.Block) (string, error) {
	opts := []slack.MsgOption{slack.MsgOptionText(text, false)}
	if len(blocks) > 0 {
		opts = append(opts, slack.MsgOptionBlocks(blocks...))
	}
	if threadTS != "" {
		opts = append(opts, slack.MsgOptionTS(threadTS))
	}
	var ts string
	err := s.retry(ctx, "chat.postMessage", func() error {
		var err error
		_, ts, err = s.api.PostMessageContext(ctx, channel, opts...)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("slack chat.postMessage: %w", err)
	}
	return ts, nil
}

// update replaces a message the bot posted.
func (s *Server) update(ctx context.Context, channel, ts, text string, blocks []slack.Block) error {
	opts := []slack.MsgOption{slack.MsgOptionText(text, false), slack.MsgOptionBlocks(blocks...)}
	err := s.retry(ctx, "chat.update", func() error {
		_, _, _, err := s.api.UpdateMessageContext(ctx, channel, ts, opts...)
		return err
	})
	if err != nil {
		return fmt.Errorf("slack chat.update: %w", err)
	}
	return nil
}

// reply sends text (and blocks) where to says.
func (s *Server) reply(ctx context.Context, to replyTo, text string, blocks []slack.Block) error {
	opts := []slack.MsgOption{slack.MsgOptionText(text, false)}
	if len(blocks) > 0 {
		opts = append(opts, slack.MsgOptionBlocks(blocks...))
	}
	switch {
	case to.responseURL != "":
		typ := slack.ResponseTypeEphemeral
		if to.inChannel {
			typ = slack.ResponseTypeInChannel
		}
		opts = append(opts, slack.MsgOptionResponseURL(to.responseURL, typ))
		err := s.retry(ctx, "response_url", func() error {
			_, _, err := s.api.PostMessageContext(ctx, to.channel, opts...)
			return err
		})
		if err != nil {
			return fmt.Errorf("slack response_url: %w", err)
		}
		return nil
	case to.ephemeral:
		if to.threadTS != "" {
			opts = append(opts, slack.MsgOptionTS(to.threadTS))
		}
		err := s.retry(ctx, "chat.postEphemeral", func() error {
			_, err := s.api.PostEphemeralContext(ctx, to.channel, to.user, opts...)
			return err
		})
		if err != nil {
			return fmt.Errorf("slack chat.postEphemeral: %w", err)
		}
		return nil
	default:
		_, err := s.post(ctx, to.channel, to.threadTS, text, blocks)
		return err
	}
}

// replyOrLog is reply for messages whose loss is only worth a log line.
func (s *Server) replyOrLog(ctx context.Context, to replyTo, text string, blocks []slack.Block) {
	if err := s.reply(ctx, to, text, blocks); err != nil {
		s.m.errors.WithLabelValues("slack").Inc()
		s.lg.Error("reply failed", "channel", to.channel, "err", err)
	}
}

// upload shares a file in a conversation (a thread when threadTS is set)
// through Slack's external upload flow: files.getUploadURLExternal, the
// bytes posted to the URL it gives, then files.completeUploadExternal.
func (s *Server) upload(ctx context.Context, to replyTo, name, title, comment string, data []byte) error {
	params := slack.UploadFileParameters{
		Reader:          bytes.NewReader(data),
		FileSize:        len(data),
		Filename:        name,
		Title:           title,
		InitialComment:  comment,
		Channel:         to.channel,
		ThreadTimestamp: to.threadTS,
		AltTxt:          title,
	}
	err := s.retry(ctx, "files.upload", func() error {
		params.Reader = bytes.NewReader(data) // a retry sends the bytes again
		_, err := s.api.UploadFileContext(ctx, params)
		return err
	})
	if err != nil {
		return fmt.Errorf("slack file upload: %w", err)
	}
	return nil
}
