package bot

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/slack-go/slack"
)

// command verbs of the slash command.
const (
	verbAsk     = "ask"
	verbHelp    = "help"
	verbTargets = "targets"
	verbStatus  = "status"
	verbReload  = "reload"
	verbList    = "list"
	verbUse     = "use"
	verbRemove  = "remove"
	verbUnknown = "unknown"
)

var wordOnly = regexp.MustCompile(`^[A-Za-z][A-Za-z_-]*$`)

// parseCommand splits the slash command's text into a verb and its argument.
// Anything that is not a known verb and not a lone English word is a question.
func parseCommand(text string) (verb, arg string) {
	text = strings.TrimSpace(text)
	if text == "" {
		return verbHelp, ""
	}
	first, rest, _ := strings.Cut(text, " ")
	rest = strings.TrimSpace(rest)
	switch strings.ToLower(first) {
	case "help", "帮助", "?", "？":
		return verbHelp, ""
	case "targets", "target", "目标":
		return verbTargets, rest // with places: the targets side by side
	case "status", "状态":
		return verbStatus, ""
	case "reload", "重新加载", "重载":
		return verbReload, rest
	case "list", "reports", "列表", "报告列表":
		return verbList, ""
	case "use", "使用", "切换":
		if rest == "" {
			return verbHelp, ""
		}
		return verbUse, rest
	case "remove", "rm", "删除", "移除":
		if rest == "" {
			return verbHelp, ""
		}
		return verbRemove, rest
	case "ask", "问":
		if rest == "" {
			return verbHelp, ""
		}
		return verbAsk, rest
	}
	if rest == "" && wordOnly.MatchString(first) {
		return verbUnknown, first
	}
	return verbAsk, text
}

// handleCommand takes one slash command. It returns the payload to
// acknowledge it with (nil for an empty ack) and false when shutting down.
// The work starts in the background and replies only after acked is closed,
// so the acknowledgement reaches Slack first.
func (s *Server) handleCommand(cmd slack.SlashCommand, acked <-chan struct{}) (any, bool) {
	// A replayed command (the same signed body again, or a redelivered
	// envelope) carries the same trigger and response URL: it is acked and
	// not answered twice. The same question typed again is a new command.
	if !s.seen.claim("slash:" + commandKey(cmd)) {
		s.lg.Info("slash command replayed, ignored", "user", cmd.UserID, "channel", cmd.ChannelID)
		return nil, true
	}
	verb, arg := parseCommand(cmd.Text)
	l := zh // subcommands answer in Chinese; questions in their own language
	if verb == verbAsk {
		l = langOf(arg)
	}
	to := replyTo{channel: cmd.ChannelID, user: cmd.UserID, responseURL: cmd.ResponseURL, ephemeral: true}
	s.lg.Info("slash command", "verb", verb, "user", cmd.UserID, "channel", cmd.ChannelID)
	wait := func(ctx context.Context) bool {
		select {
		case <-acked:
			return true
		case <-ctx.Done():
			return false
		}
	}
	var ack any
	var ok bool
	switch verb {
	case verbAsk:
		ack = map[string]string{"response_type": "ephemeral", "text": msgSearching.in(l)}
		ok = s.spawn("slash ask", s.cfg.AnswerTimeout+s.cfg.DeliveryTimeout, func(ctx context.Context) {
			if !wait(ctx) {
				return
			}
			if refusal, long := s.tooLong(arg, l); long {
				s.replyOrLog(ctx, to, refusal, nil)
				return
			}
			header := "❓ " + escape(truncateRunes(arg, 200))
			blocks, fallback := s.answer(ctx, Question{Text: arg, Report: s.convs.channelReport(cmd.ChannelID)}, answerOpts{source: "slash", header: header, postButton: true})
			dctx, cancel := s.deliveryContext(ctx)
			defer cancel()
			s.replyOrLog(dctx, to, fallback, blocks)
		})
	case verbTargets:
		ok = s.spawn("slash targets", s.cfg.AnswerTimeout, func(ctx context.Context) {
			if !wait(ctx) {
				return
			}
			if arg != "" && s.deps.Library != nil {
				s.sendComparison(ctx, to, arg)
				return
			}
			s.sendTargets(ctx, to, l)
		})
	case verbStatus:
		ok = s.spawn("slash status", s.cfg.AnswerTimeout, func(ctx context.Context) {
			if wait(ctx) {
				text := statusText(s.deps.Reloader.Status(), time.Since(s.started), l)
				s.replyOrLog(ctx, to, text, textBlocks(text))
			}
		})
	case verbList, verbUse:
		ok = s.spawn("slash library", s.cfg.AnswerTimeout, func(ctx context.Context) {
			if wait(ctx) {
				text := s.libraryReply(verb, arg, cmd.ChannelID)
				s.replyOrLog(ctx, to, text, textBlocks(text))
			}
		})
	case verbRemove:
		ok = s.spawn("slash remove", s.cfg.AnswerTimeout, func(ctx context.Context) {
			if wait(ctx) {
				text := s.removeReport(ctx, cmd.UserID, arg)
				s.replyOrLog(ctx, to, text, textBlocks(text))
			}
		})
	case verbReload:
		ok = s.spawn("slash reload", s.cfg.AnswerTimeout, func(ctx context.Context) {
			if wait(ctx) {
				s.startReload(reloadRequest{user: cmd.UserID, to: to, url: arg, l: l})
			}
		})
	default: // help, unknown
		ok = s.spawn("slash help", s.cfg.AnswerTimeout, func(ctx context.Context) {
			if !wait(ctx) {
				return
			}
			text := helpText(s.cfg.SlashCommand, l)
			if verb == verbUnknown {
				if l == en {
					text = fmt.Sprintf("Unknown command `%s`.\n", escape(arg)) + text
				} else {
					text = fmt.Sprintf("没有 `%s` 这个命令。\n", escape(arg)) + text
				}
			}
			s.replyOrLog(ctx, to, text, textBlocks(text))
		})
	}
	if !ok {
		return nil, false
	}
	return ack, true
}

// sendTargets replies with the active report's targets table.
func (s *Server) sendTargets(ctx context.Context, to replyTo, l lang) {
	if s.deps.Targets == nil {
		s.replyOrLog(ctx, to, msgNoTargets.in(l), nil)
		return
	}
	t, err := s.deps.Targets.Targets(ctx)
	if err != nil {
		s.m.errors.WithLabelValues("targets").Inc()
		s.lg.Error("targets failed", "err", err)
		s.replyOrLog(ctx, to, msgTargetsErr.in(l), nil)
		return
	}
	blocks, fallback := targetsBlocks(t, l)
	s.replyOrLog(ctx, to, fallback, blocks)
}

// commandKey is a hash of what identifies one slash command invocation.
func commandKey(cmd slack.SlashCommand) string {
	h := sha256.New()
	for _, f := range []string{cmd.TriggerID, cmd.ResponseURL, cmd.TeamID, cmd.ChannelID, cmd.UserID, cmd.Command, cmd.Text} {
		h.Write([]byte(f))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// libraryReply answers /report list and /report use <报告>: the loaded
// reports, with the channel's and the library's default marked, or the
// channel's report set.
func (s *Server) libraryReply(verb, arg, channel string) string {
	lib := s.deps.Library
	if lib == nil {
		return "目前只加载了一份报告。"
	}
	current := s.convs.channelReport(channel)
	if verb == verbList {
		var b strings.Builder
		b.WriteString("*已加载的报告：*")
		for _, r := range lib.Reports() {
			mark := ""
			switch {
			case r.ID == current:
				mark = "（本频道使用）"
			case current == "" && r.Default:
				mark = "（默认）"
			}
			fmt.Fprintf(&b, "\n• %s — 《%s》 `%s`%s", escape(r.Name), escape(strings.Trim(r.Title, "《》")), r.ID[:min(8, len(r.ID))], mark)
		}
		b.WriteString("\n问题中提到地名或年份时，会自动从对应的报告回答；`" + s.cfg.SlashCommand + " use 报告` 设定本频道默认使用的报告。")
		return b.String()
	}
	found := lib.Find(arg)
	switch len(found) {
	case 0:
		return fmt.Sprintf("没有找到「%s」对应的报告。用 `%s list` 查看已加载的报告。", escape(arg), s.cfg.SlashCommand)
	case 1:
		s.convs.setChannelReport(channel, found[0].ID)
		return fmt.Sprintf("✅ 本频道今后没有指明地区和年份的问题，将从 %s 回答。", escape(found[0].Name))
	}
	var names []string
	for _, r := range found {
		names = append(names, r.Name)
	}
	return fmt.Sprintf("「%s」对应多份报告：%s。请说得更具体些（例如加上年份）。", escape(arg), escape(strings.Join(names, "、")))
}
