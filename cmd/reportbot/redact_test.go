package main

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

func TestRedactHandler(t *testing.T) {
	var buf bytes.Buffer
	lg := slog.New(redactHandler{slog.NewTextHandler(&buf, nil)})
	err := fmt.Errorf("load: %w", errors.New(`Get "https://admin:s3cret@example.com/r.txt": 404`))
	lg.With("base", "http://u:s3cret@llm:8080/v1").WithGroup("g").Info("reload https://tok3n@example.com/x failed",
		"err", err, "source", "https://admin:s3cret@example.com/r.txt", slog.Group("inner", "url", "ftp://a:s3cret@h/"))
	out := buf.String()
	if strings.Contains(out, "s3cret") || strings.Contains(out, "tok3n") {
		t.Errorf("credentials logged: %s", out)
	}
	for _, want := range []string{"https://***@example.com/r.txt", "http://***@llm:8080/v1", "ftp://***@h/", "404"} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q: %s", want, out)
		}
	}
	if got := redact("see https://www.gov.cn/a@b and mailto:x@y.cn"); got != "see https://www.gov.cn/a@b and mailto:x@y.cn" {
		t.Errorf("redact changed a URL without credentials: %q", got)
	}
}

func TestExitMessageRedacted(t *testing.T) {
	var buf bytes.Buffer
	exitCode(errors.New("load https://admin:s3cret@example.com/r.txt: 404"), &buf)
	if strings.Contains(buf.String(), "s3cret") || !strings.Contains(buf.String(), "https://***@example.com") {
		t.Errorf("exit message: %q", buf.String())
	}
}
