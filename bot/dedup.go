package bot

import (
	"sync"
	"time"
)

// dedup remembers keys (event IDs, channel+ts of user messages) for a while,
// so that Slack's redeliveries and the message + app_mention pair for one
// user message are handled once. Slack retries for about an hour at most.
type dedup struct {
	mu   sync.Mutex
	ttl  time.Duration
	max  int
	now  func() time.Time
	seen map[string]time.Time
}

func newDedup(ttl time.Duration, max int) *dedup {
	return &dedup{ttl: ttl, max: max, now: time.Now, seen: make(map[string]time.Time)}
}

// claim reports whether key is new, and remembers it.
func (d *dedup) claim(key string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	now := d.now()
	if t, ok := d.seen[key]; ok && now.Sub(t) < d.ttl {
		return false
	}
	if len(d.seen) >= d.max {
		d.evict(now)
	}
	d.seen[key] = now
	return true
}

// evict drops expired keys, and if that is not enough the oldest half.
func (d *dedup) evict(now time.Time) {
	for k, t := range d.seen {
		if now.Sub(t) >= d.ttl {
			delete(d.seen, k)
		}
	}
	if len(d.seen) < d.max {
		return
	}
	cut := now.Add(-d.ttl / 2)
	for k, t := range d.seen {
		if t.Before(cut) || len(d.seen) >= d.max {
			delete(d.seen, k)
		}
	}
}
