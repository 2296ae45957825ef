package rag

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/reportbot/reportbot/knowledge"
)

func TestLibraryRestartReusesVectors(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	emb := &countingEmbedder{Embedder: fixedEmbedder{NewHashEmbedder(64), "model-a"}}
	lib := NewLibrary(discard, dir, emb)
	if _, err := lib.Load(ctx, smallReport()); err != nil {
		t.Fatal(err)
	}
	first := emb.texts.Load()
	if first == 0 {
		t.Fatal("first load embedded nothing")
	}

	// A restart: a new library over the same directory.
	emb2 := &countingEmbedder{Embedder: fixedEmbedder{NewHashEmbedder(64), "model-a"}}
	lib2 := NewLibrary(discard, dir, emb2)
	n, err := lib2.Open(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Fatalf("restored %d reports, want 1", n)
	}
	if got := emb2.texts.Load(); got != 0 {
		t.Errorf("restart embedded %d texts, want 0", got)
	}
	if st := lib2.Status(); st.Active.Title != smallReport().Title || st.Active.Paragraphs != len(smallReport().Paragraphs) {
		t.Errorf("status after restart = %+v", st)
	}
	a, err := New(discard, lib2, nil).Answer(ctx, Question{Text: "今年GDP目标多少"})
	if err != nil || !strings.Contains(a.Text, "5%左右") {
		t.Errorf("answer after restart = %q, %v", a.Text, err)
	}

	// One changed paragraph: only it is embedded again.
	emb2.texts.Store(0) // questions are embedded too
	r := smallReport()
	r.Paragraphs[6].Text = "建设高标准农田6万亩。"
	r.Paragraphs[6].Sentences = []string{r.Paragraphs[6].Text}
	if _, err := lib2.Load(ctx, r); err != nil {
		t.Fatal(err)
	}
	if got := emb2.texts.Load(); got != 1 {
		t.Errorf("changed report embedded %d texts, want 1", got)
	}

	// A model change re-embeds everything.
	emb3 := &countingEmbedder{Embedder: fixedEmbedder{NewHashEmbedder(64), "model-b"}}
	lib3 := NewLibrary(discard, dir, emb3)
	if _, err := lib3.Open(ctx); err != nil {
		t.Fatal(err)
	}
	if got := emb3.texts.Load(); got < first {
		t.Errorf("model change embedded %d texts, want at least %d", got, first)
	}
}

func TestLibraryDetectsTruncatedStore(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	emb := &countingEmbedder{Embedder: fixedEmbedder{NewHashEmbedder(64), "model-a"}}
	if _, err := NewLibrary(discard, dir, emb).Load(ctx, smallReport()); err != nil {
		t.Fatal(err)
	}
	// Both places vectors persist: the vector cache and the report's index.
	files, _ := filepath.Glob(filepath.Join(dir, "vectors", "*.gob"))
	indexes, _ := filepath.Glob(filepath.Join(dir, "indexes", "*.gob"))
	if len(files) != 1 || len(indexes) != 1 {
		t.Fatalf("vector files = %v, index files = %v, want 1 each", files, indexes)
	}
	files = append(files, indexes...)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, data[:len(data)/2], 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := readSealed(f); err == nil {
			t.Fatal("truncated file read without error")
		}
	}
	emb2 := &countingEmbedder{Embedder: fixedEmbedder{NewHashEmbedder(64), "model-a"}}
	lib := NewLibrary(discard, dir, emb2)
	if n, err := lib.Open(ctx); err != nil || n != 1 {
		t.Fatalf("Open = %d, %v; want the report rebuilt", n, err)
	}
	if emb2.texts.Load() == 0 {
		t.Error("corrupt vectors were served instead of re-embedded")
	}
	// The rebuilt stores are whole again.
	for _, f := range files {
		if _, err := readSealed(f); err != nil {
			t.Errorf("store not rebuilt: %v", err)
		}
	}

	// A truncated report file is skipped, not half-read.
	reports, _ := filepath.Glob(filepath.Join(dir, "reports", "*.json"))
	if err := os.WriteFile(reports[0], []byte("reportbot-store-v1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if n, err := NewLibrary(discard, dir, emb2).Open(ctx); err != nil || n != 0 {
		t.Errorf("Open with a truncated report = %d, %v; want 0 reports", n, err)
	}
}

// TestLibraryOpenOldReport restores a report stored before its header
// facts and place names were kept: Open reads them again, so meta answers
// still cite the byline.
func TestLibraryOpenOldReport(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	lib := NewLibrary(discard, dir, nil)
	r := smallReport()
	if _, err := lib.Load(ctx, r); err != nil {
		t.Fatal(err)
	}
	// Rewrite the stored report as an older version wrote it.
	old := *r
	old.Delivery, old.Speakers, old.Places, old.Within = nil, nil, nil, nil
	raw, err := json.Marshal(old)
	if err != nil {
		t.Fatal(err)
	}
	if err := writeSealed(lib.reportPath(r.ID()), raw); err != nil {
		t.Fatal(err)
	}
	lib2 := NewLibrary(discard, dir, nil)
	if n, err := lib2.Open(ctx); err != nil || n != 1 {
		t.Fatalf("Open = %d, %v", n, err)
	}
	ix, err := lib2.Index("")
	if err != nil {
		t.Fatal(err)
	}
	if got := ix.Report(); len(got.Speakers) != 1 || !slices.Contains(got.Places, "示例") {
		t.Errorf("restored report: speakers %+v, places %q", got.Speakers, got.Places)
	}
	a, err := New(discard, lib2, nil).Answer(ctx, Question{Text: "报告是谁作的"})
	if err != nil || !a.Found || !strings.Contains(a.Text, "张三") {
		t.Errorf("answer after restart = %q, found %v, %v", a.Text, a.Found, err)
	}
}

// TestReloadUnderQueries swaps reports while questions are answered; run
// with -race. Every answer must come whole from one report or the other.
func TestReloadUnderQueries(t *testing.T) {
	ctx := context.Background()
	lib := NewLibrary(discard, t.TempDir(), nil)
	a := smallReport()
	b := smallReport()
	b.Title = "2024年另一市政府工作报告"
	b.Paragraphs[4].Text = "今年经济社会发展主要预期目标是：地区生产总值增长6%左右。"
	b.Paragraphs[4].Sentences = sentences(b.Paragraphs[4].Text)
	knowledge.Annotate(b)
	if _, err := lib.Load(ctx, a); err != nil {
		t.Fatal(err)
	}
	e := New(discard, lib, nil)
	var wg sync.WaitGroup
	stop := make(chan struct{})
	errs := make(chan string, 100)
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				ans, err := e.Answer(ctx, Question{Text: "今年GDP目标多少"})
				if err != nil {
					errs <- err.Error()
					return
				}
				want := "5%左右"
				if ans.Report.Title == b.Title {
					want = "6%左右"
				}
				if !strings.Contains(ans.Text, want) {
					errs <- ans.Report.Title + ": " + ans.Text
					return
				}
			}
		}()
	}
	for i := 0; i < 6; i++ {
		r := a
		if i%2 == 0 {
			r = b
		}
		if _, err := lib.Load(ctx, r); err != nil {
			t.Fatal(err)
		}
		_ = lib.Status()
	}
	close(stop)
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	if got := len(lib.Reports()); got != 2 {
		t.Errorf("loaded reports = %d, want 2", got)
	}
}
