package rag

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/reportbot/reportbot/knowledge"
)

// Library holds the loaded reports and their indexes, one of them active.
// With a data directory, reports and their vectors persist there and are
// restored by Open without re-embedding. Loading builds the new index aside
// and swaps it in atomically; questions in flight finish on the old one.
type Library struct {
	lg     *slog.Logger
	dir    string
	emb    Embedder
	cache  *VectorCache
	stores Stores

	mu      sync.Mutex // serializes loads and state writes
	indexes atomic.Pointer[map[string]*Index]
	active  atomic.Pointer[Index]

	// problems say why the library serves with less than it should (a
	// damaged state, a report it could not restore, a data dir it cannot
	// write), for /healthz and /report status. Guarded by mu.
	problems []string
	// unrestored are reports the state lists that could not be read: they
	// stay listed, so no state write forgets them. Guarded by mu.
	unrestored []string
	// known describes every report of the library, whether its index is
	// in memory (indexes) or only on disk. Guarded by mu.
	known map[string]ReportInfo

	useMu sync.Mutex
	used  map[string]uint64 // report → when last asked, for eviction
	tick  uint64
}

// maxResident bounds the indexes kept in memory: the active report and the
// ones asked most recently. The others stay on disk and load again (from
// their persisted index) when asked for.
const maxResident = 8

// NewLibrary returns an empty library persisted under dir ("" keeps
// everything in memory). emb embeds chunks and questions; nil means the
// offline hashed n-gram embedder.
func NewLibrary(lg *slog.Logger, dir string, emb Embedder) *Library {
	if emb == nil {
		emb = NewHashEmbedder(0)
	}
	l := &Library{lg: lg, dir: dir, emb: emb, cache: NewVectorCache(lg, dir), stores: MemoryStores{},
		known: map[string]ReportInfo{}, used: map[string]uint64{}}
	empty := map[string]*Index{}
	l.indexes.Store(&empty)
	return l
}

// SetStores makes indexes built from now on keep their vectors and
// postings in stores opened from st instead of memory. Call it before Open.
func (l *Library) SetStores(st Stores) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.stores = st
}

// libraryState is what the data directory remembers between runs.
type libraryState struct {
	Active  string   `json:"active"`
	Reports []string `json:"reports"`
}

func (l *Library) statePath() string { return filepath.Join(l.dir, "library.json") }
func (l *Library) reportPath(id string) string {
	return filepath.Join(l.dir, "reports", id+".json")
}

// Open restores the reports persisted in the data directory. A report
// whose file is corrupt is reported and skipped (load it again to rebuild).
// It returns the number of reports restored.
func (l *Library) Open(ctx context.Context) (int, error) {
	if l.dir == "" {
		return 0, nil
	}
	l.cleanTemp()
	data, err := readSealed(l.statePath())
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	var st libraryState
	if err == nil {
		err = json.Unmarshal(data, &st)
	}
	if err != nil {
		// Damaged: keep it for inspection and recover every report the
		// data directory still holds, so nothing is forgotten.
		return l.recover(ctx, err)
	}
	// Every listed report is read and decoded (side by side, by a bounded
	// set of workers), so the library knows them all; only the active one is
	// indexed now (from its persisted index). The others load when asked
	// for (Index), so a start or a one-shot command costs one report.
	type stored struct {
		r   *knowledge.Report
		mod time.Time
	}
	rs := make([]*stored, len(st.Reports))
	var wg sync.WaitGroup
	workers := min(runtime.GOMAXPROCS(0), len(st.Reports))
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(st.Reports); i += workers {
				id := st.Reports[i]
				r, ok := l.readReport(id)
				if !ok {
					l.mu.Lock()
					l.unrestored = append(l.unrestored, id)
					l.problems = append(l.problems, fmt.Sprintf("stored report %s could not be read: load it again", id))
					l.mu.Unlock()
					continue
				}
				var mod time.Time
				if fi, err := os.Stat(l.reportPath(id)); err == nil {
					mod = fi.ModTime()
				}
				rs[i] = &stored{r, mod}
			}
		})
	}
	wg.Wait()
	n, activeAt := 0, -1
	l.mu.Lock()
	for i, s := range rs {
		if s == nil {
			continue
		}
		n++
		id := st.Reports[i]
		l.known[id] = ReportInfo{ID: id, Title: s.r.Title, Government: s.r.Government, Year: s.r.Year,
			Source: s.r.Source, Paragraphs: len(s.r.Paragraphs), LoadedAt: s.mod,
			Level: levelOf(s.r), names: routeNames(s.r)}
		if id == st.Active {
			activeAt = i
		}
	}
	if st.Active != "" && activeAt < 0 {
		l.problems = append(l.problems, fmt.Sprintf("the active report %s could not be restored", st.Active))
	}
	l.mu.Unlock()
	if activeAt < 0 {
		// No active report was recorded, or it is gone: the last one
		// listed that was restored.
		for i := len(rs) - 1; i >= 0; i-- {
			if rs[i] != nil {
				activeAt = i
				break
			}
		}
	}
	if activeAt >= 0 {
		if _, err := l.add(ctx, rs[activeAt].r, true, false); err != nil {
			return n, fmt.Errorf("open library: %w", err)
		}
	}
	return n, nil
}

// readReport reads a persisted report; a damaged one is reported and
// skipped (load it again to rebuild).
func (l *Library) readReport(id string) (*knowledge.Report, bool) {
	raw, err := readSealed(l.reportPath(id))
	if err != nil {
		l.lg.Warn("stored report unreadable, skipped", "report", id, "err", err)
		return nil, false
	}
	var r knowledge.Report
	if err := json.Unmarshal(raw, &r); err != nil {
		l.lg.Warn("stored report undecodable, skipped", "report", id, "err", err)
		return nil, false
	}
	// A report stored before its header facts and place names were kept
	// has none; what knowledge reads from it now holds either way.
	knowledge.Annotate(&r)
	return &r, true
}

// Load indexes r (from its persisted index when that is still valid, else
// building it, reusing stored vectors), persists it, and makes it the
// active report.
func (l *Library) Load(ctx context.Context, r *knowledge.Report) (*Index, error) {
	ix, err := l.add(ctx, r, true, true)
	if err != nil {
		return nil, fmt.Errorf("load report: %w", err)
	}
	return ix, nil
}

// Use indexes r as Load does and makes it the active report of this
// library value only: the data directory's list of reports and its active
// one are left as they are. It suits one-shot commands, which then write
// nothing unless the report's index had to be built.
func (l *Library) Use(ctx context.Context, r *knowledge.Report) (*Index, error) {
	ix, err := l.add(ctx, r, true, false)
	if err != nil {
		return nil, fmt.Errorf("use report: %w", err)
	}
	return ix, nil
}

// add indexes r aside, then publishes it; the caller's questions keep
// whatever index they already hold. The index comes from the data
// directory when one persisted there matches (indexfile.go); one built
// anew is persisted. With persist, the report and the library state are
// written too, each only if it changed.
func (l *Library) add(ctx context.Context, r *knowledge.Report, activate, persist bool) (*Index, error) {
	l.mu.Lock()
	st := l.stores
	l.mu.Unlock()
	var raw []byte
	var key indexKey
	keep := false
	if l.dir != "" {
		var err error
		if raw, err = marshalReport(r); err != nil {
			return nil, err
		}
		lx := lexiconOf(st)
		key = indexKey{build: buildID(), lexicon: lexiconDigest(lx), report: reportDigest(raw), model: l.emb.Model()}
		keep = key.build != "" && persistable(st, l.emb)
	}
	var ix *Index
	if keep {
		ix = l.loadIndex(ctx, r, key, lexiconOf(st))
	}
	built := ix == nil
	if built {
		var err error
		if ix, err = BuildIndexIn(ctx, l.lg, st, r, l.emb, l.cache); err != nil {
			return nil, err
		}
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	// Persist first, then switch: a restart finds what is served. A data
	// dir that cannot be written (read-only, full) does not stop the
	// report from serving: it serves from memory, and the library says so.
	var unsaved []error
	if err := l.cache.Flush(); err != nil {
		unsaved = append(unsaved, err)
	}
	if built && keep {
		// The index serves from memory either way; only the next start
		// pays for a failed write.
		if err := l.saveIndex(ix, key); err != nil {
			l.lg.Warn("index not persisted", "report", ix.id, "err", err)
		}
	}
	old := *l.indexes.Load()
	next := make(map[string]*Index, len(old)+1)
	for k, v := range old {
		next[k] = v
	}
	next[ix.id] = ix
	if err := ctx.Err(); err != nil {
		return nil, err // given up before anything was written: nothing changed
	}
	l.known[ix.id] = info(ix, false)
	l.touch(ix.id)
	active := l.active.Load()
	if activate {
		active = ix
	}
	l.evict(next, active)
	if persist && l.dir != "" {
		if _, err := writeIfChanged(l.reportPath(ix.id), raw); err != nil {
			unsaved = append(unsaved, fmt.Errorf("store report: %w", err))
		} else {
			if err := l.writeState(next, active); err != nil {
				unsaved = append(unsaved, err)
			}
		}
	}
	l.indexes.Store(&next)
	if activate {
		l.active.Store(ix)
	}
	if persist {
		// Loading the same report again (same government and year, a
		// corrected text) replaces it.
		if old := l.sameReport(r, ix.id); old != "" {
			if err := l.removeLocked(old); err != nil {
				l.lg.Warn("replaced report not removed", "report", old, "err", err)
			} else {
				l.lg.Info("report replaced", "old", old, "new", ix.id)
			}
		}
	}
	if len(unsaved) > 0 {
		err := errors.Join(unsaved...)
		l.lg.Warn("report serves from memory only: the data directory could not be written", "report", ix.id, "err", err)
		l.problems = append(l.problems, fmt.Sprintf("data directory not writable (%v): %s is served from memory and is lost at restart", err, ix.report.Title))
	}
	return ix, nil
}

// saveState writes the list of reports and the active one. l.mu is held.
func (l *Library) saveState() error {
	return l.writeState(*l.indexes.Load(), l.active.Load())
}

// writeState writes the state of a library holding indexes with active
// active (nil for none), keeping the reports that could not be restored
// listed. l.mu is held.
func (l *Library) writeState(indexes map[string]*Index, active *Index) error {
	if l.dir == "" {
		return nil
	}
	st := libraryState{}
	if active != nil {
		st.Active = active.id
	}
	listed := map[string]bool{}
	for id := range indexes {
		listed[id] = true
	}
	for id := range l.known {
		listed[id] = true // on disk, not in memory
	}
	for _, id := range l.unrestored {
		listed[id] = true
	}
	for id := range listed {
		st.Reports = append(st.Reports, id)
	}
	sort.Strings(st.Reports)
	raw, err := json.Marshal(st)
	if err != nil {
		return err
	}
	if _, err := writeIfChanged(l.statePath(), raw); err != nil {
		return fmt.Errorf("store library state: %w", err)
	}
	return nil
}

// Activate makes the loaded report with the given ID the active one.
func (l *Library) Activate(id string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	ix, ok := (*l.indexes.Load())[id]
	if !ok {
		if _, known := l.known[id]; !known {
			return fmt.Errorf("activate %s: %w", id, ErrNoReport)
		}
		l.mu.Unlock()
		var err error
		ix, err = l.reload(id)
		l.mu.Lock()
		if err != nil {
			return fmt.Errorf("activate %s: %w", id, err)
		}
	}
	if err := l.writeState(*l.indexes.Load(), ix); err != nil {
		l.lg.Warn("active report not persisted", "report", id, "err", err)
		l.problems = append(l.problems, fmt.Sprintf("data directory not writable (%v): the switch to %s is lost at restart", err, ix.report.Title))
	}
	l.active.Store(ix)
	return nil
}

// Index implements Indexes.
func (l *Library) Index(id string) (*Index, error) {
	if id == "" {
		if ix := l.active.Load(); ix != nil {
			return ix, nil
		}
		return nil, ErrNoReport
	}
	if ix, ok := (*l.indexes.Load())[id]; ok {
		l.touch(id)
		return ix, nil
	}
	l.mu.Lock()
	_, known := l.known[id]
	l.mu.Unlock()
	if known {
		return l.reload(id)
	}
	return nil, fmt.Errorf("report %s: %w", id, ErrNoReport)
}

// reload brings an evicted report's index back into memory, from its
// persisted index when that is still valid.
func (l *Library) reload(id string) (*Index, error) {
	r, ok := l.readReport(id)
	if !ok {
		return nil, fmt.Errorf("report %s: stored copy unreadable: %w", id, ErrNoReport)
	}
	return l.add(context.Background(), r, false, false)
}

// touch records that report id was just asked for.
func (l *Library) touch(id string) {
	l.useMu.Lock()
	defer l.useMu.Unlock()
	l.tick++
	l.used[id] = l.tick
}

// evict drops from next the indexes asked for least recently, beyond
// maxResident; the active report always stays. They remain known and on
// disk. l.mu is held.
func (l *Library) evict(next map[string]*Index, active *Index) {
	if len(next) <= maxResident || l.dir == "" {
		return // without a data dir, an evicted report could not come back
	}
	l.useMu.Lock()
	ids := make([]string, 0, len(next))
	for id := range next {
		if active == nil || id != active.id {
			ids = append(ids, id)
		}
	}
	sort.Slice(ids, func(i, j int) bool { return l.used[ids[i]] < l.used[ids[j]] })
	l.useMu.Unlock()
	for _, id := range ids {
		if len(next) <= maxResident {
			break
		}
		delete(next, id)
	}
}

// ReportInfo describes one loaded report.
type ReportInfo struct {
	ID         string    `json:"id"`
	Title      string    `json:"title"`
	Government string    `json:"government"`
	Year       int       `json:"year"`
	Source     string    `json:"source"`
	Paragraphs int       `json:"paragraphs"`
	LoadedAt   time.Time `json:"loaded_at"`
	Active     bool      `json:"active"`
	// Level is the government's level: 国务院, 省, 市 or 区县 ("" unknown).
	Level string `json:"level,omitempty"`
	// names are what a question may call the report's area (route.go).
	names []string
}

// Reports lists the loaded reports, by title.
func (l *Library) Reports() []ReportInfo {
	act := l.active.Load()
	l.mu.Lock()
	out := make([]ReportInfo, 0, len(l.known))
	for _, ri := range l.known {
		ri.Active = act != nil && ri.ID == act.id
		out = append(out, ri)
	}
	l.mu.Unlock()
	sort.Slice(out, func(i, j int) bool { return out[i].Title < out[j].Title })
	return out
}

func info(ix *Index, active bool) ReportInfo {
	r := ix.report
	return ReportInfo{ID: ix.id, Title: r.Title, Government: r.Government, Year: r.Year, Source: r.Source,
		Level: levelOf(r), names: routeNames(r),
		Paragraphs: len(r.Paragraphs), LoadedAt: ix.builtAt, Active: active}
}

// Status is what /report status shows.
type Status struct {
	// Active is the active report; zero when none is loaded.
	Active ReportInfo `json:"active"`
	// Loaded counts the loaded reports.
	Loaded int `json:"loaded"`
	// Model is the embedding model.
	Model string `json:"model"`
	// Mode is the answer mode the caller configured (set by Engine.Status).
	Mode string `json:"mode"`
	// Degraded lists why the library serves with less than it should;
	// empty when all is well.
	Degraded []string `json:"degraded,omitempty"`
}

// Status reports the active report and the library's size.
func (l *Library) Status() Status {
	l.mu.Lock()
	loaded := len(l.known)
	l.mu.Unlock()
	st := Status{Loaded: loaded, Model: l.emb.Model(), Mode: ModeExtractive, Degraded: l.Problems()}
	if ix := l.active.Load(); ix != nil {
		st.Active = info(ix, true)
		st.Model = ix.Model()
	}
	return st
}

// Status reports the library's status with the engine's answer mode.
func (e *Engine) Status() Status {
	st := Status{Mode: ModeExtractive}
	if l, ok := e.src.(*Library); ok {
		st = l.Status()
	}
	if e.gen != nil {
		st.Mode = ModeLLM
	}
	return st
}

// Dir is the data directory the library persists in ("" in memory).
func (l *Library) Dir() string { return l.dir }

// Problems lists why the library serves with less than it should: a
// damaged state, reports it could not restore, a data directory it cannot
// write. Empty when all is well.
func (l *Library) Problems() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.problems...)
}

// Degrade records a problem found outside the library (a report source
// that could not be reached at start), shown with its own.
func (l *Library) Degrade(problem string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.problems = append(l.problems, problem)
}

// staleTemp is how old a temporary file must be to be a leftover: a write
// in progress (a one-shot command beside serve) is seconds old.
const staleTemp = 10 * time.Minute

// cleanTemp removes the temporary files a killed process left in the data
// directory (writes go to .tmp-* beside their file, then are renamed).
func (l *Library) cleanTemp() {
	now := time.Now()
	filepath.WalkDir(l.dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasPrefix(d.Name(), ".tmp-") {
			return nil
		}
		if fi, err := d.Info(); err == nil && now.Sub(fi.ModTime()) > staleTemp {
			if os.Remove(path) == nil {
				l.lg.Info("removed a leftover temporary file", "file", path)
			}
		}
		return nil
	})
}

// recover restores every report the data directory holds after the state
// file was found damaged (cause). The damaged file is kept beside it; the
// active report becomes the one stored last, and the library says so.
func (l *Library) recover(ctx context.Context, cause error) (int, error) {
	kept := l.statePath() + ".damaged-" + time.Now().UTC().Format("20060102T150405")
	if err := os.Rename(l.statePath(), kept); err != nil {
		kept = l.statePath()
	}
	l.lg.Error("library state damaged; recovering the stored reports", "err", cause, "kept", kept)
	entries, _ := os.ReadDir(filepath.Join(l.dir, "reports"))
	type stored struct {
		id  string
		mod time.Time
	}
	var found []stored
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".json") || strings.HasPrefix(name, ".") {
			continue
		}
		fi, err := e.Info()
		if err != nil {
			continue
		}
		found = append(found, stored{strings.TrimSuffix(name, ".json"), fi.ModTime()})
	}
	sort.Slice(found, func(i, j int) bool { return found[i].mod.Before(found[j].mod) })
	n := 0
	var last string
	for _, f := range found {
		r, ok := l.readReport(f.id)
		if !ok {
			continue
		}
		if _, err := l.add(ctx, r, false, false); err != nil {
			return n, fmt.Errorf("open library: %w", err)
		}
		n++
		last = f.id
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if last != "" {
		l.active.Store((*l.indexes.Load())[last])
	}
	what := "no stored report could be recovered"
	if n > 0 {
		what = fmt.Sprintf("%d stored reports recovered; the active one is now the one stored last (%s)", n, l.active.Load().report.Title)
	}
	l.problems = append(l.problems, fmt.Sprintf("library state was damaged (kept as %s): %s", filepath.Base(kept), what))
	if n > 0 {
		// The recovered list is written back, so the next start is whole.
		if err := l.saveState(); err != nil {
			l.lg.Warn("recovered library state not written", "err", err)
		}
	}
	return n, nil
}

// Add indexes r and adds it to the library, persisted, without changing
// the active report unless there is none. A report with the same
// government and year replaces the one already there.
func (l *Library) Add(ctx context.Context, r *knowledge.Report) (*Index, error) {
	ix, err := l.add(ctx, r, l.active.Load() == nil, true)
	if err != nil {
		return nil, fmt.Errorf("add report: %w", err)
	}
	return ix, nil
}

// sameReport is the ID of a report of the library that r replaces (the
// same government and year, another text), or "". l.mu is held.
func (l *Library) sameReport(r *knowledge.Report, id string) string {
	if r.Government == "" || r.Year == 0 {
		return ""
	}
	for other, ri := range l.known {
		if other != id && ri.Government == r.Government && ri.Year == r.Year {
			return other
		}
	}
	return ""
}

// size is how many reports the library holds.
func (l *Library) size() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.known)
}

// has reports whether the library holds report id.
func (l *Library) has(id string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	_, ok := l.known[id]
	return ok
}

// Remove takes report id out of the library and its data directory. If it
// was the active report, the one loaded most recently becomes active (or
// none). The state is written first, so a crash never lists a report
// whose files are gone.
func (l *Library) Remove(id string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, ok := l.known[id]; !ok {
		return fmt.Errorf("remove %s: %w", id, ErrNoReport)
	}
	return l.removeLocked(id)
}

// removeLocked is Remove with l.mu held.
func (l *Library) removeLocked(id string) error {
	next := map[string]*Index{}
	for k, v := range *l.indexes.Load() {
		if k != id {
			next[k] = v
		}
	}
	active := l.active.Load()
	if active != nil && active.id == id {
		active = nil
		var newest ReportInfo
		for k, ri := range l.known {
			if k != id && ri.LoadedAt.After(newest.LoadedAt) {
				newest = ri
			}
		}
		if newest.ID != "" {
			if ix, ok := next[newest.ID]; ok {
				active = ix
			} else if r, ok := l.readReport(newest.ID); ok {
				l.mu.Unlock()
				ix, err := l.add(context.Background(), r, false, false)
				l.mu.Lock()
				if err != nil {
					return fmt.Errorf("remove %s: restore %s: %w", id, newest.ID, err)
				}
				next[newest.ID], active = ix, ix
			}
		}
	}
	info := l.known[id]
	delete(l.known, id)
	if err := l.writeState(next, active); err != nil {
		l.known[id] = info
		return fmt.Errorf("remove %s: %w", id, err)
	}
	l.indexes.Store(&next)
	l.active.Store(active)
	l.unrestored = slices.DeleteFunc(l.unrestored, func(s string) bool { return s == id })
	if l.dir != "" {
		os.Remove(l.reportPath(id))
		os.Remove(l.indexPath(id))
	}
	return nil
}
