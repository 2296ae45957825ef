package bot

import (
	"sync"
	"time"
)

// threads remembers the questions asked in each conversation the bot
// answered (a channel thread, a DM thread, or a DM itself), so a follow-up
// like 「那CPI呢？」 reaches the engine with the earlier questions as context.
// It lives in memory: after a restart, follow-ups start afresh.
type threads struct {
	mu      sync.Mutex
	ttl     time.Duration
	keep    int // questions kept per conversation
	max     int // conversations kept
	now     func() time.Time
	entries map[string]*thread
}

type thread struct {
	questions []string
	used      time.Time
}

func newThreads(ttl time.Duration, keep, max int) *threads {
	return &threads{ttl: ttl, keep: keep, max: max, now: time.Now, entries: make(map[string]*thread)}
}

// known reports whether the bot has answered in the conversation.
func (t *threads) known(key string) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	e, ok := t.entries[key]
	return ok && t.now().Sub(e.used) < t.ttl
}

// context returns the earlier questions of a conversation, oldest first.
func (t *threads) context(key string) []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	e, ok := t.entries[key]
	if !ok || t.now().Sub(e.used) >= t.ttl {
		return nil
	}
	return append([]string(nil), e.questions...)
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
	e.used = now
	e.questions = append(e.questions, question)
	if len(e.questions) > t.keep {
		e.questions = e.questions[len(e.questions)-t.keep:]
	}
}

func (t *threads) evict(now time.Time) {
	var oldestKey string
	var oldest time.Time
	for k, e := range t.entries {
		if now.Sub(e.used) >= t.ttl {
			delete(t.entries, k)
			continue
		}
		if oldestKey == "" || e.used.Before(oldest) {
			oldestKey, oldest = k, e.used
		}
	}
	if len(t.entries) >= t.max && oldestKey != "" {
		delete(t.entries, oldestKey)
	}
}
