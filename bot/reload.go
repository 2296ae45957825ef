package bot

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/slack-go/slack"
)

// reloadRequest is an admin's request to load a new report, from a URL or
// from a file uploaded to Slack.
type reloadRequest struct {
	user string
	to   replyTo // where progress and the result go
	url  string
	file *slack.File
	l    lang
}

// errTooLarge marks a report over cfg.ReloadMaxBytes.
var errTooLarge = errors.New("report too large")

// startReload checks the admin rule and that no other reload runs, then
// reloads in the background, posting progress to the admin.
func (s *Server) startReload(r reloadRequest) {
	if !s.cfg.isAdmin(r.user) {
		s.m.reloads.WithLabelValues("refused").Inc()
		s.lg.Warn("reload refused: not an admin", "user", r.user, "channel", r.to.channel)
		s.spawn("reload refusal", s.cfg.AnswerTimeout, func(ctx context.Context) {
			s.replyOrLog(ctx, r.to, msgNotAdmin.in(r.l), nil)
		})
		return
	}
	if r.file == nil {
		if _, err := parseReportURL(r.url); err != nil {
			s.spawn("reload usage", s.cfg.AnswerTimeout, func(ctx context.Context) {
				s.replyOrLog(ctx, r.to, fmt.Sprintf(msgBadURL.in(r.l), s.cfg.SlashCommand), nil)
			})
			return
		}
	}
	if !s.reloading.TryLock() {
		s.m.reloads.WithLabelValues("busy").Inc()
		s.spawn("reload busy", s.cfg.AnswerTimeout, func(ctx context.Context) {
			s.replyOrLog(ctx, r.to, msgBusy.in(r.l), nil)
		})
		return
	}
	ok := s.spawn("reload", s.cfg.ReloadTimeout, func(ctx context.Context) {
		// The outcome is told after the lock is released, so an admin who
		// retries at once is not told a reload is still running.
		outcome := func() string {
			defer s.reloading.Unlock()
			return s.reload(ctx, r)
		}()
		s.replyOrLog(ctx, r.to, outcome, nil)
	})
	if !ok {
		s.reloading.Unlock()
	}
}

// reload downloads the report, hands it to the Reloader, posts progress,
// and returns how it went, for the admin. The Reloader keeps the old report
// on failure.
func (s *Server) reload(ctx context.Context, r reloadRequest) string {
	say := func(text string) { s.replyOrLog(ctx, r.to, text, nil) }
	name := r.url
	if r.file != nil {
		name = r.file.Name
	}
	s.lg.Info("reload started", "user", r.user, "source", name)
	say(stageText(StageDownloading, escape(name)))

	var src Source
	var err error
	if r.file != nil {
		src, err = s.downloadUpload(ctx, r.file.ID)
	} else {
		src, err = s.downloadURL(ctx, r.url)
	}
	old := s.deps.Reloader.Status()
	var info ReportInfo
	if err == nil {
		// Progress is posted synchronously, and never after Reload returns.
		var mu sync.Mutex
		done := false
		info, err = s.deps.Reloader.Reload(ctx, src, func(st Stage, detail string) {
			mu.Lock()
			defer mu.Unlock()
			if done || st == StageSwitched || st == StageDownloading {
				return // the bot reports these itself
			}
			say(stageText(st, escape(detail)))
		})
		mu.Lock()
		done = true
		mu.Unlock()
	}
	if err != nil {
		s.m.reloads.WithLabelValues("failed").Inc()
		s.lg.Warn("reload failed", "user", r.user, "source", name, "err", err)
		return fmt.Sprintf("❌ 重新加载失败：%s\n仍在使用 %s。", escape(s.reason(err)),
			escape(reportName(old.Report.Title, old.Report.Year)))
	}
	s.m.reloads.WithLabelValues("ok").Inc()
	s.lg.Info("reload done", "user", r.user, "source", name, "title", info.Title, "paragraphs", info.Paragraphs)
	done := fmt.Sprintf("✅ 已切换到 %s，共 %d 段。", escape(reportName(info.Title, info.Year)), info.Paragraphs)
	if info.Warning != "" {
		done += "\n⚠️ " + escape(info.Warning)
	}
	return done
}

// reason explains a failed reload to the admin in one line.
func (s *Server) reason(err error) string {
	switch {
	case errors.Is(err, errTooLarge):
		return fmt.Sprintf("报告超过 %.1f MB 的上限", float64(s.cfg.ReloadMaxBytes)/(1<<20))
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Sprintf("超时（上限 %v）", s.cfg.ReloadTimeout)
	}
	return truncateRunes(strings.Join(strings.Fields(err.Error()), " "), 500)
}

// parseReportURL accepts http and https URLs, also in Slack's <url|label> form.
func parseReportURL(raw string) (*url.URL, error) {
	raw = strings.TrimSpace(raw)
	raw = strings.TrimSuffix(strings.TrimPrefix(raw, "<"), ">")
	raw, _, _ = strings.Cut(raw, "|")
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("parse report URL: %w", err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("report URL must be http or https: %q", raw)
	}
	return u, nil
}

// downloadURL fetches a report within the size limit; the context carries
// the time limit. Redirects must stay on http or https.
func (s *Server) downloadURL(ctx context.Context, raw string) (Source, error) {
	u, err := parseReportURL(raw)
	if err != nil {
		return Source{}, err
	}
	client := *s.cfg.HTTPClient
	client.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if len(via) >= 5 {
			return errors.New("too many redirects")
		}
		if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
			return fmt.Errorf("redirect to %s is not http or https", req.URL.Scheme)
		}
		return nil
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return Source{}, fmt.Errorf("download report: %w", err)
	}
	req.Header.Set("User-Agent", "reportbot")
	resp, err := client.Do(req)
	if err != nil {
		return Source{}, fmt.Errorf("download report: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return Source{}, fmt.Errorf("download report: HTTP %s", resp.Status)
	}
	if resp.ContentLength > s.cfg.ReloadMaxBytes {
		return Source{}, fmt.Errorf("download report: %w", errTooLarge)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, s.cfg.ReloadMaxBytes+1))
	if err != nil {
		return Source{}, fmt.Errorf("download report: %w", err)
	}
	if int64(len(data)) > s.cfg.ReloadMaxBytes {
		return Source{}, fmt.Errorf("download report: %w", errTooLarge)
	}
	return Source{URL: u.String(), Name: u.String(), ContentType: resp.Header.Get("Content-Type"), Data: data}, nil
}

// limitedBuffer collects at most max bytes and fails beyond.
type limitedBuffer struct {
	buf []byte
	max int64
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if int64(len(b.buf)+len(p)) > b.max {
		return 0, errTooLarge
	}
	b.buf = append(b.buf, p...)
	return len(p), nil
}

// downloadUpload fetches a file uploaded to Slack (files.info, then the
// private download URL on Slack's host) within the size limit.
func (s *Server) downloadUpload(ctx context.Context, fileID string) (Source, error) {
	var f *slack.File
	err := s.retry(ctx, "files.info", func() error {
		var err error
		f, _, _, err = s.api.GetFileInfoContext(ctx, fileID, 0, 0)
		return err
	})
	if err != nil {
		return Source{}, fmt.Errorf("slack files.info: %w", err)
	}
	if int64(f.Size) > s.cfg.ReloadMaxBytes {
		return Source{}, fmt.Errorf("uploaded report: %w", errTooLarge)
	}
	link := f.URLPrivateDownload
	if link == "" {
		link = f.URLPrivate
	}
	var buf limitedBuffer
	err = s.retry(ctx, "file download", func() error {
		buf = limitedBuffer{max: s.cfg.ReloadMaxBytes}
		return s.api.GetFileContext(ctx, link, &buf)
	})
	if err != nil {
		return Source{}, fmt.Errorf("download uploaded report: %w", err)
	}
	return Source{Name: f.Name, ContentType: f.Mimetype, Data: buf.buf}, nil
}
