package main

import (
	"bytes"
	"image/png"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reportbot/reportbot/bot/slackfake"
)

// libraryFiles are five real reports: two dev reports and three held-out
// ones, with two years of one government (河北 2024 and 2026).
var libraryFiles = []string{
	filepath.Join("..", "..", "testdata", "reports", "beijing2026.txt"),
	filepath.Join("..", "..", "testdata", "reports", "guangdong2026.txt"),
	filepath.Join("..", "..", "testdata", "heldout", "hebei2026.txt"),
	filepath.Join("..", "..", "testdata", "heldout2", "hebei2024.txt"),
	filepath.Join("..", "..", "testdata", "heldout3", "national2019.txt"),
}

// TestLibraryRoutingCLI: with five reports loaded, `ask` routes by the
// place and year a question names, answers each of two places, and asks
// back when a place has two years and the question names neither.
func TestLibraryRoutingCLI(t *testing.T) {
	vars := map[string]string{"REPORTBOT_DATA_DIR": t.TempDir()}
	if _, errOut, code := runCmdEnv(t, vars, append([]string{"load"}, libraryFiles...)...); code != 0 {
		t.Fatalf("load: %s", errOut)
	}
	for _, c := range []struct {
		question string
		want     []string
		not      []string
	}{
		{"广东和北京今年GDP目标分别是多少", []string{"【广东省 2026】", "4.5%—5%", "【北京市 2026】", "5%左右"}, []string{"河北"}},
		{"請問廣東的地區生產總值增長目標是多少", []string{"4.5%—5%", "广东省 2026"}, []string{"北京市 2026"}},
		{"2019年国内生产总值增长目标是多少", []string{"6%—6.5%", "国务院 2019"}, []string{"广东省 2026"}},
		{"河北GDP目标是多少", []string{"河北省 2024", "河北省 2026", "哪一份"}, nil},
		{"河北2024年GDP增长目标", []string{"6%左右", "河北省 2024"}, []string{"河北省 2026"}},
		{"上海今年GDP目标是多少", []string{"没有上海"}, []string{"5%左右"}},
	} {
		out, errOut, code := runCmdEnv(t, vars, "ask", c.question)
		if code != 0 {
			t.Errorf("%s: exit %d %s", c.question, code, errOut)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(out, w) {
				t.Errorf("%s: answer lacks %q:\n%s", c.question, w, out)
			}
		}
		for _, w := range c.not {
			if strings.Contains(out, w) {
				t.Errorf("%s: answer has %q:\n%s", c.question, w, out)
			}
		}
	}
}

// TestServeLibrary: serve with five reports; in Slack a question naming
// two places is answered from both, a place alone and a year route, a
// place with two years is asked back; /report 目标 广东 北京 河北 lines the
// targets up and shares a chart through the external upload flow; an
// admin removes a report.
func TestServeLibrary(t *testing.T) {
	dir := t.TempDir()
	for _, f := range libraryFiles {
		storeReport(t, dir, f)
	}
	h := startServeWith(t, map[string]string{"REPORTBOT_DATA_DIR": dir})
	ask := func(channel, question string, want ...string) {
		t.Helper()
		h.fake.SendEvent(h.ctx(), "Ev"+channel, slackfake.Mention(channel, "UUSER", h.nextTS(), "", "<@UBOT> "+question))
		h.answerIn(t, channel, want...)
	}
	ask("CL1", "广东和北京今年GDP目标分别是多少", "【广东省 2026】", "4.5%—5%", "【北京市 2026】", "5%左右")
	ask("CL2", "广东今年一般公共预算收入目标", "3%左右", "广东省 2026")
	ask("CL3", "2019年居民消费价格涨幅目标", "3%左右", "国务院 2019")
	ask("CL4", "河北的GDP目标是多少", "河北省 2024", "河北省 2026")

	slash := func(user, channel, text string, want ...string) {
		t.Helper()
		_, url, err := h.fake.SendCommand(h.ctx(), slackfake.Command{Text: text, UserID: user, ChannelID: channel})
		if err != nil {
			t.Fatal(err)
		}
		h.wait(t, text+" → "+strings.Join(want, ","), func(c slackfake.Call) bool {
			return c.Method == "response_url" && c.URL == url && hasAll(c.Content(), want)
		})
	}
	slash("UUSER", "CCMP", "目标 广东 北京 河北2026", "主要预期目标对比", "广东省 2026：4.5%—5% §32", "北京市 2026：5%左右 §32（上年 5.4%）", "河北省 2026")
	upload := h.wait(t, "the chart shared", func(c slackfake.Call) bool {
		return c.Method == "files.completeUploadExternal" && c.Get("channel_id") == "CCMP"
	})
	if !strings.Contains(upload.Get("initial_comment"), "生产总值") || !strings.Contains(upload.Get("initial_comment"), "<@UUSER>") {
		t.Errorf("chart comment %q", upload.Get("initial_comment"))
	}
	shared := h.fake.Shared()
	if len(shared) != 1 || shared[0].Channel != "CCMP" || shared[0].Mimetype != "image/png" {
		t.Fatalf("shared files: %+v", shared)
	}
	img, err := png.Decode(bytes.NewReader(shared[0].Data))
	if err != nil || img.Bounds().Dx() < 600 {
		t.Fatalf("the chart is not a PNG of a useful size: %v", err)
	}
	if got := h.fake.Calls("files.getUploadURLExternal", "file.upload", "files.completeUploadExternal"); len(got) != 3 ||
		got[0].Method != "files.getUploadURLExternal" || got[1].Method != "file.upload" {
		t.Errorf("upload flow out of order: %v", got)
	}
	// Naming an indicator charts it.
	slash("UUSER", "CCMP2", "目标 北京 河北2026 失业率", "主要预期目标对比")
	up2 := h.wait(t, "the unemployment chart", func(c slackfake.Call) bool {
		return c.Method == "files.completeUploadExternal" && c.Get("channel_id") == "CCMP2"
	})
	if !strings.Contains(up2.Get("initial_comment"), "失业率") {
		t.Errorf("named indicator not charted: %q", up2.Get("initial_comment"))
	}
	// A bot outside the channel says so instead of failing silently.
	h.fake.Fail("files.completeUploadExternal", "not_in_channel")
	slash("UUSER", "CCMP3", "目标 广东 北京", "主要预期目标对比")
	h.wait(t, "the not-in-channel notice", func(c slackfake.Call) bool {
		return c.Method == "response_url" && strings.Contains(c.Text(), "邀请")
	})

	slash("UUSER", "CRM", "remove 北京", "只有管理员")
	slash("UADMIN", "CRM", "remove 河北", "多份报告", "河北省 2024", "河北省 2026")
	slash("UADMIN", "CRM", "use 北京", "北京市 2026")
	slash("UADMIN", "CRM", "remove 北京", "已删除 北京市 2026", "1 个频道")
	slash("UUSER", "CRM", "list", "广东省 2026", "河北省 2024")
	if c := h.fake.Calls("response_url"); strings.Contains(c[len(c)-1].Content(), "北京市 2026") {
		t.Errorf("北京 still listed after remove: %s", c[len(c)-1].Content())
	}
	ask("CRM", "北京今年GDP目标是多少", "没有北京")
}
