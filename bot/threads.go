package bot

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// threads remembers the questions asked in each conversation the bot
// answered (a channel thread, a DM thread, or a DM itself), so a follow-up
// like 「那CPI呢？」 reaches the engine with the earlier questions as context.
// With a file (Config.ThreadsFile) it survives restarts: loaded at start,
// written when it changed (every few seconds and at shutdown).
type threads struct {
	mu      sync.Mutex
	ttl     time.Duration
	keep    int // questions kept per conversation
	max     int // conversations kept
	now     func() time.Time
	entries map[string]*thread
	path    string // "" keeps them in memory only
	dirty   bool
	// channels holds each channel's report (/report use).
	channels map[string]string
}

type thread struct {
	Questions []string  `json:"questions"`
	Used      time.Time `json:"used"`
}

// threadsFile is the file's shape; a version change starts afresh.
type threadsFile struct {
	Version       int                `json:"version"`
	Conversations map[string]*thread `json:"conversations"`
	Channels      map[string]string  `json:"channels,omitempty"`
}

const threadsVersion = 1

// load reads the file, keeping the conversations still within the ttl. A
// missing file is an empty memory; an unreadable one is an error (and an
// empty memory).
func (t *threads) load() error {
	data, err := os.ReadFile(t.path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read thread memory: %w", err)
	}
	var f threadsFile
	if err := json.Unmarshal(data, &f); err != nil {
		return fmt.Errorf("thread memory %s is damaged: %w", t.path, err)
	}
	if f.Version != threadsVersion {
		return fmt.Errorf("thread memory %s has version %d, want %d", t.path, f.Version, threadsVersion)
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	for k, e := range f.Conversations {
		if e != nil && now.Sub(e.Used) < t.ttl && len(t.entries) < t.max {
			t.entries[k] = e
		}
	}
	for ch, id := range f.Channels {
		if t.channels == nil {
			t.channels = map[string]string{}
		}
		t.channels[ch] = id
	}
	return nil
}

// channelReport is the report a channel uses (/report use), or "".
func (t *threads) channelReport(channel string) string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.channels[channel]
}

// setChannelReport makes a channel use a report.
func (t *threads) setChannelReport(channel, id string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.channels == nil {
		t.channels = map[string]string{}
	}
	t.channels[channel] = id
	t.dirty = true
}

// dropReport forgets report id as any channel's report and says for how
// many channels it was.
func (t *threads) dropReport(id string) int {
	t.mu.Lock()
	defer t.mu.Unlock()
	n := 0
	for ch, r := range t.channels {
		if r == id {
			delete(t.channels, ch)
			n++
		}
	}
	if n > 0 {
		t.dirty = true
	}
	return n
}

// save writes the file if anything changed since the last save: to a
// temporary file beside it, then renamed over it, so a crash leaves the
// old or the new file, never half of one.
func (t *threads) save() error {
	t.mu.Lock()
	if t.path == "" || !t.dirty {
		t.mu.Unlock()
		return nil
	}
	data, err := json.Marshal(threadsFile{Version: threadsVersion, Conversations: t.entries, Channels: t.channels})
	t.dirty = false
	t.mu.Unlock()
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(t.path), ".tmp-"+filepath.Base(t.path)+"-*")
	if err == nil {
		_, err = tmp.Write(data)
		if cerr := tmp.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Rename(tmp.Name(), t.path)
		}
		if err != nil {
			os.Remove(tmp.Name())
		}
	}
	if err != nil {
		t.mu.Lock()
		t.dirty = true // try again next time
		t.mu.Unlock()
		return fmt.Errorf("save thread memory: %w", err)
	}
	return nil
}

func newThreads(ttl time.Duration, keep, max int) *threads {
	return &threads{ttl: ttl, keep: keep, max: max, now: time.Now, entries: make(map[string]*thread)}
}

// known reports whether the bot has answered in the conversation.
func (t *threads) known(key string) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	e, ok := t.entries[key]
	return ok && t.now().Sub(e.Used) < t.ttl
}

// context returns the earlier questions of a conversation, oldest first.
func (t *threads) context(key string) []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	e, ok := t.entries[key]
	if !ok || t.now().Sub(e.Used) >= t.ttl {
		return nil
	}
	return append([]string(nil), e.Questions...)
}

// add records a question answered in a conversation.
func (t *threads) add(key, question string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	e, ok := t.entries[key]
	if !ok {
		if len(t.entries) >= t.max {
			t.evict(now)
		}
		e = &thread{}
		t.entries[key] = e
	}
	e.Used = now
	t.dirty = true
	e.Questions = append(e.Questions, question)
	if len(e.Questions) > t.keep {
		e.Questions = e.Questions[len(e.Questions)-t.keep:]
	}
}

func (t *threads) evict(now time.Time) {
	var oldestKey string
	var oldest time.Time
	for k, e := range t.entries {
		if now.Sub(e.Used) >= t.ttl {
			delete(t.entries, k)
			continue
		}
		if oldestKey == "" || e.Used.Before(oldest) {
			oldestKey, oldest = k, e.Used
		}
	}
	if len(t.entries) >= t.max && oldestKey != "" {
		delete(t.entries, oldestKey)
	}
}
