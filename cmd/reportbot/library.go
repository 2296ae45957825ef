package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"
	"golang.org/x/term"

	"github.com/reportbot/reportbot/knowledge"
	"github.com/reportbot/reportbot/rag"
)

func init() {
	register(command{name: "load", summary: "add reports (files or URLs) to the library in the data dir", run: cmdLoad})
	register(command{name: "list", summary: "list the reports of the library and the default one", run: cmdList})
	register(command{name: "remove", summary: "take a report out of the library", run: cmdRemove})
}

// openLibrary opens the library persisted in the data dir.
func openLibrary(ctx context.Context, e *env, lg *slog.Logger) (*rag.Library, error) {
	_, lib, err := newEngine(e, lg, nil)
	if err != nil {
		return nil, err
	}
	if lib.Dir() == "" {
		return nil, errors.New("no usable data directory (set REPORTBOT_DATA_DIR): the library could not be kept")
	}
	if _, err := lib.Open(ctx); err != nil {
		return nil, err
	}
	return lib, nil
}

// loadResult is one line of `load -json`.
type loadResult struct {
	Source string          `json:"source"`
	Report *rag.ReportInfo `json:"report,omitempty"`
	Error  string          `json:"error,omitempty"`
}

// loadStages are the steps of one report's bar.
const loadStages = 3 // read and parsed, indexed, stored

func cmdLoad(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "load", "[-json] PATH|URL…")
	asJSON := fs.Bool("json", false, "print one JSON object per source")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("load: no report given (a file path or an http(s) URL)")
	}
	lg := newLogger(e, slog.LevelWarn)
	lib, err := openLibrary(ctx, e, lg)
	if err != nil {
		return fmt.Errorf("load: %w", err)
	}
	bars := newLoadBars(e.stderr, fs.NArg(), *asJSON)
	failed := 0
	for _, src := range fs.Args() {
		bar := bars.report(src)
		res := loadResult{Source: src}
		r, err := (&knowledge.Loader{}).Load(ctx, src)
		bar.step()
		var ix *rag.Index
		if err == nil {
			warnLoaded(e, r)
			ix, err = lib.Add(ctx, r)
			bar.step()
		}
		if err == nil {
			bar.step()
			for _, ri := range lib.Reports() {
				if ri.ID == ix.ID() {
					res.Report = &ri
				}
			}
		}
		if err != nil {
			failed++
			res.Error = redact(oneLine(err.Error()))
			bar.fail()
		}
		bars.done()
		if *asJSON {
			if err := writeJSON(e.stdout, res); err != nil {
				return err
			}
			continue
		}
		if res.Error != "" {
			fmt.Fprintf(e.stdout, "✗ %s: %s\n", src, res.Error)
			continue
		}
		ri := res.Report
		fmt.Fprintf(e.stdout, "✓ %s  %s（%s，%d年，%d段）\n", ri.ID, ri.Title, orDash(ri.Government), ri.Year, ri.Paragraphs)
	}
	bars.wait()
	for _, p := range lib.Problems() {
		fmt.Fprintln(e.stderr, "reportbot: warning: "+redact(p))
	}
	if failed > 0 {
		return fmt.Errorf("load: %d of %d sources failed", failed, fs.NArg())
	}
	return nil
}

func cmdList(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "list", "[-json]")
	asJSON := fs.Bool("json", false, "print one JSON object")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("list takes no arguments, got %q", fs.Arg(0))
	}
	lib, err := openLibrary(ctx, e, newLogger(e, slog.LevelWarn))
	if err != nil {
		return fmt.Errorf("list: %w", err)
	}
	reports := lib.Reports()
	sort.SliceStable(reports, func(i, j int) bool {
		if reports[i].Government != reports[j].Government {
			return reports[i].Government < reports[j].Government
		}
		return reports[i].Year < reports[j].Year
	})
	if *asJSON {
		return writeJSON(e.stdout, map[string]any{"reports": reports, "builtin_default": len(reports) == 0})
	}
	if len(reports) == 0 {
		fmt.Fprintln(e.stdout, "The library is empty: questions are answered from the built-in report (宁波市镇海区 2023). Add reports with `reportbot load PATH|URL…`.")
		return nil
	}
	w := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "\tID\tGOVERNMENT\tYEAR\tPARAGRAPHS\tTITLE")
	for _, ri := range reports {
		mark := ""
		if ri.Active {
			mark = "*"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%d\t%d\t%s\n", mark, ri.ID, orDash(ri.Government), ri.Year, ri.Paragraphs, ri.Title)
	}
	w.Flush()
	fmt.Fprintln(e.stdout, "* = the default report (questions that name no report)")
	return nil
}

func cmdRemove(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "remove", "ID")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("remove: give one report ID (see `reportbot list`)")
	}
	lib, err := openLibrary(ctx, e, newLogger(e, slog.LevelWarn))
	if err != nil {
		return fmt.Errorf("remove: %w", err)
	}
	id, err := matchID(lib.Reports(), fs.Arg(0))
	if err != nil {
		return err
	}
	if err := lib.Remove(id); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "removed %s\n", id)
	return nil
}

// matchID resolves an ID or an unambiguous prefix of one.
func matchID(reports []rag.ReportInfo, want string) (string, error) {
	var found []string
	for _, ri := range reports {
		if ri.ID == want {
			return ri.ID, nil
		}
		if strings.HasPrefix(ri.ID, want) {
			found = append(found, ri.ID)
		}
	}
	switch len(found) {
	case 0:
		return "", usagef("remove: no report %q in the library (see `reportbot list`)", want)
	case 1:
		return found[0], nil
	}
	return "", usagef("remove: %q is the start of %d report IDs: %s", want, len(found), strings.Join(found, ", "))
}

// loadBars shows progress: on a terminal a bar per report and one overall
// (mpb); elsewhere nothing, since each report's result line says enough.
type loadBars struct {
	p       *mpb.Progress
	overall *mpb.Bar
}

type reportBar struct{ b *mpb.Bar }

func newLoadBars(w io.Writer, n int, quiet bool) *loadBars {
	f, ok := w.(*os.File)
	if quiet || !ok || !term.IsTerminal(int(f.Fd())) {
		return &loadBars{}
	}
	p := mpb.New(mpb.WithOutput(w), mpb.WithWidth(32))
	overall := p.AddBar(int64(n), mpb.PrependDecorators(decor.Name("all reports ")),
		mpb.AppendDecorators(decor.CountersNoUnit("%d / %d")))
	return &loadBars{p: p, overall: overall}
}

func (l *loadBars) report(src string) reportBar {
	if l.p == nil {
		return reportBar{}
	}
	name := src
	if r := []rune(name); len(r) > 40 {
		name = "…" + string(r[len(r)-39:])
	}
	return reportBar{l.p.AddBar(loadStages, mpb.BarRemoveOnComplete(),
		mpb.PrependDecorators(decor.Name(name+" ")), mpb.AppendDecorators(decor.Percentage()))}
}

func (b reportBar) step() {
	if b.b != nil {
		b.b.Increment()
	}
}

func (b reportBar) fail() {
	if b.b != nil {
		b.b.Abort(true)
	}
}

func (l *loadBars) done() {
	if l.overall != nil {
		l.overall.Increment()
	}
}

func (l *loadBars) wait() {
	if l.p != nil {
		l.p.Wait()
	}
}
