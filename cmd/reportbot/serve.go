package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/reportbot/reportbot/bot"
	"github.com/reportbot/reportbot/knowledge"
	"github.com/reportbot/reportbot/rag"
)

func init() {
	register(command{
		name:    "serve",
		summary: "run the Slack bot (Socket Mode with SLACK_APP_TOKEN, else HTTP on REPORTBOT_ADDR)",
		run:     cmdServe,
	})
}

// configVars names the environment variable behind each bot.Config field,
// so a configuration error can name what to fix.
var configVars = map[string]string{
	"BotToken":      "SLACK_BOT_TOKEN",
	"AppToken":      "SLACK_APP_TOKEN",
	"SigningSecret": "SLACK_SIGNING_SECRET",
	"APIURL":        "SLACK_API_URL",
	"Admins":        "REPORTBOT_ADMINS",
	"SlashCommand":  "REPORTBOT_SLASH_COMMAND",
	"Addr":          "REPORTBOT_ADDR",
}

var reSlackUserID = regexp.MustCompile(`^[UW][A-Z0-9]{2,}$`)

func cmdServe(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "serve", "(configured by the environment; see .env.example)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("serve takes no arguments, got %q", fs.Arg(0))
	}
	cfg, err := botConfig(e)
	if err != nil {
		return err
	}
	lg := newLogger(e, slog.LevelInfo)

	eng, lib, err := newEngine(e, lg, nil)
	if err != nil {
		return err
	}
	// The bot checks its settings before the report is loaded, so a typo
	// fails at once.
	svc := &service{eng: eng, lib: lib}
	// A question waits for the LLM's whole budget and its own embedding
	// before the bot gives up on it.
	cfg.AnswerTimeout = max(25*time.Second, eng.LLMBudget()+10*time.Second)
	if dir := lib.Dir(); dir != "" {
		cfg.ThreadsFile = filepath.Join(dir, "threads.json")
	}
	srv, err := bot.New(lg, cfg, bot.Deps{Answerer: svc, Targets: svc, Reloader: svc, Library: svc})
	if err != nil {
		var ce *bot.ConfigError
		if errors.As(err, &ce) {
			if v, ok := configVars[ce.Field]; ok {
				return usagef("%s: %s", v, ce.Problem)
			}
		}
		return err
	}
	source, err := startReport(ctx, e, lg, lib)
	if err != nil {
		return err
	}
	svc.loadedAt, svc.source = time.Now(), source
	st := eng.Status()
	lg.Info("serving", "report", st.Active.Title, "paragraphs", st.Active.Paragraphs, "mode", st.Mode)
	return srv.Run(ctx)
}

// startReport makes the report to serve active: REPORTBOT_REPORT when set,
// else the report that was active before a restart (reloads survive it),
// else the built-in one. It returns the report's source.
func startReport(ctx context.Context, e *env, lg *slog.Logger, lib *rag.Library) (string, error) {
	n, err := lib.Open(ctx)
	if err != nil {
		return "", err
	}
	src := e.getenv("REPORTBOT_REPORT")
	if src == "" && n > 0 {
		st := lib.Status()
		lg.Info("restored reports from the data directory", "reports", n, "active", st.Active.Title)
		return st.Active.Source, nil
	}
	if src == "" && len(lib.Problems()) > 0 {
		// The data dir held reports that could not be restored: the
		// built-in report serves, loudly, and nothing is written over them.
		lib.Degrade("serving the built-in report: the data directory's reports could not be restored")
		r := knowledge.Default()
		if _, err := lib.Use(ctx, r); err != nil {
			return "", err
		}
		return r.Source, nil
	}
	r, err := loadReport(ctx, e, src)
	if err != nil && n > 0 {
		// The source is down but the data dir holds what was served: serve
		// that (this source's stored copy if there is one), and say so.
		for _, ri := range lib.Reports() {
			if ri.Source == src {
				if err := lib.Activate(ri.ID); err != nil {
					return "", err
				}
			}
		}
		st := lib.Status()
		lg.Error("REPORTBOT_REPORT could not be loaded; serving the stored copy", "err", err, "serving", st.Active.Title)
		lib.Degrade(fmt.Sprintf("REPORTBOT_REPORT could not be loaded (%s): serving the stored %s", redact(err.Error()), st.Active.Title))
		return st.Active.Source, nil
	}
	if err != nil {
		return "", fmt.Errorf("REPORTBOT_REPORT: %w", err)
	}
	for _, w := range r.Warnings {
		lg.Warn("report loaded with a problem", "source", src, "warning", w)
	}
	if _, err := lib.Load(ctx, r); err != nil {
		return "", err
	}
	return r.Source, nil
}

// botConfig reads the bot's settings from the environment, failing with one
// line that names the variable at fault.
func botConfig(e *env) (bot.Config, error) {
	cfg := bot.Config{
		BotToken:      strings.TrimSpace(e.getenv("SLACK_BOT_TOKEN")),
		AppToken:      strings.TrimSpace(e.getenv("SLACK_APP_TOKEN")),
		SigningSecret: strings.TrimSpace(e.getenv("SLACK_SIGNING_SECRET")),
		APIURL:        strings.TrimSpace(e.getenv("SLACK_API_URL")),
		SlashCommand:  strings.TrimSpace(e.getenv("REPORTBOT_SLASH_COMMAND")),
		Addr:          strings.TrimSpace(e.getenv("REPORTBOT_ADDR")),
	}
	if cfg.BotToken == "" {
		return cfg, usagef("SLACK_BOT_TOKEN is not set (the bot token, xoxb-…; see .env.example)")
	}
	if cfg.AppToken == "" && cfg.SigningSecret == "" {
		return cfg, usagef("SLACK_SIGNING_SECRET is not set: HTTP mode needs it (or set SLACK_APP_TOKEN for Socket Mode)")
	}
	for _, a := range strings.Split(e.getenv("REPORTBOT_ADMINS"), ",") {
		a = strings.TrimSpace(a)
		if a == "" {
			continue
		}
		if !reSlackUserID.MatchString(a) {
			return cfg, usagef("REPORTBOT_ADMINS: %q is not a Slack user ID (like U012AB3CD)", a)
		}
		cfg.Admins = append(cfg.Admins, a)
	}
	if s := e.getenv("REPORTBOT_MAX_QUESTION"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			return cfg, usagef("REPORTBOT_MAX_QUESTION: %q is not a positive number", s)
		}
		cfg.MaxQuestionRunes = n
	}
	return cfg, nil
}

// service adapts the rag engine and library to the interfaces bot defines.
type service struct {
	eng *rag.Engine
	lib *rag.Library

	reload   sync.Mutex // one reload at a time
	mu       sync.Mutex // guards loadedAt and source
	loadedAt time.Time
	source   string
}

// Answer answers from the active report. A follow-up in a thread is asked
// together with the thread's earlier questions.
func (s *service) Answer(ctx context.Context, q bot.Question) (bot.Answer, error) {
	a, err := s.eng.Answer(ctx, rag.Question{Text: q.Text, Context: q.Context, Default: q.Report})
	if err != nil {
		return bot.Answer{}, err
	}
	out := bot.Answer{Text: a.Text, Markdown: a.Mode == rag.ModeLLM, Found: a.Found, Mode: a.Mode, Degraded: a.Degraded, ReportTitle: a.Report.Title, ReportYear: a.Report.Year}
	for _, c := range a.Citations {
		bc := bot.Citation{N: c.N, Paragraph: c.Paragraph, Section: c.Section, Quote: c.Quote}
		if c.Report != nil {
			bc.Report = c.Report.Short
		}
		out.Citations = append(out.Citations, bc)
	}
	return out, nil
}

// Targets lists the active report's targets, main ones first.
func (s *service) Targets(ctx context.Context) (bot.TargetTable, error) {
	ix, err := s.lib.Index("")
	if err != nil {
		return bot.TargetTable{}, err
	}
	r := ix.Report()
	t := bot.TargetTable{ReportTitle: r.Title, ReportYear: r.Year}
	for _, tg := range knowledge.Targets(r) {
		row := bot.TargetRow{Indicator: tg.Indicator, Value: tg.Goal(), Paragraph: tg.Paragraph, Quote: tg.Text}
		if tg.Previous != nil {
			row.Previous = tg.Previous.Value
		}
		t.Rows = append(t.Rows, row)
	}
	return t, nil
}

// Reload parses the downloaded report, indexes it aside and switches to it;
// on any error the active report stays.
func (s *service) Reload(ctx context.Context, src bot.Source, progress func(bot.Stage, string)) (bot.ReportInfo, error) {
	s.reload.Lock()
	defer s.reload.Unlock()
	r, err := knowledge.Parse(src.Name, src.Data)
	if err != nil {
		return bot.ReportInfo{}, explainLoadError(err)
	}
	detail := strconv.Itoa(len(r.Paragraphs))
	if len(r.Warnings) > 0 {
		// The admin sees what was wrong with the file, though it loaded.
		detail += " 段（" + strings.Join(r.Warnings, "；") + "）"
	}
	progress(bot.StageParsed, detail)
	progress(bot.StageEmbedding, "")
	before := len(s.lib.Problems())
	if _, err := s.lib.Load(ctx, r); err != nil {
		return bot.ReportInfo{}, err
	}
	s.mu.Lock()
	s.loadedAt, s.source = time.Now(), src.Name
	s.mu.Unlock()
	info := bot.ReportInfo{Title: r.Title, Year: r.Year, Paragraphs: len(r.Paragraphs), Source: src.Name}
	if p := s.lib.Problems(); len(p) > before {
		info.Warning = "未能写入数据目录，新报告只在内存中，重启后将丢失：" + redact(strings.Join(p[before:], "; "))
	}
	return info, nil
}

// Status describes the active report for /report status.
func (s *service) Status() bot.Status {
	st := s.eng.Status()
	s.mu.Lock()
	defer s.mu.Unlock()
	return bot.Status{
		Report:   bot.ReportInfo{Title: st.Active.Title, Year: st.Active.Year, Paragraphs: st.Active.Paragraphs, Source: s.source},
		LoadedAt: s.loadedAt,
		Mode:     st.Mode,
		Degraded: st.Degraded,
	}
}

// explainLoadError puts what went wrong with a report file in the words of
// the admins who load them, keeping the detail after it.
func explainLoadError(err error) error {
	var why string
	switch {
	case errors.Is(err, knowledge.ErrEmpty):
		why = "文件是空的，或没有找到报告正文"
	case errors.Is(err, knowledge.ErrBinary):
		why = "文件不是文本报告（可能是图片或压缩包）"
	case errors.Is(err, knowledge.ErrTooLarge):
		why = "文件超过大小上限"
	case errors.Is(err, knowledge.ErrUnsupportedFormat):
		why = "不支持的格式（支持 .txt、.md、.html、.docx）"
	case errors.Is(err, knowledge.ErrEncoding):
		why = "无法识别文字编码（支持 UTF-8、GBK/GB18030）"
	default:
		return err
	}
	return fmt.Errorf("%s: %w", why, err)
}

// Reports lists the library for /report list.
func (s *service) Reports() []bot.LibraryReport {
	var out []bot.LibraryReport
	for _, ri := range s.lib.Reports() {
		out = append(out, bot.LibraryReport{ID: ri.ID, Name: ri.ShortName(), Title: ri.Title, Default: ri.Active})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Find is the reports the words of /report use name: an ID or its start,
// or the places and years a question would route by.
func (s *service) Find(words string) []bot.LibraryReport {
	all := s.Reports()
	if id, err := matchID(s.lib.Reports(), strings.TrimSpace(words)); err == nil {
		for _, r := range all {
			if r.ID == id {
				return []bot.LibraryReport{r}
			}
		}
	}
	rt := s.lib.Route(words)
	pick := rt.Reports
	if len(pick) == 0 {
		pick = rt.Ambiguous
	}
	var out []bot.LibraryReport
	for _, ri := range pick {
		out = append(out, bot.LibraryReport{ID: ri.ID, Name: ri.ShortName(), Title: ri.Title, Default: ri.Active})
	}
	return out
}

// Remove takes a report out of the library, for /report remove.
func (s *service) Remove(_ context.Context, id string) error {
	return s.lib.Remove(id)
}

// Compare lines up the targets of the reports the words of
// /report 目标 广东 北京 name.
func (s *service) Compare(_ context.Context, words string) (bot.Comparison, error) {
	var ids []string
	for _, r := range s.Find(words) {
		ids = append(ids, r.ID)
	}
	if len(ids) < 2 {
		return bot.Comparison{}, fmt.Errorf("compare %q: %d report(s) named, two or more are needed", words, len(ids))
	}
	c, err := s.lib.Compare(ids)
	if err != nil {
		return bot.Comparison{}, err
	}
	return botComparison(c, words), nil
}
