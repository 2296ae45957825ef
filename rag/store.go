package rag

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
)

// ErrCorrupt reports a store file that is truncated or does not match its
// checksum. Such a file is never served; it is rebuilt.
var ErrCorrupt = errors.New("corrupt store file")

// sealMagic opens every store file; the SHA-256 of the payload follows.
const sealMagic = "reportbot-store-v1\n"

// writeSealed writes payload to path crash-safely: to a temporary file in
// the same directory, synced, then renamed over path. A checksum header
// lets readSealed detect truncation.
func writeSealed(path string, payload []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	sum := sha256.Sum256(payload)
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-"+filepath.Base(path)+"-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer os.Remove(tmp) // no-op after a successful rename
	var hdr bytes.Buffer
	hdr.WriteString(sealMagic)
	hdr.WriteString(hex.EncodeToString(sum[:]))
	hdr.WriteByte('\n')
	if _, err := f.Write(hdr.Bytes()); err != nil {
		f.Close()
		return err
	}
	if _, err := f.Write(payload); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// readSealed reads a file written by writeSealed. A missing file returns an
// error satisfying errors.Is(err, fs.ErrNotExist); a damaged one ErrCorrupt.
func readSealed(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	hdrLen := len(sealMagic) + 64 + 1
	if len(data) < hdrLen || string(data[:len(sealMagic)]) != sealMagic || data[hdrLen-1] != '\n' {
		return nil, fmt.Errorf("%s: %w: bad header", path, ErrCorrupt)
	}
	want := string(data[len(sealMagic) : hdrLen-1])
	payload := data[hdrLen:]
	sum := sha256.Sum256(payload)
	if hex.EncodeToString(sum[:]) != want {
		return nil, fmt.Errorf("%s: %w: checksum mismatch", path, ErrCorrupt)
	}
	return payload, nil
}

// VectorCache holds embedding vectors by model and text, so a paragraph
// whose text and embedding model are unchanged is never embedded twice.
// With a directory, each model's vectors persist in one sealed file. A nil
// *VectorCache caches nothing.
type VectorCache struct {
	lg     *slog.Logger
	dir    string
	mu     sync.Mutex
	models map[string]*modelVectors
}

type modelVectors struct {
	Model   string
	Vectors map[string][]float32 // by text digest
	dirty   bool
}

// NewVectorCache returns a cache persisted under dir ("" keeps it in memory).
func NewVectorCache(lg *slog.Logger, dir string) *VectorCache {
	return &VectorCache{lg: lg, dir: dir, models: map[string]*modelVectors{}}
}

func textKey(text string) string {
	s := sha256.Sum256([]byte(text))
	return hex.EncodeToString(s[:16])
}

func (c *VectorCache) path(model string) string {
	s := sha256.Sum256([]byte(model))
	return filepath.Join(c.dir, "vectors", hex.EncodeToString(s[:8])+".gob")
}

// load returns the model's vectors, reading them from disk the first time.
// A corrupt file is reported and replaced by an empty set (re-embedding
// rebuilds it). c.mu is held.
func (c *VectorCache) load(model string) *modelVectors {
	if m, ok := c.models[model]; ok {
		return m
	}
	m := &modelVectors{Model: model, Vectors: map[string][]float32{}}
	c.models[model] = m
	if c.dir == "" {
		return m
	}
	p := c.path(model)
	data, err := readSealed(p)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return m
	case err != nil:
		c.lg.Warn("vector store unreadable, rebuilding", "model", model, "err", err)
		m.dirty = true
		return m
	}
	var got modelVectors
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&got); err != nil || got.Model != model {
		c.lg.Warn("vector store undecodable, rebuilding", "model", model, "err", err)
		m.dirty = true
		return m
	}
	if got.Vectors != nil {
		m.Vectors = got.Vectors
	}
	return m
}

// Get returns the cached vector for text under model.
func (c *VectorCache) Get(model, text string) ([]float32, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.load(model).Vectors[textKey(text)]
	return v, ok
}

// Put caches v for text under model; Flush persists it.
func (c *VectorCache) Put(model, text string, v []float32) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	m := c.load(model)
	m.Vectors[textKey(text)] = v
	m.dirty = true
}

// Flush writes every changed model's vectors to disk.
func (c *VectorCache) Flush() error {
	if c == nil || c.dir == "" {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for model, m := range c.models {
		if !m.dirty {
			continue
		}
		var buf bytes.Buffer
		if err := gob.NewEncoder(&buf).Encode(m); err != nil {
			return fmt.Errorf("encode vectors for %s: %w", model, err)
		}
		if err := writeSealed(c.path(model), buf.Bytes()); err != nil {
			return fmt.Errorf("write vectors for %s: %w", model, err)
		}
		m.dirty = false
	}
	return nil
}
