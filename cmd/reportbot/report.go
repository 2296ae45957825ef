package main

import (
	"context"
	"fmt"

	"github.com/reportbot/reportbot/knowledge"
)

// loadReport loads the report at src (a path or http(s) URL), or returns the
// built-in report when src is empty.
func loadReport(ctx context.Context, e *env, src string) (*knowledge.Report, error) {
	if src == "" {
		return knowledge.Default(), nil
	}
	return (&knowledge.Loader{}).Load(ctx, src)
}

// warnLoaded tells on stderr what was wrong with a report that loaded
// anyway (a truncated file), once per warning.
func warnLoaded(e *env, r *knowledge.Report) {
	for _, w := range r.Warnings {
		fmt.Fprintln(e.stderr, "reportbot: warning: "+w)
	}
}
