package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/slack-go/slack"

	"github.com/reportbot/reportbot/bot/chart"
)

// sendComparison replies to /report 目标 广东 北京: the named reports'
// targets side by side, one line per indicator, then a bar chart of one
// indicator shared in the conversation.
func (s *Server) sendComparison(ctx context.Context, to replyTo, words string) {
	c, err := s.deps.Library.Compare(ctx, words)
	if err != nil {
		s.lg.Info("comparison refused", "words", words, "err", err)
		text := fmt.Sprintf("请指明两份或更多已加载的报告，例如 `%s 目标 广东 北京`（`%s list` 查看已加载的报告）。", s.cfg.SlashCommand, s.cfg.SlashCommand)
		s.replyOrLog(ctx, to, text, textBlocks(text))
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, "*主要预期目标对比：%s*", escape(strings.Join(c.Reports, "、")))
	for _, row := range c.Rows {
		var cells []string
		for i, cell := range row.Cells {
			if cell == "" {
				cell = "—"
			}
			cells = append(cells, escape(c.Reports[i])+"："+escape(cell))
		}
		fmt.Fprintf(&b, "\n• *%s*　%s", escape(row.Indicator), strings.Join(cells, "；"))
	}
	for _, n := range c.Notes {
		b.WriteString("\n" + escape(n))
	}
	text := b.String()
	s.replyOrLog(ctx, to, text, textBlocks(text))

	bars, ok := ComparisonChart(c)
	if !ok {
		return
	}
	png, err := chart.PNG(bars)
	if err != nil {
		s.m.errors.WithLabelValues("chart").Inc()
		s.lg.Error("chart failed", "indicator", bars.Title, "err", err)
		return
	}
	comment := "📊 " + escape(bars.Title)
	if to.user != "" {
		comment = fmt.Sprintf("📊 <@%s> 请求的对比图：%s", to.user, escape(bars.Title))
	}
	if err := s.upload(ctx, to, "targets.png", bars.Title, comment, png); err != nil {
		s.m.errors.WithLabelValues("slack").Inc()
		s.lg.Error("chart upload failed", "channel", to.channel, "err", err)
		why := "图表未能发送到本频道。"
		var se slack.SlackErrorResponse
		if errors.As(err, &se) && (se.Err == "not_in_channel" || se.Err == "channel_not_found") {
			why = "图表未能发送：机器人不在本频道，请先邀请它加入（/invite @reportbot）。"
		}
		s.replyOrLog(ctx, to, why, nil)
	}
}

// ComparisonChart draws row c.Chart: one group of bars per report that
// states the indicator as a figure in the row's main unit, the target and,
// where any report gives it, last year's actual beside it. It needs two
// reports to draw.
func ComparisonChart(c Comparison) (chart.Bars, bool) {
	if c.Chart < 0 || c.Chart >= len(c.Rows) {
		return chart.Bars{}, false
	}
	row := c.Rows[c.Chart]
	units := map[string]int{}
	unit := ""
	for _, q := range row.Targets {
		if q != nil {
			units[q.Unit]++
			if units[q.Unit] > units[unit] || unit == "" {
				unit = q.Unit
			}
		}
	}
	target, prev := chart.Series{Name: "目标"}, chart.Series{Name: "上年实际"}
	var groups []string
	withPrev := false
	for i, name := range c.Reports {
		if i >= len(row.Targets) || row.Targets[i] == nil || row.Targets[i].Unit != unit {
			continue // the table shows it; a bar in another unit would mislead
		}
		t := row.Targets[i]
		groups = append(groups, name)
		target.Values = append(target.Values, chart.Value{Value: t.Value, Label: t.Label, OK: true})
		var v chart.Value
		if i < len(row.Previous) && row.Previous[i] != nil && row.Previous[i].Unit == unit {
			p := row.Previous[i]
			v, withPrev = chart.Value{Value: p.Value, Label: p.Label, OK: true}, true
		}
		prev.Values = append(prev.Values, v)
	}
	if len(groups) < 2 {
		return chart.Bars{}, false
	}
	bars := chart.Bars{Title: row.Indicator + " 目标", Unit: unit, Groups: groups, Series: []chart.Series{target}}
	if withPrev {
		bars.Title = row.Indicator + " 目标与上年实际"
		bars.Series = append(bars.Series, prev)
	}
	return bars, true
}

// removeReport takes the report the words name out of the library, for
// /report remove <报告>. Only admins may; channels that used it go back
// to the library's default.
func (s *Server) removeReport(ctx context.Context, user, words string) string {
	if !s.cfg.isAdmin(user) {
		s.lg.Warn("remove refused: not an admin", "user", user)
		return "抱歉，只有管理员可以删除报告。"
	}
	lib := s.deps.Library
	if lib == nil {
		return "目前只加载了一份报告，不能删除。"
	}
	found := lib.Find(words)
	switch len(found) {
	case 0:
		return fmt.Sprintf("没有找到「%s」对应的报告。用 `%s list` 查看已加载的报告。", escape(words), s.cfg.SlashCommand)
	case 1:
	default:
		var names []string
		for _, r := range found {
			names = append(names, r.Name+" `"+r.ID[:min(8, len(r.ID))]+"`")
		}
		return fmt.Sprintf("「%s」对应多份报告：%s。请给出要删除的那一份的编号或年份。", escape(words), escape(strings.Join(names, "、")))
	}
	r := found[0]
	if err := lib.Remove(ctx, r.ID); err != nil {
		s.m.errors.WithLabelValues("remove").Inc()
		s.lg.Error("remove failed", "report", r.ID, "err", err)
		return fmt.Sprintf("未能删除 %s：%s", escape(r.Name), escape(err.Error()))
	}
	s.lg.Info("report removed", "report", r.ID, "user", user)
	n := s.convs.dropReport(r.ID)
	text := fmt.Sprintf("🗑️ 已删除 %s（《%s》）。", escape(r.Name), escape(strings.Trim(r.Title, "《》")))
	if n > 0 {
		text += fmt.Sprintf(" %d 个频道原来使用它，今后改用默认报告。", n)
	}
	return text
}
