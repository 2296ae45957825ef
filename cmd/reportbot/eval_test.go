package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
)

func TestEvalTable(t *testing.T) {
	td := filepath.Join("..", "..", "testdata")
	tests := []struct {
		name string
		args []string
		rows []string // set·retriever of every row, in order
	}{
		{"all sets, every retriever", []string{"-all", td},
			nil}, // checked below: 4 retrievers × (sets + pooled row)
		{"one set, two retrievers", []string{"-qa", filepath.Join(td, "qa", "zhenhai2023.qa.jsonl"), "-retriever", "hybrid,grep"},
			[]string{"zhenhai2023.qa·hybrid", "zhenhai2023.qa·grep"}},
		{"glob with mixed sets", []string{"-qa", filepath.Join(td, "qa", "extra*.jsonl"), "-retriever", "lexical"},
			globRows(t, filepath.Join(td, "qa", "extra*.jsonl"), "lexical")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := runCmd(t, append([]string{"eval", "-json"}, tt.args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			var rows []evalRow
			if err := json.Unmarshal([]byte(out), &rows); err != nil {
				t.Fatalf("not a JSON list of rows: %v\n%s", err, out)
			}
			var got []string
			for _, r := range rows {
				got = append(got, r.Set+"·"+r.Retriever)
				if r.Report.Questions == 0 {
					t.Errorf("%s·%s scored no questions", r.Set, r.Retriever)
				}
			}
			if tt.rows != nil && strings.Join(got, " ") != strings.Join(tt.rows, " ") {
				t.Errorf("rows = %v, want %v", got, tt.rows)
			}
			if tt.rows == nil {
				sets, _ := filepath.Glob(filepath.Join(td, "qa", "*.jsonl"))
				if want := 4 * (len(sets) + 1); len(rows) != want {
					t.Errorf("%d rows, want %d", len(rows), want)
				}
				// The product must beat the keyword match it replaces.
				acc := map[string]float64{}
				for _, r := range rows {
					if r.Set == allSets {
						acc[r.Retriever] = r.Report.Accuracy
					}
				}
				if acc["hybrid"] <= acc["grep"] || acc["hybrid"] <= acc["vector"] {
					t.Errorf("pooled accuracy hybrid %.2f, grep %.2f, vector %.2f: hybrid should lead", acc["hybrid"], acc["grep"], acc["vector"])
				}
			}
		})
	}
}

// globRows lists the rows a glob of sets scored with one retriever gives.
func globRows(t *testing.T, glob, retriever string) []string {
	sets, err := filepath.Glob(glob)
	if err != nil || len(sets) < 2 {
		t.Fatalf("%s: %v sets, %v", glob, sets, err)
	}
	var rows []string
	for _, s := range sets {
		rows = append(rows, setName(s)+"·"+retriever)
	}
	return append(rows, allSets+"·"+retriever)
}

func TestEvalTableText(t *testing.T) {
	out, errOut, code := runCmd(t, "eval", "-qa", filepath.Join("..", "..", "testdata", "qa", "zhenhai2023.qa.jsonl"), "-retriever", "all")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"| set | questions | retriever | hit@1 | hit@3 | MRR | answer acc. | unanswerable acc.", "| zhenhai2023.qa | 15 | vector |", "| zhenhai2023.qa | 15 | grep |"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
}

func TestEvalUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		err  string
	}{
		{[]string{"eval"}, "-qa or -all is required"},
		{[]string{"eval", "-all", "x", "-qa", "y"}, "exclude each other"},
		{[]string{"eval", "-all", "../../testdata", "-retriever", "bm42"}, "unknown retriever"},
		{[]string{"eval", "-all", "../../testdata", "-embedder", "openai"}, "needs OPENAI_API_KEY"},
		{[]string{"eval", "-all", "../../testdata", "-embedder", "word2vec"}, "unknown embedder"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			_, errOut, code := runCmd(t, tt.args...)
			if code != 2 || !strings.Contains(errOut, tt.err) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, errOut, tt.err)
			}
		})
	}
}

// TestEvalOpenAIEmbedder scores a set with vectors from an
// OpenAI-compatible /v1/embeddings endpoint, configured as for the engine.
func TestEvalOpenAIEmbedder(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1/embeddings" {
			http.NotFound(w, r)
			return
		}
		calls.Add(1)
		var body struct {
			Input []string `json:"input"`
		}
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		var data []map[string]any
		for i, s := range body.Input {
			v := make([]float32, 16)
			for j, c := range s {
				v[(j+int(c))%16]++
			}
			data = append(data, map[string]any{"object": "embedding", "index": i, "embedding": v})
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"object": "list", "data": data})
	}))
	defer srv.Close()
	dir := t.TempDir()
	env := map[string]string{"OPENAI_BASE_URL": srv.URL + "/v1", "REPORTBOT_EMBED_MODEL": "fake-embed", "REPORTBOT_DATA_DIR": dir}
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"eval", "-embedder", "openai", "-retriever", "vector,hybrid",
		"-qa", filepath.Join("..", "..", "testdata", "qa", "zhenhai2023.qa.jsonl")}, func(k string) string { return env[k] }, &out, &errOut)
	if err != nil {
		t.Fatalf("eval: %v\n%s", err, errOut.String())
	}
	if calls.Load() == 0 {
		t.Error("the embeddings endpoint was never called")
	}
	for _, want := range []string{"embedder: openai:fake-embed@", "| zhenhai2023.qa | 15 | vector |", "| zhenhai2023.qa | 15 | hybrid |"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

// TestEvalWeights scores a set with weights read from a -weights file, in
// both of eval's modes: a threshold no clause can meet costs figure answers,
// a file restating a default changes nothing.
func TestEvalWeights(t *testing.T) {
	td := filepath.Join("..", "..", "testdata")
	qa := filepath.Join(td, "qa", "zhenhai2023.qa.jsonl")
	dir := t.TempDir()
	file := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	absurd := file("absurd.json", `{"MinFigureCoverage": 2.0}`)
	same := file("same.json", `{"VectorWeight": 0.3}`)
	modes := []struct {
		name string
		args []string
		acc  func(t *testing.T, out string) float64
	}{
		{"one set", []string{"eval", "-json", "-report", filepath.Join(td, "reports", "zhenhai2023.txt"), "-qa", qa},
			func(t *testing.T, out string) float64 {
				var rep struct{ Accuracy float64 }
				if err := json.Unmarshal([]byte(out), &rep); err != nil {
					t.Fatalf("not one JSON report: %v\n%s", err, out)
				}
				return rep.Accuracy
			}},
		{"table", []string{"eval", "-json", "-qa", qa, "-retriever", "hybrid"},
			func(t *testing.T, out string) float64 {
				var rows []evalRow
				if err := json.Unmarshal([]byte(out), &rows); err != nil || len(rows) != 1 {
					t.Fatalf("not one JSON row (%v):\n%s", err, out)
				}
				return rows[0].Report.Accuracy
			}},
	}
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			score := func(extra ...string) float64 {
				out, errOut, code := runCmd(t, slices.Concat(m.args, extra)...)
				if code != 0 {
					t.Fatalf("%v: exit %d: %s", extra, code, errOut)
				}
				return m.acc(t, out)
			}
			def := score()
			if got := score("-weights", same); got != def {
				t.Errorf("accuracy with a default restated = %.2f, want %.2f as without -weights", got, def)
			}
			if got := score("-weights", absurd); got >= def {
				t.Errorf("accuracy with MinFigureCoverage 2.0 = %.2f, want below the default %.2f", got, def)
			}
		})
	}
}

func TestEvalWeightsErrors(t *testing.T) {
	dir := t.TempDir()
	qa := filepath.Join("..", "..", "testdata", "qa", "zhenhai2023.qa.jsonl")
	tests := []struct {
		name, body, err string
	}{
		{"unknown field", `{"MinFigureCoverage": 0.8, "FigureBonsu": 1}`, `unknown field "FigureBonsu"`},
		{"wrong type", `{"RRFK": "twenty"}`, "Weights.RRFK"},
		{"not an object", `[0.7]`, "cannot unmarshal array"},
		{"two objects", `{} {}`, "want one JSON object"},
		{"missing file", "", "no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-")+".json")
			if tt.body != "" {
				if err := os.WriteFile(p, []byte(tt.body), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			_, errOut, code := runCmd(t, "eval", "-qa", qa, "-weights", p)
			if code != 2 || !strings.Contains(errOut, tt.err) || !strings.Contains(errOut, "-weights") {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, errOut, tt.err)
			}
		})
	}
}

// TestEmbedBatchSetting: REPORTBOT_EMBED_BATCH sets how many texts go in
// one embedding request; a bad value is a usage error.
func TestEmbedBatchSetting(t *testing.T) {
	var most atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			Input []string `json:"input"`
		}
		json.NewDecoder(r.Body).Decode(&body)
		if n := int32(len(body.Input)); n > most.Load() {
			most.Store(n)
		}
		var data []map[string]any
		for i := range body.Input {
			data = append(data, map[string]any{"object": "embedding", "index": i, "embedding": []float32{1, float32(i), 2}})
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"object": "list", "data": data})
	}))
	defer srv.Close()
	env := map[string]string{"OPENAI_BASE_URL": srv.URL + "/v1", "REPORTBOT_EMBED_MODEL": "m", "REPORTBOT_EMBED_BATCH": "5", "REPORTBOT_DATA_DIR": t.TempDir()}
	if _, errOut, code := runCmdEnv(t, env, "ask", "今年失业率目标是多少"); code != 0 {
		t.Fatalf("ask: %s", errOut)
	}
	if m := most.Load(); m == 0 || m > 5 {
		t.Errorf("largest embedding request had %d texts, want 1 to 5", m)
	}
	env["REPORTBOT_EMBED_BATCH"] = "zero"
	if _, errOut, code := runCmdEnv(t, env, "ask", "x"); code != 2 || !strings.Contains(errOut, "REPORTBOT_EMBED_BATCH") {
		t.Errorf("bad batch: exit %d %s", code, errOut)
	}
}
