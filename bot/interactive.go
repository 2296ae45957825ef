package bot

import (
	"context"
	"fmt"

	"github.com/slack-go/slack"
)

// handleInteraction takes one button click, already acknowledged. It
// reports false only when shutting down.
func (s *Server) handleInteraction(cb slack.InteractionCallback) bool {
	if cb.Type != slack.InteractionTypeBlockActions {
		return true
	}
	for _, act := range cb.ActionCallback.BlockActions {
		switch act.ActionID {
		case actionFeedbackUp, actionFeedbackDown:
			if !s.feedback(cb, act) {
				return false
			}
		case actionPost:
			question := act.Value
			to := replyTo{channel: cb.Channel.ID, user: cb.User.ID, responseURL: cb.ResponseURL, inChannel: true}
			ok := s.spawn("share answer", s.cfg.AnswerTimeout+s.cfg.DeliveryTimeout, func(ctx context.Context) {
				s.share(ctx, to, question)
			})
			if !ok {
				return false
			}
		}
	}
	return true
}

// feedback logs and counts a 👍/👎 click, once per user, message and vote,
// and thanks the user privately.
func (s *Server) feedback(cb slack.InteractionCallback, act *slack.BlockAction) bool {
	vote := "up"
	if act.ActionID == actionFeedbackDown {
		vote = "down"
	}
	msgTS := cb.Container.MessageTs
	if msgTS == "" {
		msgTS = cb.Message.Timestamp
	}
	if s.seen.claim("vote:" + cb.User.ID + ":" + cb.Channel.ID + ":" + msgTS + ":" + vote) {
		s.m.feedback.WithLabelValues(vote).Inc()
		s.lg.Info("feedback", "vote", vote, "user", cb.User.ID, "channel", cb.Channel.ID, "message_ts", msgTS)
	}
	if cb.ResponseURL == "" {
		return true
	}
	to := replyTo{channel: cb.Channel.ID, user: cb.User.ID, responseURL: cb.ResponseURL}
	return s.spawn("feedback thanks", s.cfg.AnswerTimeout, func(ctx context.Context) {
		s.replyOrLog(ctx, to, msgThanks.in(zh), nil)
	})
}

// share posts an ephemeral slash answer to the channel, for everyone. The
// question travels in the button's value; answering again keeps the bot
// stateless across restarts (extractive answers are deterministic).
func (s *Server) share(ctx context.Context, to replyTo, question string) {
	l := langOf(question)
	header := fmt.Sprintf("<@%s> ❓ %s", to.user, escape(truncateRunes(question, 200)))
	blocks, fallback := s.answer(ctx, Question{Text: question}, answerOpts{source: "share", header: header})
	ctx, cancel := s.deliveryContext(ctx)
	defer cancel()
	if err := s.reply(ctx, to, fallback, blocks); err != nil {
		s.m.errors.WithLabelValues("slack").Inc()
		s.lg.Error("share failed", "channel", to.channel, "err", err)
		priv := to
		priv.inChannel = false
		s.replyOrLog(ctx, priv, msgFailed.in(l), nil)
		return
	}
	s.lg.Info("answer shared", "user", to.user, "channel", to.channel)
}
