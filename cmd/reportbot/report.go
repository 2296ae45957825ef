package main

import (
	"context"

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
