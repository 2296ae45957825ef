package bot

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// Config is everything the bot needs to know; cmd fills it from the
// environment. bot never reads the environment itself.
type Config struct {
	// BotToken is the bot user OAuth token (xoxb-…) used for the Web API. Required.
	BotToken string
	// AppToken is the app-level token (xapp-…). When set, the bot runs in
	// Socket Mode; otherwise it serves the Events API over HTTP.
	AppToken string
	// SigningSecret verifies HTTP requests from Slack. Required in HTTP mode.
	SigningSecret string
	// APIURL overrides Slack's Web API base URL (tests, proxies), e.g.
	// "http://127.0.0.1:8080/api/". A missing trailing slash is added.
	APIURL string
	// Admins are the Slack user IDs allowed to reload the report.
	Admins []string
	// SlashCommand is the slash command's name. Default "/report".
	SlashCommand string
	// Addr is where HTTP mode listens, and in Socket Mode where /healthz and
	// /metrics are served. Default ":3000".
	Addr string

	// MaxQuestionRunes refuses longer questions politely. Default 500.
	MaxQuestionRunes int
	// AnswerTimeout bounds how long one question waits for its answer
	// (the engine bounds its LLM call more tightly). Default 25s.
	AnswerTimeout time.Duration
	// DeliveryTimeout bounds posting an answer once it is made. It is a
	// fresh deadline, so an answer that used all of AnswerTimeout (or the
	// apology for one that never came) is still delivered. Default 30s.
	DeliveryTimeout time.Duration
	// ReloadMaxBytes bounds a downloaded or uploaded report. Default 20 MiB.
	ReloadMaxBytes int64
	// ReloadTimeout bounds a whole reload, download included. Default 5m.
	ReloadTimeout time.Duration
	// ShutdownTimeout bounds how long shutdown waits for work in flight. Default 20s.
	ShutdownTimeout time.Duration
	// MaxRetryAfter caps how long one rate-limited Slack call waits before
	// its retry (Slack's Retry-After is honoured up to this). Default 60s.
	MaxRetryAfter time.Duration
	// ThreadsFile keeps the questions of each conversation across restarts,
	// so follow-ups (「那CPI呢」) still have their context; "" keeps them in
	// memory only.
	ThreadsFile string
	// HTTPClient downloads reports given by URL. Default: a client with no
	// timeout of its own (ReloadTimeout applies through the context).
	HTTPClient *http.Client
}

// ConfigError reports one invalid Config field. Field is the Go field name,
// so that cmd can name the environment variable it came from.
type ConfigError struct {
	Field   string
	Problem string
}

func (e *ConfigError) Error() string { return "bot config: " + e.Field + ": " + e.Problem }

var userIDPattern = regexp.MustCompile(`^[UW][A-Z0-9]{2,}$`)

// withDefaults returns cfg with zero values replaced by defaults, or the
// first invalid field.
func (cfg Config) withDefaults() (Config, error) {
	bad := func(field, format string, args ...any) (Config, error) {
		return Config{}, &ConfigError{Field: field, Problem: fmt.Sprintf(format, args...)}
	}
	switch {
	case cfg.BotToken == "":
		return bad("BotToken", "missing (a bot token starts with xoxb-)")
	case !strings.HasPrefix(cfg.BotToken, "xoxb-"):
		return bad("BotToken", "not a bot token (want xoxb-…)")
	case cfg.AppToken != "" && !strings.HasPrefix(cfg.AppToken, "xapp-"):
		return bad("AppToken", "not an app-level token (want xapp-…)")
	case cfg.AppToken == "" && cfg.SigningSecret == "":
		return bad("SigningSecret", "required in HTTP mode (no app token given for Socket Mode)")
	}
	if cfg.APIURL != "" {
		u, err := url.Parse(cfg.APIURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return bad("APIURL", "not an http(s) URL: %q", cfg.APIURL)
		}
		if !strings.HasSuffix(cfg.APIURL, "/") {
			cfg.APIURL += "/"
		}
	}
	for _, a := range cfg.Admins {
		if !userIDPattern.MatchString(a) {
			return bad("Admins", "%q is not a Slack user ID (like U012ABCDEF)", a)
		}
	}
	if cfg.SlashCommand == "" {
		cfg.SlashCommand = "/report"
	}
	if !strings.HasPrefix(cfg.SlashCommand, "/") || strings.ContainsAny(cfg.SlashCommand, " \t") || len(cfg.SlashCommand) < 2 {
		return bad("SlashCommand", "want a command like /report, got %q", cfg.SlashCommand)
	}
	if cfg.Addr == "" {
		cfg.Addr = ":3000"
	}
	for _, d := range []struct {
		name string
		v    *time.Duration
		def  time.Duration
	}{
		{"AnswerTimeout", &cfg.AnswerTimeout, 25 * time.Second},
		{"DeliveryTimeout", &cfg.DeliveryTimeout, 30 * time.Second},
		{"ReloadTimeout", &cfg.ReloadTimeout, 5 * time.Minute},
		{"ShutdownTimeout", &cfg.ShutdownTimeout, 20 * time.Second},
		{"MaxRetryAfter", &cfg.MaxRetryAfter, 60 * time.Second},
	} {
		if *d.v < 0 {
			return bad(d.name, "negative duration %v", *d.v)
		}
		if *d.v == 0 {
			*d.v = d.def
		}
	}
	if cfg.MaxQuestionRunes < 0 {
		return bad("MaxQuestionRunes", "negative")
	}
	if cfg.MaxQuestionRunes == 0 {
		cfg.MaxQuestionRunes = 500
	}
	if cfg.ReloadMaxBytes < 0 {
		return bad("ReloadMaxBytes", "negative")
	}
	if cfg.ReloadMaxBytes == 0 {
		cfg.ReloadMaxBytes = 20 << 20
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{}
	}
	return cfg, nil
}

func (cfg Config) isAdmin(user string) bool {
	for _, a := range cfg.Admins {
		if a == user {
			return true
		}
	}
	return false
}
