package slackfake

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"path"
	"strconv"
	"time"

	"github.com/gorilla/websocket"
)

// PingInterval is how often the fake pings the Socket Mode client; slack-go
// reconnects when it hears no ping for 30 seconds.
var PingInterval = 5 * time.Second

func (f *Server) websocket(w http.ResponseWriter, r *http.Request) {
	up := websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}
	conn, err := up.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	f.mu.Lock()
	f.conn = conn
	f.conns = append(f.conns, conn)
	f.connected++
	f.mu.Unlock()
	f.record(Call{Method: "socket.connect", Status: http.StatusSwitchingProtocols})

	f.writeMu.Lock()
	err = conn.WriteJSON(map[string]any{"type": "hello", "num_connections": 1,
		"connection_info": map[string]any{"app_id": "AFAKE"}})
	f.writeMu.Unlock()
	if err != nil {
		conn.Close()
		return
	}
	done := make(chan struct{})
	defer close(done)
	go func() {
		t := time.NewTicker(PingInterval)
		defer t.Stop()
		for {
			if conn.WriteControl(websocket.PingMessage, []byte("ping"), time.Now().Add(time.Second)) != nil {
				return
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	for {
		var ack struct {
			EnvelopeID string          `json:"envelope_id"`
			Payload    json.RawMessage `json:"payload"`
		}
		if err := conn.ReadJSON(&ack); err != nil {
			f.record(Call{Method: "socket.disconnect", Status: http.StatusOK})
			return
		}
		f.record(Call{Method: "socket.ack", JSON: map[string]any{"envelope_id": ack.EnvelopeID, "payload": string(ack.Payload)}, Status: http.StatusOK})
		f.mu.Lock()
		ch := f.acks[ack.EnvelopeID]
		delete(f.acks, ack.EnvelopeID)
		f.mu.Unlock()
		if ch != nil {
			ch <- ack.Payload
		}
	}
}

// WaitConnected waits until a Socket Mode client is connected.
func (f *Server) WaitConnected(ctx context.Context) error {
	_, err := f.WaitFor(ctx, "socket mode connection", func(calls []Call) bool {
		return len(filter(calls, []string{"socket.connect"})) > 0
	})
	return err
}

// Envelope is one Socket Mode request to send to the bot.
type Envelope struct {
	// Type is "events_api", "slash_commands" or "interactive".
	Type         string
	Payload      any
	RetryAttempt int
	RetryReason  string
}

// Send delivers an envelope over the websocket and waits for the bot's
// acknowledgement, returning the ack's payload (nil if none).
func (f *Server) Send(ctx context.Context, env Envelope) (json.RawMessage, error) {
	f.mu.Lock()
	conn := f.conn
	f.seq++
	id := "env-" + strconv.Itoa(f.seq)
	ch := make(chan json.RawMessage, 1)
	f.acks[id] = ch
	f.mu.Unlock()
	if conn == nil {
		return nil, errors.New("slackfake: no socket mode client connected")
	}
	msg := map[string]any{
		"type": env.Type, "envelope_id": id, "payload": env.Payload,
		"accepts_response_payload": env.Type != "events_api",
		"retry_attempt":            env.RetryAttempt, "retry_reason": env.RetryReason,
	}
	f.writeMu.Lock()
	err := conn.WriteJSON(msg)
	f.writeMu.Unlock()
	if err != nil {
		return nil, fmt.Errorf("slackfake: send %s: %w", env.Type, err)
	}
	select {
	case p := <-ch:
		if string(p) == "null" {
			p = nil
		}
		return p, nil
	case <-ctx.Done():
		return nil, fmt.Errorf("slackfake: no ack for %s %s: %w", env.Type, id, ctx.Err())
	case <-f.closed:
		return nil, errClosed
	}
}

// SendEvent delivers an Events API callback with the given event ID and
// inner event (see Mention and Message), and waits for the ack.
func (f *Server) SendEvent(ctx context.Context, eventID string, event map[string]any) error {
	_, err := f.Send(ctx, Envelope{Type: "events_api", Payload: f.callback(eventID, event)})
	return err
}

// RedeliverEvent sends an event again as Slack does when an ack was late.
func (f *Server) RedeliverEvent(ctx context.Context, eventID string, event map[string]any, attempt int) error {
	_, err := f.Send(ctx, Envelope{Type: "events_api", Payload: f.callback(eventID, event),
		RetryAttempt: attempt, RetryReason: "timeout"})
	return err
}

// EventBody is the Events API JSON body Slack POSTs in HTTP mode.
func (f *Server) EventBody(eventID string, event map[string]any) []byte {
	b, _ := json.Marshal(f.callback(eventID, event))
	return b
}

func (f *Server) callback(eventID string, event map[string]any) map[string]any {
	return map[string]any{
		"token": "fake-verification-token", "team_id": f.TeamID, "api_app_id": "AFAKE",
		"type": "event_callback", "event_id": eventID, "event_time": 1700000000,
		"event": event, "authorizations": []any{map[string]any{"team_id": f.TeamID, "user_id": f.BotUserID, "is_bot": true}},
	}
}

// Mention builds an app_mention event; threadTS may be "".
func Mention(channel, user, ts, threadTS, text string) map[string]any {
	e := map[string]any{"type": "app_mention", "channel": channel, "user": user, "ts": ts, "event_ts": ts, "text": text}
	if threadTS != "" {
		e["thread_ts"] = threadTS
	}
	return e
}

// Message builds a message event; channelType is "im", "channel", "group" or "mpim".
func Message(channel, channelType, user, ts, threadTS, text string) map[string]any {
	e := map[string]any{"type": "message", "channel": channel, "channel_type": channelType,
		"user": user, "ts": ts, "event_ts": ts, "text": text}
	if threadTS != "" {
		e["thread_ts"] = threadTS
	}
	return e
}

// FileShare builds a message event with an uploaded file (added with AddFile).
func (f *Server) FileShare(channel, channelType, user, ts, text, fileID string) map[string]any {
	e := Message(channel, channelType, user, ts, "", text)
	e["subtype"] = "file_share"
	e["files"] = []any{f.FileJSON(fileID)}
	return e
}

// Command is a slash command invocation.
type Command struct {
	Command   string // default "/report"
	Text      string
	UserID    string
	ChannelID string
	// ResponseURL is minted by the fake when empty.
	ResponseURL string
}

func (f *Server) commandPayload(c *Command) map[string]any {
	if c.Command == "" {
		c.Command = "/report"
	}
	if c.ResponseURL == "" {
		c.ResponseURL = f.ResponseURL()
	}
	return map[string]any{
		"token": "fake-verification-token", "team_id": f.TeamID, "team_domain": "fake",
		"channel_id": c.ChannelID, "channel_name": "general", "user_id": c.UserID, "user_name": "someone",
		"command": c.Command, "text": c.Text, "response_url": c.ResponseURL,
		"trigger_id": "trigger-" + path.Base(c.ResponseURL), "api_app_id": "AFAKE",
	}
}

// SendCommand delivers a slash command over Socket Mode and waits for the
// ack. It returns the ack payload and the command's response URL.
func (f *Server) SendCommand(ctx context.Context, c Command) (ack json.RawMessage, responseURL string, err error) {
	p := f.commandPayload(&c)
	ack, err = f.Send(ctx, Envelope{Type: "slash_commands", Payload: p})
	return ack, c.ResponseURL, err
}

// CommandForm is the form body Slack POSTs for a slash command in HTTP mode.
func (f *Server) CommandForm(c Command) (body string, responseURL string) {
	p := f.commandPayload(&c)
	v := make(map[string][]string)
	for k, x := range p {
		v[k] = []string{fmt.Sprint(x)}
	}
	return encodeForm(v), c.ResponseURL
}

// Click is a button click on a message.
type Click struct {
	UserID    string
	ChannelID string
	MessageTS string
	ActionID  string
	Value     string
	Ephemeral bool
	// ResponseURL is minted by the fake when empty.
	ResponseURL string
}

func (f *Server) clickPayload(c *Click) map[string]any {
	if c.ResponseURL == "" {
		c.ResponseURL = f.ResponseURL()
	}
	return map[string]any{
		"type": "block_actions", "token": "fake-verification-token", "api_app_id": "AFAKE",
		"team":         map[string]any{"id": f.TeamID},
		"user":         map[string]any{"id": c.UserID},
		"channel":      map[string]any{"id": c.ChannelID},
		"container":    map[string]any{"type": "message", "message_ts": c.MessageTS, "channel_id": c.ChannelID, "is_ephemeral": c.Ephemeral},
		"message":      map[string]any{"ts": c.MessageTS},
		"response_url": c.ResponseURL, "trigger_id": "trigger-2",
		"actions": []any{map[string]any{"type": "button", "action_id": c.ActionID, "block_id": "reportbot_actions",
			"value": c.Value, "action_ts": "1700000001.000000"}},
	}
}

// SendClick delivers a block_actions interaction over Socket Mode and waits
// for the ack; it returns the response URL of the click.
func (f *Server) SendClick(ctx context.Context, c Click) (responseURL string, err error) {
	p := f.clickPayload(&c)
	_, err = f.Send(ctx, Envelope{Type: "interactive", Payload: p})
	return c.ResponseURL, err
}

// ClickForm is the form body Slack POSTs for a click in HTTP mode.
func (f *Server) ClickForm(c Click) (body string, responseURL string) {
	p := f.clickPayload(&c)
	b, _ := json.Marshal(p)
	return encodeForm(map[string][]string{"payload": {string(b)}}), c.ResponseURL
}
