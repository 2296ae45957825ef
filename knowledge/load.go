package knowledge

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path"
	"strings"
	"sync"
	"time"
)

// Loader reads reports from files and http(s) URLs within limits.
type Loader struct {
	// Client fetches URLs; nil means a client with Timeout.
	Client *http.Client
	// MaxBytes caps a source's size; 0 means MaxBytes (20 MB).
	MaxBytes int64
	// Timeout bounds one download when Client is nil; 0 means 60 s.
	Timeout time.Duration
}

// Load reads and parses the report at src, an http(s) URL or a file path.
func (l *Loader) Load(ctx context.Context, src string) (*Report, error) {
	name, data, err := l.Fetch(ctx, src)
	if err != nil {
		return nil, err
	}
	return Parse(name, data)
}

// Fetch reads the bytes at src within the size limit, returning the name
// to parse them under.
func (l *Loader) Fetch(ctx context.Context, src string) (name string, data []byte, err error) {
	src = strings.TrimSpace(src)
	if src == "" {
		return "", nil, fmt.Errorf("load report: no source given: %w", ErrEmpty)
	}
	if IsURL(src) {
		data, err = l.fetchURL(ctx, src)
	} else if strings.Contains(src, "://") {
		return "", nil, fmt.Errorf("load report %s: only http and https URLs are supported", src)
	} else {
		data, err = l.readFile(src)
	}
	if err != nil {
		return "", nil, fmt.Errorf("load report %s: %w", src, err)
	}
	return src, data, nil
}

// IsURL reports whether src is an http or https URL.
func IsURL(src string) bool {
	u, err := url.Parse(src)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

func (l *Loader) limit() int64 {
	if l.MaxBytes > 0 {
		return l.MaxBytes
	}
	return MaxBytes
}

func (l *Loader) readFile(p string) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return nil, errors.New("is a directory, not a report file")
	}
	if st.Size() > l.limit() {
		return nil, fmt.Errorf("%d MB, limit %d MB: %w", st.Size()>>20, l.limit()>>20, ErrTooLarge)
	}
	return readLimited(f, l.limit())
}

func (l *Loader) fetchURL(ctx context.Context, u string) ([]byte, error) {
	client := l.Client
	if client == nil {
		t := l.Timeout
		if t == 0 {
			t = 60 * time.Second
		}
		client = &http.Client{Timeout: t}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", "reportbot/1 (+report loader)")
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("download: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("download: HTTP %s", resp.Status)
	}
	if resp.ContentLength > l.limit() {
		return nil, fmt.Errorf("%d MB, limit %d MB: %w", resp.ContentLength>>20, l.limit()>>20, ErrTooLarge)
	}
	return readLimited(resp.Body, l.limit())
}

// readLimited reads r to the end, failing with ErrTooLarge past limit bytes.
func readLimited(r io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("over the %d MB limit: %w", limit>>20, ErrTooLarge)
	}
	return data, nil
}

// BaseName is the last element of a path or URL path, for display.
func BaseName(src string) string {
	if u, err := url.Parse(src); err == nil {
		switch {
		case u.Opaque != "": // "builtin:zhenhai2023.txt"
			return path.Base(u.Opaque)
		case u.Path != "":
			return path.Base(u.Path)
		}
	}
	return path.Base(src)
}

//go:embed builtin/zhenhai2023.txt
var builtinReport []byte

// BuiltinName is the source name of the report built into the binary.
const BuiltinName = "builtin:zhenhai2023.txt"

var builtin = sync.OnceValue(func() *Report {
	r, err := Parse(BuiltinName, builtinReport)
	if err != nil {
		panic("knowledge: built-in report does not parse: " + err.Error())
	}
	return r
})

// Default returns the report built into the binary: the 2023 work report of
// 宁波市镇海区人民政府. Callers must not modify it.
func Default() *Report { return builtin() }
