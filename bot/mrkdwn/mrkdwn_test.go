package mrkdwn

import "testing"

func TestRender(t *testing.T) {
	const z = zwsp
	tests := []struct{ md, slack, plain string }{
		{"城镇登记失业率控制在3%以内[1]。", "城镇登记失业率控制在3%以内[1]。", "城镇登记失业率控制在3%以内[1]。"},
		{"控制在**3%以内**[1]", "控制在" + z + "*3%以内*" + z + "[1]", "控制在3%以内[1]"},
		{"*注意*：以上为目标", z + "_注意_" + z + "：以上为目标", "注意：以上为目标"},
		{"### 主要目标\n- GDP：5%左右[1]\n- 失业率：3%以内[2]",
			z + "*主要目标*" + z + "\n• GDP：5%左右[1]\n• 失业率：3%以内[2]",
			"主要目标\n• GDP：5%左右[1]\n• 失业率：3%以内[2]"},
		{"1. 稳增长[1]\n2. 保就业[2]", "1. 稳增长[1]\n2. 保就业[2]", "1. 稳增长[1]\n2. 保就业[2]"},
		{"- 目标\n  - GDP 5%[1]", "• 目标\n  • GDP 5%[1]", "• 目标\n  • GDP 5%[1]"},
		{"详见[政府网站](https://www.gov.cn/a?b=1)", "详见<https://www.gov.cn/a?b=1|政府网站>", "详见政府网站 (https://www.gov.cn/a?b=1)"},
		{"[点这里](javascript:alert(1))", "点这里 (javascript:alert(1))", "点这里 (javascript:alert(1))"},
		{"<@U123> & <!channel>", "&lt;@U123&gt; &amp; &lt;!channel&gt;", "<@U123> & <!channel>"},
		{"~~6%~~ 5%[1]", z + "~6%~" + z + " 5%[1]", "6% 5%[1]"},
		{"`GDP`", "`GDP`", "GDP"},
		{"| 指标 | 目标 |\n| --- | --- |\n| GDP | 5%左右[1] |", z + "*指标 | 目标*" + z + "\nGDP | 5%左右[1]", "指标 | 目标\nGDP | 5%左右[1]"},
		{"第一段。\n\n第二段[1]。", "第一段。\n第二段[1]。", "第一段。\n第二段[1]。"},
		{"> 引文[1]", "> 引文[1]", "  引文[1]"},
	}
	for _, tt := range tests {
		if got := Slack(tt.md); got != tt.slack {
			t.Errorf("Slack(%q) = %q, want %q", tt.md, got, tt.slack)
		}
		if got := Plain(tt.md); got != tt.plain {
			t.Errorf("Plain(%q) = %q, want %q", tt.md, got, tt.plain)
		}
	}
}
