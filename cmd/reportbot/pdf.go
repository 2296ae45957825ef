package main

import (
	"os"
	"path/filepath"

	"github.com/reportbot/reportbot/knowledge"
)

// usePDFCache points the PDF engine at REPORTBOT_PDF_CACHE, by default
// pdfium under the user's cache directory, so that only the first run
// compiles it (3–5 s, 350 MB) and later ones load it (0.1 s). "off" keeps
// it in memory.
func usePDFCache(getenv func(string) string) {
	dir := getenv("REPORTBOT_PDF_CACHE")
	switch dir {
	case "off":
		return
	case "":
		cache, err := os.UserCacheDir()
		if err != nil {
			return
		}
		dir = filepath.Join(cache, "reportbot", "pdfium")
	}
	knowledge.SetPDFCacheDir(dir)
}
