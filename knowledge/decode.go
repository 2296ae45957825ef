package knowledge

import (
	"bytes"
	"fmt"
	"net/http"
	"path"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

// format is how a source's bytes are to be read.
type format int

const (
	formatText format = iota
	formatMarkdown
	formatHTML
	formatDocx
	formatPDF
)

func (f format) String() string {
	return [...]string{"text", "markdown", "html", "docx", "PDF"}[f]
}

// detectFormat decides the format from the name's extension and the
// content's first bytes; the content wins where the two disagree about
// binary formats.
func detectFormat(name string, data []byte) (format, error) {
	ext := strings.ToLower(path.Ext(strings.SplitN(name, "?", 2)[0]))
	switch {
	case looksPDF(data):
		return formatPDF, nil
	case ext == ".pdf":
		return 0, fmt.Errorf("%s is not a valid PDF (no %%PDF- header): %w", name, ErrBinary)
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		if ext == ".docx" || bytes.Contains(data, []byte("word/")) {
			return formatDocx, nil
		}
		return 0, fmt.Errorf("zip archive: %w", ErrBinary)
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}) || ext == ".doc":
		return 0, fmt.Errorf("legacy Word .doc (save it as .docx): %w", ErrUnsupportedFormat)
	case ext == ".docx":
		return 0, fmt.Errorf("%s is not a valid .docx (no zip header): %w", name, ErrBinary)
	}
	switch ext {
	case ".md", ".markdown":
		return formatMarkdown, nil
	case ".html", ".htm", ".xhtml", ".shtml":
		return formatHTML, nil
	}
	if looksHTML(data) {
		return formatHTML, nil
	}
	if looksMarkdown(data) {
		return formatMarkdown, nil
	}
	return formatText, nil
}

var (
	// frontMatterRE is a YAML front-matter block opening a Markdown file.
	frontMatterRE = regexp.MustCompile(`\A(?:\xEF\xBB\xBF)?---\r?\n(?:[^\n]*\n){1,30}?---\r?\n`)
	// atxHeadingRE and boldLineRE are Markdown headings (## 一、…) and
	// lines set in bold (**省长 阮成发**).
	atxHeadingRE = regexp.MustCompile(`(?m)^#{1,6}[ \t]+\S`)
	boldLineRE   = regexp.MustCompile(`(?m)^\*\*[^\n*]+\*\*\r?$`)
)

// looksMarkdown reports whether text saved under another name (.txt) is
// Markdown: it opens with YAML front matter, or has Markdown headings or
// whole lines in bold. Read as plain text, its markers would stay in the
// headings and glue them to the paragraphs after them.
func looksMarkdown(data []byte) bool {
	if frontMatterRE.Match(data) {
		return true
	}
	return len(atxHeadingRE.FindAllIndex(data, 3)) >= 2 || len(boldLineRE.FindAllIndex(data, 3)) >= 2
}

// looksHTML reports whether data is HTML by its content: a document
// opening (<!doctype html>, <html>), or markup that renders text — at least
// three element tags (<p>, </div>, <br>, <span …>) in its first 8 KB. A
// comment alone (<!-- … -->, left in text copied from a page) is not markup.
func looksHTML(data []byte) bool {
	head := bytes.ToLower(bytes.TrimLeft(data[:min(len(data), 8192)], "\ufeff \t\r\n"))
	for _, p := range []string{"<!doctype html", "<html", "<head", "<body"} {
		if bytes.HasPrefix(head, []byte(p)) {
			return true
		}
	}
	return len(reHTMLTag.FindAllIndex(head, 3)) >= 3
}

// reHTMLTag is an opening or closing tag of an element that holds or
// breaks text.
var reHTMLTag = regexp.MustCompile(`</?(?:p|div|br|span|table|tr|td|th|li|ul|ol|h[1-6]|strong|b|font|section|article|center|meta|title|a)(?:[\s/>])`)

// decoded is a source's text and what decoding it found.
type decoded struct {
	text string
	// truncated marks a source cut in the middle of a character: the
	// incomplete character at the end was dropped.
	truncated bool
}

// decodeText turns bytes into UTF-8 text: UTF-8 (BOM or not), UTF-16 with a
// BOM, a charset declared in an HTML page, or GBK/GB18030. It rejects binary
// data and text that no supported encoding reads cleanly. A file cut in the
// middle of its last character (a download or copy that stopped short)
// decodes without that character and is marked truncated.
func decodeText(data []byte, isHTML bool) (decoded, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		cut := len(data)%2 == 1
		if cut {
			data = data[:len(data)-1]
		}
		dec := xunicode.UTF16(xunicode.BigEndian, xunicode.UseBOM).NewDecoder()
		out, err := dec.Bytes(data)
		if err != nil {
			return decoded{}, fmt.Errorf("decode UTF-16: %w", ErrEncoding)
		}
		s, err := checkText(string(out))
		return decoded{text: s, truncated: cut}, err
	}
	if isBinary(data) {
		return decoded{}, fmt.Errorf("%s: %w", http.DetectContentType(data), ErrBinary)
	}
	if utf8.Valid(data) {
		s, err := checkText(string(data))
		return decoded{text: s}, err
	}
	if n := cutUTF8(data); n > 0 {
		s, err := checkText(string(data[:len(data)-n]))
		return decoded{text: s, truncated: true}, err
	}
	enc := encoding.Encoding(simplifiedchinese.GB18030)
	if isHTML {
		if e, name, _ := charset.DetermineEncoding(data, "text/html"); e != nil && declaresCharset(data) && !strings.EqualFold(name, "utf-8") {
			enc = e
		}
	}
	cut := false
	if enc == encoding.Encoding(simplifiedchinese.GB18030) && gbkCut(data) {
		data, cut = data[:len(data)-1], true
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return decoded{}, fmt.Errorf("decode GBK: %w", ErrEncoding)
	}
	s := string(out)
	if !plausibleChinese(s) {
		return decoded{}, fmt.Errorf("not UTF-8, and as GBK it decodes to garbage: %w", ErrEncoding)
	}
	s, err = checkText(s)
	return decoded{text: s, truncated: cut}, err
}

// cutUTF8 returns how many bytes at the end of data are the start of a
// UTF-8 character cut off, when the rest is valid UTF-8; else 0.
func cutUTF8(data []byte) int {
	for n := 1; n <= utf8.UTFMax-1 && n < len(data); n++ {
		tail := data[len(data)-n:]
		if !utf8.RuneStart(tail[0]) {
			continue
		}
		// tail opens a character it does not finish.
		if !utf8.FullRune(tail) && utf8.Valid(data[:len(data)-n]) {
			return n
		}
		return 0
	}
	return 0
}

// gbkCut reports whether GBK/GB18030 data ends on the first byte of a
// two-byte character: an odd run of lead bytes (0x81–0xFE) at the end.
func gbkCut(data []byte) bool {
	n := 0
	for i := len(data) - 1; i >= 0 && data[i] >= 0x81 && data[i] <= 0xFE; i-- {
		n++
	}
	return n%2 == 1
}

// declaresCharset reports whether an HTML page names its charset in a meta tag.
func declaresCharset(data []byte) bool {
	head := bytes.ToLower(data[:min(len(data), 2048)])
	return bytes.Contains(head, []byte("charset"))
}

// isBinary reports whether data holds bytes that never occur in text:
// NULs or many C0 control characters.
func isBinary(data []byte) bool {
	sample := data[:min(len(data), 8192)]
	if bytes.IndexByte(sample, 0) >= 0 {
		return true
	}
	ctl := 0
	for _, b := range sample {
		if b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' && b != 0x1b {
			ctl++
		}
	}
	return ctl*100 > len(sample)
}

// plausibleChinese reports whether decoded text reads as text: few
// replacement characters, and its non-ASCII letters mostly Han or CJK
// punctuation (a wrong decoding yields rare symbols and private-use code
// points instead).
func plausibleChinese(s string) bool {
	var bad, cjk, other int
	for _, r := range s {
		switch {
		case r == utf8.RuneError || unicode.Is(unicode.Co, r):
			bad++
		case r < 0x80:
		case unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF) || (r >= 0x2000 && r <= 0x206F):
			cjk++
		default:
			other++
		}
	}
	return bad*100 <= cjk+other && cjk >= 4*other
}

// checkText rejects decoded text that is empty or mostly control characters.
func checkText(s string) (string, error) {
	if strings.TrimSpace(strings.Trim(s, "\ufeff\u200b\u3000\u00a0")) == "" {
		return "", ErrEmpty
	}
	return s, nil
}
