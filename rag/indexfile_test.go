package rag

import (
	"bytes"
	"context"
	"encoding/gob"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/reportbot/reportbot/knowledge"
)

// TestIndexFileRestoresIndex writes each development report's index as the
// data directory keeps it, reads it back, and checks that the restored
// index holds the same prepared facts, postings and vectors and answers
// every development question exactly as the built one.
func TestIndexFileRestoresIndex(t *testing.T) {
	ctx := context.Background()
	for name, qs := range devQuestions(t) {
		t.Run(name, func(t *testing.T) {
			r := loadTestReport(t, name)
			built := buildTestIndex(t, r)
			key := indexKey{build: "b", lexicon: "l", report: "r", model: NewHashEmbedder(0).Model()}
			f, err := snapshot(built, key)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := gob.NewEncoder(&buf).Encode(f); err != nil {
				t.Fatal(err)
			}
			var back indexFile
			if err := gob.NewDecoder(&buf).Decode(&back); err != nil {
				t.Fatal(err)
			}
			got, err := back.restore(ctx, r, NewHashEmbedder(0), built.lx)
			if err != nil {
				t.Fatal(err)
			}
			if got.Model() != built.Model() {
				t.Errorf("model %s, built %s", got.Model(), built.Model())
			}
			for _, c := range []struct {
				what      string
				got, want any
			}{
				{"chunks", got.chunks, built.chunks},
				{"paragraphs", got.paras, built.paras},
				{"sentence DF", got.sentDF, built.sentDF},
				{"sentences", got.sentText, built.sentText},
				{"group DF", got.groupDF, built.groupDF},
				{"targets", got.targetParas, built.targetParas},
				{"postings", got.lex.(*lexical).grams, built.lex.(*lexical).grams},
				{"group postings", got.lex.(*lexical).group, built.lex.(*lexical).group},
				{"BM25 norms", got.lex.(*lexical).norm, built.lex.(*lexical).norm},
				{"vectors", got.vec.(*chromemStore).vecs, built.vec.(*chromemStore).vecs},
			} {
				if !reflect.DeepEqual(c.got, c.want) {
					t.Errorf("restored %s differ from built", c.what)
				}
			}
			for _, q := range qs {
				want, err := Extract(ctx, built, q)
				if err != nil {
					t.Fatal(err)
				}
				a, err := Extract(ctx, got, q)
				if err != nil {
					t.Fatal(err)
				}
				if a.Text != want.Text || !reflect.DeepEqual(a.Citations, want.Citations) {
					t.Errorf("%q: restored %q, built %q", q, a.Text, want.Text)
				}
			}
		})
	}
}

// builds counts the "index built" records of a logger.
type builds struct {
	mu sync.Mutex
	n  int
}

func (b *builds) Enabled(context.Context, slog.Level) bool { return true }
func (b *builds) Handle(_ context.Context, r slog.Record) error {
	if r.Message == "index built" {
		b.mu.Lock()
		b.n++
		b.mu.Unlock()
	}
	return nil
}
func (b *builds) WithAttrs([]slog.Attr) slog.Handler { return b }
func (b *builds) WithGroup(string) slog.Handler      { return b }

func (b *builds) take() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	n := b.n
	b.n = 0
	return n
}

// dirState lists a directory's files with their size and modification time.
func dirState(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() {
			return err
		}
		out[p] = fmt.Sprint(fi.Size(), fi.ModTime().UnixNano())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestLibraryLoadsPersistedIndex checks that a report's index is built once
// and then loaded — by a restart (Open) and by a one-shot command (Use) —
// that loading it writes nothing, and that a changed report, model, format
// or binary, or a damaged file, rebuilds it.
func TestLibraryLoadsPersistedIndex(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	h := &builds{}
	lg := slog.New(h)
	r := loadTestReport(t, "zhenhai2023")
	q := "今年城镇登记失业率控制在多少"
	lib := NewLibrary(lg, dir, nil)
	if _, err := lib.Load(ctx, r); err != nil {
		t.Fatal(err)
	}
	if got := h.take(); got != 1 {
		t.Fatalf("first load built %d indexes, want 1", got)
	}
	want, err := New(discard, lib, nil).Answer(ctx, Question{Text: q})
	if err != nil {
		t.Fatal(err)
	}
	before := dirState(t, dir)
	if len(before) != 4 {
		t.Fatalf("data directory holds %v, want the state, report, vectors and index", before)
	}
	// Files written within the clock's resolution would look unchanged.
	time.Sleep(10 * time.Millisecond)

	answer := func(lib *Library) string {
		t.Helper()
		a, err := New(discard, lib, nil).Answer(ctx, Question{Text: q})
		if err != nil {
			t.Fatal(err)
		}
		return a.Text
	}
	restart := NewLibrary(lg, dir, nil)
	if n, err := restart.Open(ctx); err != nil || n != 1 {
		t.Fatalf("Open = %d, %v", n, err)
	}
	oneShot := NewLibrary(lg, dir, nil)
	if _, err := oneShot.Use(ctx, loadTestReport(t, "zhenhai2023")); err != nil {
		t.Fatal(err)
	}
	if _, err := restart.Load(ctx, loadTestReport(t, "zhenhai2023")); err != nil {
		t.Fatal(err)
	}
	if got := h.take(); got != 0 {
		t.Errorf("restart, one-shot use and reload built %d indexes, want 0", got)
	}
	for _, l := range []*Library{restart, oneShot} {
		if got := answer(l); got != want.Text {
			t.Errorf("loaded index answers %q, built %q", got, want.Text)
		}
	}
	if after := dirState(t, dir); !reflect.DeepEqual(after, before) {
		t.Errorf("loading wrote to the data directory:\nbefore %v\nafter  %v", before, after)
	}

	filePath := filepath.Join(dir, "indexes", r.ID()+".gob")
	rewrite := func(change func(f *indexFile)) {
		t.Helper()
		data, err := readSealed(filePath)
		if err != nil {
			t.Fatal(err)
		}
		var f indexFile
		if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&f); err != nil {
			t.Fatal(err)
		}
		change(&f)
		var buf bytes.Buffer
		if err := gob.NewEncoder(&buf).Encode(&f); err != nil {
			t.Fatal(err)
		}
		if err := writeSealed(filePath, buf.Bytes()); err != nil {
			t.Fatal(err)
		}
	}
	damage := func() {
		data, err := os.ReadFile(filePath)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filePath, data[:len(data)/2], 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		name   string
		change func()
		emb    Embedder
		report func() *knowledge.Report
	}{
		{name: "format", change: func() { rewrite(func(f *indexFile) { f.Format++ }) }},
		{name: "binary", change: func() { rewrite(func(f *indexFile) { f.Build = "another" }) }},
		{name: "vocabulary", change: func() { rewrite(func(f *indexFile) { f.Lexicon = "another" }) }},
		{name: "damaged", change: damage},
		{name: "model", emb: NewHashEmbedder(256)},
		{name: "report", report: func() *knowledge.Report {
			r := loadTestReport(t, "zhenhai2023")
			r.Title += "（修订）"
			return r
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if c.change != nil {
				c.change()
			}
			rep := r
			if c.report != nil {
				rep = c.report()
			}
			l := NewLibrary(lg, dir, c.emb)
			if _, err := l.Use(ctx, rep); err != nil {
				t.Fatal(err)
			}
			if got := h.take(); got != 1 {
				t.Errorf("built %d indexes, want 1", got)
			}
			if got := answer(l); !strings.Contains(got, "3%以内") {
				t.Errorf("rebuilt index answers %q", got)
			}
			// The rebuilt index is persisted: the next use loads it.
			if _, err := NewLibrary(lg, dir, c.emb).Use(ctx, rep); err != nil {
				t.Fatal(err)
			}
			if got := h.take(); got != 0 {
				t.Errorf("the next use built %d indexes, want 0", got)
			}
		})
	}
}
