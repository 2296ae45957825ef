package bot

import (
	"context"
	"regexp"
	"strings"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
)

// incoming is a user message the bot may answer, from app_mention or message.
type incoming struct {
	channel  string
	user     string
	ts       string
	threadTS string
	text     string
	dm       bool
	files    []slack.File
}

// handleEventsAPI takes one Events API callback, already acknowledged (or
// about to be). It reports false only when the server is shutting down.
func (s *Server) handleEventsAPI(ev slackevents.EventsAPIEvent, retry int, retryReason string) bool {
	s.mu.Lock()
	closing := s.closing
	s.mu.Unlock()
	if closing {
		return false
	}
	if ev.Type != slackevents.CallbackEvent {
		return true
	}
	if cb, ok := ev.Data.(*slackevents.EventsAPICallbackEvent); ok && cb.EventID != "" {
		if !s.seen.claim("event:" + cb.EventID) {
			s.lg.Info("duplicate event ignored", "event_id", cb.EventID, "retry", retry, "reason", retryReason)
			return true
		}
	}
	switch e := ev.InnerEvent.Data.(type) {
	case *slackevents.AppMentionEvent:
		s.onMention(e)
	case *slackevents.MessageEvent:
		s.onMessage(e)
	default:
		s.lg.Debug("event ignored", "type", ev.InnerEvent.Type)
	}
	return true
}

func (s *Server) onMention(e *slackevents.AppMentionEvent) {
	botUser, _ := s.identity()
	if e.BotID != "" || e.User == "" || e.User == botUser || e.Edited != nil {
		return
	}
	s.onUserMessage(incoming{
		channel:  e.Channel,
		user:     e.User,
		ts:       e.TimeStamp,
		threadTS: e.ThreadTimeStamp,
		text:     e.Text,
		dm:       strings.HasPrefix(e.Channel, "D"),
		files:    e.Files,
	})
}

func (s *Server) onMessage(e *slackevents.MessageEvent) {
	botUser, botID := s.identity()
	switch e.SubType {
	case "", "file_share", "thread_broadcast":
	default: // edits, deletions, joins, bot messages …
		return
	}
	if e.BotID != "" || e.User == "" || e.User == botUser || (botID != "" && e.BotID == botID) {
		return
	}
	in := incoming{
		channel:  e.Channel,
		user:     e.User,
		ts:       e.TimeStamp,
		threadTS: e.ThreadTimeStamp,
		text:     e.Text,
		dm:       e.ChannelType == slackevents.ChannelTypeIM,
	}
	if e.Message != nil {
		in.files = e.Message.Files
		if e.Message.Edited != nil {
			return
		}
	}
	// Outside DMs only messages that mention the bot are for it; those also
	// arrive as app_mention, and the pair is deduplicated by channel+ts.
	if !in.dm && !strings.Contains(in.text, "<@"+botUser) {
		return
	}
	s.onUserMessage(in)
}

// reMention matches a user mention in Slack's markup: <@U123> or <@U123|name>.
var reMention = regexp.MustCompile(`<@([A-Z0-9]+)(\|[^>]*)?>`)

// stripMention removes mentions of the bot from a message.
func (s *Server) stripMention(text string) string {
	botUser, _ := s.identity()
	if botUser != "" {
		text = reMention.ReplaceAllStringFunc(text, func(m string) string {
			if reMention.FindStringSubmatch(m)[1] == botUser {
				return " "
			}
			return m
		})
	}
	return strings.TrimSpace(strings.Join(strings.Fields(text), " "))
}

// reloadCommand recognises "reload <url>" (or 重新加载) in a message.
var reloadCommand = regexp.MustCompile(`^(?i:reload|重新加载|重载)(?:\s+(\S+))?\s*$`)

func (s *Server) onUserMessage(in incoming) {
	if !s.seen.claim("msg:" + in.channel + ":" + in.ts) {
		s.lg.Info("duplicate message ignored", "channel", in.channel, "ts", in.ts)
		return
	}
	text := s.stripMention(in.text)
	l := langOf(text)

	// Where the reply goes: under a channel message always in a thread; in
	// a DM in the thread if the message is in one, else in the DM itself.
	to := replyTo{channel: in.channel, user: in.user, threadTS: in.threadTS}
	if !in.dm && to.threadTS == "" {
		to.threadTS = in.ts
	}
	// The conversation whose earlier questions give context.
	conv := in.channel + ":" + to.threadTS
	dmConv := ""
	if in.dm {
		dmConv = in.channel + ":dm"
		if in.threadTS == "" {
			conv = dmConv
		}
	}
	source := "mention"
	switch {
	case in.dm:
		source = "dm"
	case in.threadTS != "" && s.convs.known(conv):
		source = "thread"
	}

	if len(in.files) > 0 && (in.dm || reloadCommand.MatchString(text) || strings.HasPrefix(strings.ToLower(text), "reload")) {
		progress := to
		progress.threadTS = in.ts
		if in.threadTS != "" {
			progress.threadTS = in.threadTS
		}
		f := in.files[0]
		s.startReload(reloadRequest{user: in.user, to: progress, file: &f, l: l})
		return
	}
	if m := reloadCommand.FindStringSubmatch(text); m != nil {
		s.startReload(reloadRequest{user: in.user, to: to, url: m[1], l: l})
		return
	}

	s.spawn("answer", s.cfg.AnswerTimeout+s.cfg.DeliveryTimeout, func(ctx context.Context) {
		s.answerMessage(ctx, to, conv, dmConv, text, source)
	})
}

// answerMessage answers one question in a conversation: a 「正在查找…」
// placeholder first, then replaced by the answer through chat.update.
// A DM thread the bot has not answered in falls back to the DM's context.
func (s *Server) answerMessage(ctx context.Context, to replyTo, conv, dmConv, text, source string) {
	l := langOf(text)
	if text == "" {
		s.replyOrLog(ctx, to, msgEmpty.in(l), nil)
		return
	}
	if refusal, long := s.tooLong(text, l); long {
		s.lg.Info("question too long", "channel", to.channel, "runes", len([]rune(text)))
		s.replyOrLog(ctx, to, refusal, nil)
		return
	}
	placeholder, err := s.post(ctx, to.channel, to.threadTS, msgSearching.in(l), nil)
	if err != nil {
		s.m.errors.WithLabelValues("slack").Inc()
		s.lg.Warn("placeholder not posted", "channel", to.channel, "err", err)
	}
	q := Question{Text: text, Context: s.convs.context(conv), Report: s.convs.channelReport(to.channel)}
	if len(q.Context) == 0 && dmConv != "" {
		q.Context = s.convs.context(dmConv)
	}
	blocks, fallback := s.answer(ctx, q, answerOpts{source: source})
	s.convs.add(conv, text)
	ctx, cancel := s.deliveryContext(ctx)
	defer cancel()
	if placeholder != "" {
		err := s.update(ctx, to.channel, placeholder, fallback, blocks)
		if err == nil {
			return
		}
		s.m.errors.WithLabelValues("slack").Inc()
		s.lg.Warn("placeholder not updated, posting anew", "channel", to.channel, "err", err)
	}
	if _, err := s.post(ctx, to.channel, to.threadTS, fallback, blocks); err != nil {
		s.m.errors.WithLabelValues("slack").Inc()
		s.lg.Error("answer not delivered", "channel", to.channel, "err", err)
	}
}
