package slackfake_test

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/reportbot/reportbot/bot/slackfake"
	"github.com/slack-go/slack"
)

// Point slack-go at the fake, call the Web API, and wait for the call to be
// recorded. A test of `reportbot serve` does the same with SLACK_API_URL set
// to fake.APIURL() and the fake's tokens, then drives it with SendEvent,
// SendCommand and SendClick.
func Example() {
	fake := slackfake.New()
	defer fake.Close()
	fake.RateLimit("chat.postMessage", 0) // the first post gets a 429

	api := slack.New(fake.BotToken, slack.OptionAPIURL(fake.APIURL()))
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	auth, err := api.AuthTestContext(ctx)
	if err != nil {
		panic(err)
	}
	_, _, err = api.PostMessageContext(ctx, "C1", slack.MsgOptionText("你好", false))
	fmt.Println(auth.UserID, err)
	_, _, err = api.PostMessageContext(ctx, "C1", slack.MsgOptionText("你好", false))
	fmt.Println(err)

	calls, err := fake.WaitFor(ctx, "a post", func(calls []slackfake.Call) bool {
		return len(calls) == 3
	})
	if err != nil {
		panic(err)
	}
	for _, c := range calls {
		fmt.Println(c.Method, c.Status, c.Channel(), c.Text(), strings.HasPrefix(c.Token, "xoxb-"))
	}
	// Output:
	// UBOT slack rate limit exceeded, retry after 0s
	// <nil>
	// auth.test 200   true
	// chat.postMessage 429 C1 你好 true
	// chat.postMessage 200 C1 你好 true
}
