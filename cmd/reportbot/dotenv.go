package main

import (
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"

	"github.com/joho/godotenv"
)

// dotenv layers the .env file in the working directory under getenv: real
// environment variables win. A missing .env is fine; a malformed one is an
// error, so a typo does not silently drop a setting. The error names the
// line and its key, never a value: .env holds tokens.
func dotenv(getenv func(string) string) (func(string) string, error) {
	data, err := os.ReadFile(".env")
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return getenv, nil
		}
		return nil, fmt.Errorf("read .env: %w", err)
	}
	vals, err := godotenv.UnmarshalBytes(data)
	if err != nil {
		return nil, fmt.Errorf("read .env: %s", dotenvProblem(data))
	}
	return func(k string) string {
		if v := getenv(k); v != "" {
			return v
		}
		return vals[k]
	}, nil
}

var dotenvKey = regexp.MustCompile(`^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)`)

// dotenvProblem finds the line of a malformed .env: the one after the
// longest prefix of lines that still parses (a multi-line quoted value
// parses again once closed). It says the line's number and key; godotenv's
// own message quotes the value, so it is not used.
func dotenvProblem(data []byte) string {
	lines := strings.SplitAfter(string(data), "\n")
	bad := 0
	for i := range lines {
		if _, err := godotenv.Unmarshal(strings.Join(lines[:i+1], "")); err == nil {
			bad = i + 1
		}
	}
	if bad >= len(lines) {
		return "malformed"
	}
	if m := dotenvKey.FindStringSubmatch(lines[bad]); m != nil {
		return fmt.Sprintf("line %d (%s): not KEY=value", bad+1, m[1])
	}
	return fmt.Sprintf("line %d: not KEY=value", bad+1)
}
