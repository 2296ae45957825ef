package chart

import (
	_ "embed"
	"fmt"
	"sync"

	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
)

// subsetOTF is a subset of Noto Sans CJK SC Regular (SIL OFL 1.1, see
// font/OFL.txt), made by scripts/font-subset.sh: ASCII, CJK punctuation,
// full-width forms, GB2312 level 1 and the characters of place and
// indicator names. Its outlines are CFF, which x/image/font/sfnt reads.
//
//go:embed font/NotoSansCJKsc-subset.otf
var subsetOTF []byte

// typeface is the name the plot's font cache knows the subset by.
const typeface font.Typeface = "Noto Sans CJK SC"

// loadFont parses the embedded font once; the parsed *sfnt.Font is safe
// for concurrent use with a buffer per call.
var loadFont = sync.OnceValues(func() (*opentype.Font, error) {
	f, err := opentype.Parse(subsetOTF)
	if err != nil {
		return nil, fmt.Errorf("chart: parse embedded font: %w", err)
	}
	return f, nil
})

// handler is the text handler every text of a chart is drawn with: the
// subset as the only face of its own cache, so the process-wide gonum
// defaults (Liberation, without hanzi) are left alone.
var handler = sync.OnceValues(func() (text.Handler, error) {
	f, err := loadFont()
	if err != nil {
		return nil, err
	}
	cache := font.NewCache(font.Collection{{Font: font.Font{Typeface: typeface}, Face: f}})
	return text.Plain{Fonts: cache}, nil
})

// Covers reports whether the embedded font has a glyph for every rune of
// s (control characters aside, which are never drawn). A rune it lacks
// would be drawn as a box, so callers can fall back, e.g. to an ID.
func Covers(s string) bool {
	f, err := loadFont()
	if err != nil {
		return false
	}
	var buf sfnt.Buffer
	for _, r := range s {
		if !covers(f, &buf, r) {
			return false
		}
	}
	return true
}

func covers(f *opentype.Font, buf *sfnt.Buffer, r rune) bool {
	if r == '\n' || r == '\t' {
		return true
	}
	i, err := f.GlyphIndex(buf, r)
	return err == nil && i != 0
}

// drawable replaces each rune of s the font lacks with '?', so that a
// chart never shows a box; callers wanting better use Covers first.
func drawable(s string) string {
	f, err := loadFont()
	if err != nil {
		return s
	}
	var buf sfnt.Buffer
	out := []rune(nil)
	for i, r := range []rune(s) {
		if covers(f, &buf, r) {
			continue
		}
		if out == nil {
			out = []rune(s)
		}
		out[i] = '?'
	}
	if out == nil {
		return s
	}
	return string(out)
}
