// Package slackfake is an in-process fake of the parts of Slack reportbot
// uses: the Web API methods (auth.test, chat.postMessage, chat.update,
// chat.postEphemeral, reactions.add, files.info, file downloads, the
// external upload flow (files.getUploadURLExternal, the upload itself,
// files.completeUploadExternal), apps.connections.open), response_url
// endpoints, and the Socket Mode
// websocket behind apps.connections.open. It speaks the real wire format, so
// slack-go talks to it unchanged through slack.OptionAPIURL(fake.APIURL()).
//
// Every request is recorded as a Call; tests wait for calls with WaitFor
// instead of sleeping. RateLimit and Fail inject 429s and API errors.
//
// It is ordinary (non-test) code so that tests in other packages, such as
// cmd/reportbot's end-to-end run of `serve`, can use it too.
package slackfake

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// Server is a running fake Slack.
type Server struct {
	// Credentials and identity the fake accepts and reports. Set them before
	// the bot connects if the defaults do not suit.
	BotToken  string // default "xoxb-fake-bot-token"
	AppToken  string // default "xapp-fake-app-token"
	BotUserID string // default "UBOT"
	BotID     string // default "BBOT"
	TeamID    string // default "TFAKE"

	srv *httptest.Server

	mu        sync.Mutex
	calls     []Call
	changed   chan struct{} // closed and replaced whenever something is recorded
	files     map[string]File
	uploads   map[string]*upload // files.getUploadURLExternal, not yet completed
	limits    map[string][]int
	failures  map[string][]string
	seq       int
	conn      *websocket.Conn
	conns     []*websocket.Conn
	writeMu   sync.Mutex
	acks      map[string]chan json.RawMessage
	connected int
	closed    chan struct{}
}

// Call is one request the fake received.
type Call struct {
	// Method is the Web API method ("chat.postMessage"), or "response_url"
	// for posts to a response URL, "file.download" for file downloads, or
	// "file.upload" for the bytes posted to an upload URL.
	Method string
	// Form holds form-encoded parameters; JSON the decoded JSON body.
	Form url.Values
	JSON map[string]any
	// Token is the token the request carried (header or form). Never log it.
	Token string
	// Status is the HTTP status the fake answered with (429 when rate limited).
	Status int
	// TS is the message timestamp the fake assigned (chat.postMessage).
	TS string
	// URL is the full URL called (useful for response URLs).
	URL  string
	Time time.Time
}

// Get returns a parameter from the form or the JSON body.
func (c Call) Get(key string) string {
	if c.Form != nil && c.Form.Has(key) {
		return c.Form.Get(key)
	}
	switch v := c.JSON[key].(type) {
	case nil:
		return ""
	case string:
		return v
	default:
		b, _ := json.Marshal(v)
		return string(b)
	}
}

// Text is the message text of the call.
func (c Call) Text() string { return c.Get("text") }

// Blocks is the JSON of the call's blocks ("" if none), with <, > and &
// unescaped so tests can look for Slack markup such as <@U123>.
func (c Call) Blocks() string {
	return strings.NewReplacer(`\u003c`, "<", `\u003e`, ">", `\u0026`, "&").Replace(c.Get("blocks"))
}

// Content is text and blocks together, for "contains" checks.
func (c Call) Content() string { return c.Text() + "\n" + c.Blocks() }

// Channel is the call's channel parameter.
func (c Call) Channel() string { return c.Get("channel") }

// ThreadTS is the call's thread_ts parameter.
func (c Call) ThreadTS() string { return c.Get("thread_ts") }

// File is a file uploaded to the fake workspace.
type File struct {
	ID       string
	Name     string
	Mimetype string
	Data     []byte
	// Title, Channel and ThreadTS are set by files.completeUploadExternal
	// for a file the bot uploaded: where it was shared.
	Title, Channel, ThreadTS string
}

// upload is a file between files.getUploadURLExternal and
// files.completeUploadExternal.
type upload struct {
	name   string
	length int
	data   []byte
	done   bool // the bytes were posted to the upload URL
}

// New starts a fake Slack. Close it when done.
func New() *Server {
	f := &Server{
		BotToken:  "xoxb-fake-bot-token",
		AppToken:  "xapp-fake-app-token",
		BotUserID: "UBOT",
		BotID:     "BBOT",
		TeamID:    "TFAKE",
		changed:   make(chan struct{}),
		files:     make(map[string]File),
		uploads:   make(map[string]*upload),
		limits:    make(map[string][]int),
		failures:  make(map[string][]string),
		acks:      make(map[string]chan json.RawMessage),
		closed:    make(chan struct{}),
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/api/", f.api)
	mux.HandleFunc("GET /files/{id}/{name}", f.download)
	mux.HandleFunc("POST /response/{n}", f.response)
	mux.HandleFunc("POST /upload/{id}", f.upload)
	mux.HandleFunc("GET /ws", f.websocket)
	f.srv = httptest.NewServer(mux)
	return f
}

// URL is the fake's base URL.
func (f *Server) URL() string { return f.srv.URL }

// APIURL is the Web API base URL to give slack.OptionAPIURL (it ends in "/").
func (f *Server) APIURL() string { return f.srv.URL + "/api/" }

// Close disconnects the websocket and stops the server.
func (f *Server) Close() {
	f.mu.Lock()
	select {
	case <-f.closed:
		f.mu.Unlock()
		return
	default:
	}
	close(f.closed)
	conns := f.conns
	f.mu.Unlock()
	for _, c := range conns {
		c.Close()
	}
	f.srv.Close()
}

// RateLimit makes the next call of method answer 429 with the given
// Retry-After (seconds). Calls queue up: RateLimit twice limits two calls.
func (f *Server) RateLimit(method string, retryAfter int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.limits[method] = append(f.limits[method], retryAfter)
}

// Fail makes the next call of method answer {"ok":false,"error":code}.
func (f *Server) Fail(method, code string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failures[method] = append(f.failures[method], code)
}

// AddFile stores a file for files.info and download, as if a user had uploaded it.
func (f *Server) AddFile(file File) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.files[file.ID] = file
}

// Shared returns the files the bot uploaded and shared with
// files.completeUploadExternal, in the order they were shared.
func (f *Server) Shared() []File {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []File
	for _, c := range f.calls {
		if c.Method != "files.completeUploadExternal" || c.Status != http.StatusOK {
			continue
		}
		var list []struct {
			ID string `json:"id"`
		}
		json.Unmarshal([]byte(c.Get("files")), &list)
		for _, l := range list {
			if file, ok := f.files[l.ID]; ok && file.Channel != "" {
				out = append(out, file)
			}
		}
	}
	return out
}

// FileJSON is the file object as Slack puts it in message events.
func (f *Server) FileJSON(id string) map[string]any {
	f.mu.Lock()
	file := f.files[id]
	f.mu.Unlock()
	return f.fileObject(file)
}

func (f *Server) fileObject(file File) map[string]any {
	link := f.srv.URL + "/files/" + url.PathEscape(file.ID) + "/" + url.PathEscape(file.Name)
	return map[string]any{
		"id": file.ID, "name": file.Name, "title": file.Name, "mimetype": file.Mimetype,
		"size": len(file.Data), "url_private": link, "url_private_download": link + "?download=1",
	}
}

// ResponseURL mints a response URL; posts to it are recorded as "response_url" calls.
func (f *Server) ResponseURL() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.seq++
	return fmt.Sprintf("%s/response/%d", f.srv.URL, f.seq)
}

// Calls returns the recorded calls of the given methods (all calls if none).
func (f *Server) Calls(methods ...string) []Call {
	f.mu.Lock()
	defer f.mu.Unlock()
	return filter(f.calls, methods)
}

func filter(calls []Call, methods []string) []Call {
	var out []Call
	for _, c := range calls {
		if len(methods) == 0 || slices.Contains(methods, c.Method) {
			out = append(out, c)
		}
	}
	return out
}

// WaitFor waits until cond holds for the recorded calls and returns them.
// On timeout the error lists the calls seen, to make failures readable.
func (f *Server) WaitFor(ctx context.Context, what string, cond func(calls []Call) bool) ([]Call, error) {
	for {
		f.mu.Lock()
		calls := slices.Clone(f.calls)
		changed := f.changed
		f.mu.Unlock()
		if cond(calls) {
			return calls, nil
		}
		select {
		case <-changed:
		case <-ctx.Done():
			var b strings.Builder
			for _, c := range calls {
				fmt.Fprintf(&b, "\n  %s %d channel=%q thread=%q text=%q", c.Method, c.Status, c.Channel(), c.ThreadTS(), c.Text())
			}
			return calls, fmt.Errorf("waiting for %s: %w; calls so far:%s", what, ctx.Err(), b.String())
		}
	}
}

func (f *Server) record(c Call) {
	f.mu.Lock()
	defer f.mu.Unlock()
	c.Time = time.Now()
	f.calls = append(f.calls, c)
	close(f.changed)
	f.changed = make(chan struct{})
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	json.NewEncoder(w).Encode(v)
}

// readBody decodes a form or JSON request body into c.
func readBody(r *http.Request, c *Call) {
	body, _ := io.ReadAll(r.Body)
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct == "application/json" {
		json.Unmarshal(body, &c.JSON)
		return
	}
	c.Form, _ = url.ParseQuery(string(body))
	if r.URL.RawQuery != "" {
		q := r.URL.Query()
		for k, v := range q {
			if !c.Form.Has(k) {
				c.Form[k] = v
			}
		}
	}
}

func bearer(r *http.Request) string {
	return strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
}

func (f *Server) api(w http.ResponseWriter, r *http.Request) {
	c := Call{Method: strings.TrimPrefix(r.URL.Path, "/api/"), URL: r.URL.String(), Status: http.StatusOK}
	readBody(r, &c)
	c.Token = bearer(r)
	if c.Token == "" {
		c.Token = c.Get("token")
	}

	f.mu.Lock()
	var retryAfter *int
	if q := f.limits[c.Method]; len(q) > 0 {
		retryAfter = &q[0]
		f.limits[c.Method] = q[1:]
	}
	fail := ""
	if q := f.failures[c.Method]; len(q) > 0 && retryAfter == nil {
		fail = q[0]
		f.failures[c.Method] = q[1:]
	}
	want := f.BotToken
	if c.Method == "apps.connections.open" {
		want = f.AppToken
	}
	if c.Method == "chat.postMessage" && retryAfter == nil && fail == "" {
		f.seq++
		c.TS = fmt.Sprintf("1700000000.%06d", f.seq)
	}
	f.mu.Unlock()

	if retryAfter != nil {
		c.Status = http.StatusTooManyRequests
		f.record(c)
		w.Header().Set("Retry-After", strconv.Itoa(*retryAfter))
		http.Error(w, `{"ok":false,"error":"ratelimited"}`, http.StatusTooManyRequests)
		return
	}
	defer f.record(c)
	if c.Token != want {
		writeJSON(w, map[string]any{"ok": false, "error": "invalid_auth"})
		return
	}
	if fail != "" {
		writeJSON(w, map[string]any{"ok": false, "error": fail})
		return
	}
	switch c.Method {
	case "auth.test":
		writeJSON(w, map[string]any{"ok": true, "url": "https://fake.slack.com/", "team": "Fake Team",
			"user": "reportbot", "team_id": f.TeamID, "user_id": f.BotUserID, "bot_id": f.BotID})
	case "chat.postMessage":
		writeJSON(w, map[string]any{"ok": true, "channel": c.Channel(), "ts": c.TS,
			"message": map[string]any{"text": c.Text(), "ts": c.TS, "bot_id": f.BotID, "user": f.BotUserID}})
	case "chat.update":
		writeJSON(w, map[string]any{"ok": true, "channel": c.Channel(), "ts": c.Get("ts"), "text": c.Text()})
	case "chat.postEphemeral":
		writeJSON(w, map[string]any{"ok": true, "message_ts": "1700000000.999999"})
	case "reactions.add":
		writeJSON(w, map[string]any{"ok": true})
	case "files.info":
		f.mu.Lock()
		file, ok := f.files[c.Get("file")]
		f.mu.Unlock()
		if !ok {
			writeJSON(w, map[string]any{"ok": false, "error": "file_not_found"})
			return
		}
		writeJSON(w, map[string]any{"ok": true, "file": f.fileObject(file), "comments": []any{},
			"paging": map[string]any{"count": 0, "total": 0, "page": 1, "pages": 1}})
	case "files.getUploadURLExternal":
		n, err := strconv.Atoi(c.Get("length"))
		if c.Get("filename") == "" || err != nil || n <= 0 {
			writeJSON(w, map[string]any{"ok": false, "error": "invalid_arguments"})
			return
		}
		f.mu.Lock()
		f.seq++
		id := fmt.Sprintf("FUP%06d", f.seq)
		f.uploads[id] = &upload{name: c.Get("filename"), length: n}
		f.mu.Unlock()
		writeJSON(w, map[string]any{"ok": true, "upload_url": f.srv.URL + "/upload/" + id, "file_id": id})
	case "files.completeUploadExternal":
		f.completeUpload(w, c)
	case "apps.connections.open":
		writeJSON(w, map[string]any{"ok": true, "url": "ws" + strings.TrimPrefix(f.srv.URL, "http") + "/ws"})
	default:
		writeJSON(w, map[string]any{"ok": false, "error": "unknown_method"})
	}
}

func (f *Server) download(w http.ResponseWriter, r *http.Request) {
	c := Call{Method: "file.download", URL: r.URL.String(), Token: bearer(r), Status: http.StatusOK}
	f.mu.Lock()
	file, ok := f.files[r.PathValue("id")]
	var retryAfter *int
	if q := f.limits[c.Method]; len(q) > 0 {
		retryAfter = &q[0]
		f.limits[c.Method] = q[1:]
	}
	f.mu.Unlock()
	switch {
	case retryAfter != nil:
		c.Status = http.StatusTooManyRequests
		w.Header().Set("Retry-After", strconv.Itoa(*retryAfter))
	case c.Token != f.BotToken:
		c.Status = http.StatusForbidden
	case !ok:
		c.Status = http.StatusNotFound
	}
	f.record(c)
	if c.Status != http.StatusOK {
		http.Error(w, http.StatusText(c.Status), c.Status)
		return
	}
	w.Header().Set("Content-Type", file.Mimetype)
	w.Write(file.Data)
}

// upload takes the bytes posted to an upload URL, as a multipart form with
// one file field, the way slack-go sends them.
func (f *Server) upload(w http.ResponseWriter, r *http.Request) {
	c := Call{Method: "file.upload", URL: r.URL.String(), Token: bearer(r), Status: http.StatusOK}
	id := r.PathValue("id")
	var data []byte
	file, _, err := r.FormFile("file")
	if err == nil {
		data, err = io.ReadAll(file)
		file.Close()
	}
	f.mu.Lock()
	u, ok := f.uploads[id]
	switch {
	case !ok:
		c.Status = http.StatusNotFound
	case err != nil:
		c.Status = http.StatusBadRequest
	default:
		u.data, u.done = data, true
	}
	f.mu.Unlock()
	f.record(c)
	if c.Status != http.StatusOK {
		http.Error(w, http.StatusText(c.Status), c.Status)
		return
	}
	// Slack's upload endpoint answers in plain text, not JSON.
	fmt.Fprintf(w, "OK - %d", len(data))
}

// completeUpload shares uploaded files in a channel. A file must have been
// posted to its upload URL with the length announced.
func (f *Server) completeUpload(w http.ResponseWriter, c Call) {
	var list []struct {
		ID    string `json:"id"`
		Title string `json:"title"`
	}
	if err := json.Unmarshal([]byte(c.Get("files")), &list); err != nil || len(list) == 0 {
		writeJSON(w, map[string]any{"ok": false, "error": "invalid_arguments"})
		return
	}
	channel := c.Get("channel_id")
	if channel == "" {
		channel = c.Get("channels")
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []map[string]any
	for _, l := range list {
		u, ok := f.uploads[l.ID]
		if !ok || !u.done {
			writeJSON(w, map[string]any{"ok": false, "error": "file_not_found"})
			return
		}
		if len(u.data) != u.length {
			writeJSON(w, map[string]any{"ok": false, "error": "file_upload_size_mismatch"})
			return
		}
	}
	for _, l := range list {
		u := f.uploads[l.ID]
		delete(f.uploads, l.ID)
		title := l.Title
		if title == "" {
			title = u.name
		}
		f.files[l.ID] = File{ID: l.ID, Name: u.name, Mimetype: http.DetectContentType(u.data), Data: u.data,
			Title: title, Channel: channel, ThreadTS: c.Get("thread_ts")}
		out = append(out, map[string]any{"id": l.ID, "title": title})
	}
	writeJSON(w, map[string]any{"ok": true, "files": out})
}

func (f *Server) response(w http.ResponseWriter, r *http.Request) {
	c := Call{Method: "response_url", URL: f.srv.URL + r.URL.Path, Status: http.StatusOK}
	readBody(r, &c)
	f.record(c)
	writeJSON(w, map[string]any{"ok": true})
}

// Sign computes Slack's v0 request signature of body at timestamp ts.
func Sign(secret string, ts int64, body []byte) string {
	h := hmac.New(sha256.New, []byte(secret))
	fmt.Fprintf(h, "v0:%d:", ts)
	h.Write(body)
	return "v0=" + hex.EncodeToString(h.Sum(nil))
}

// SignRequest sets the headers Slack signs a request with.
func SignRequest(r *http.Request, secret string, ts time.Time, body []byte) {
	r.Header.Set("X-Slack-Request-Timestamp", strconv.FormatInt(ts.Unix(), 10))
	r.Header.Set("X-Slack-Signature", Sign(secret, ts.Unix(), body))
}

// errClosed is returned when sending on a closed fake.
var errClosed = errors.New("slackfake: closed")

func encodeForm(v url.Values) string { return v.Encode() }
