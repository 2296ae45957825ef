package main

import (
	"os"
	"strings"
	"testing"
)

// TestDotenvErrorsHideValues: a malformed .env is reported by line and key,
// never with the token it holds.
func TestDotenvErrorsHideValues(t *testing.T) {
	tests := []struct {
		env, want string
	}{
		{"OPENAI_API_KEY=sk-ok\nSLACK_BOT_TOKEN xoxb-secret-123\n", "line 2 (SLACK_BOT_TOKEN)"},
		{"# comment\n\nSLACK_APP_TOKEN=\"xapp-secret-123\nREPORTBOT_ADDR=:3000\n", "line 3 (SLACK_APP_TOKEN)"},
		{"A=1\n!!! xoxb-secret-123\n", "line 2: not KEY=value"},
	}
	for _, tt := range tests {
		dir := t.TempDir()
		t.Chdir(dir)
		if err := os.WriteFile(".env", []byte(tt.env), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := dotenv(func(string) string { return "" })
		if err == nil {
			t.Errorf("%q: no error", tt.env)
			continue
		}
		if !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "secret") {
			t.Errorf("%q: error %q, want %q and no value", tt.env, err, tt.want)
		}
	}
	// A good one with a multi-line value parses.
	t.Chdir(t.TempDir())
	os.WriteFile(".env", []byte("A=\"one\ntwo\"\nB=2\n"), 0o600)
	get, err := dotenv(func(string) string { return "" })
	if err != nil || get("B") != "2" || get("A") != "one\ntwo" {
		t.Errorf("multi-line value: %v %q %q", err, get("A"), get("B"))
	}
}
