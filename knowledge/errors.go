package knowledge

import "errors"

// Sentinel errors callers can act on with errors.Is. Each returned error
// wraps one of them with what exactly was wrong.
var (
	// ErrEmpty means the input holds no report text.
	ErrEmpty = errors.New("no report text")
	// ErrBinary means the input is not text (an image, an archive, …).
	ErrBinary = errors.New("binary content, not a text report")
	// ErrTooLarge means the input is over the size limit.
	ErrTooLarge = errors.New("input too large")
	// ErrUnsupportedFormat means the format is known but not read.
	ErrUnsupportedFormat = errors.New("unsupported format (supported: .txt, .md, .html, .docx, .pdf)")
	// ErrEncoding means the text is neither UTF-8 nor GBK/GB18030.
	ErrEncoding = errors.New("unknown text encoding (supported: UTF-8, UTF-16 with BOM, GBK/GB18030)")
)

// MaxBytes is the default size limit for a report source.
const MaxBytes = 20 << 20
