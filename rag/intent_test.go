package rag

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/reportbot/reportbot/rag/lexicon"
)

// intentReports are the development reports the intent tests read, loaded
// once: the metadata and targets they hold differ in shape.
var intentReports = map[string]*Index{}

func intentIndex(t *testing.T, name string) *Index {
	t.Helper()
	ix := intentReports[name]
	if ix == nil {
		ix = buildTestIndex(t, loadTestReport(t, name))
		intentReports[name] = ix
	}
	return ix
}

func TestIntentOf(t *testing.T) {
	tests := []struct {
		report string
		q      string
		want   intent
	}{
		// The year's main targets, however asked.
		{"zhenhai2023", "今年的主要目标有哪些", intentTargets},
		{"zhenhai2023", "今年有哪些预期目标", intentTargets},
		{"zhenhai2023", "主要指标是什么", intentTargets},
		{"zhenhai2023", "镇海2023年的主要预期目标？", intentTargets},
		{"zhenhai2023", "全区今年经济社会发展的主要目标是啥", intentTargets},
		{"beijing2026", "北京今年定了哪些目标", intentTargets},
		{"beijing2026", "列一下今年的主要目标", intentTargets},
		{"beijing2026", "今年的经济指标", intentTargets},
		{"guangdong2026", "广东2026年的主要预期目标是什么？", intentTargets},
		{"guangdong2026", "请问今年有什么预期指标", intentTargets},
		{"sichuan2026", "四川今年的目标定的多少", intentTargets},
		{"sichuan2026", "What are this year's main targets?", intentTargets},
		{"sichuan2026", "list the targets", intentTargets},
		// A target question with content, another period or another year is
		// a content question.
		{"zhenhai2023", "今年GDP目标是多少", intentContent},
		{"zhenhai2023", "今年失业率目标是多少", intentContent},
		{"beijing2026", "北京十五五的发展目标有哪几条？", intentContent},
		{"beijing2026", "北京十五五纲要一共设了多少项主要指标", intentContent},
		{"sichuan2026", "明年的目标是什么", intentContent},
		{"sichuan2026", "2030年的目标", intentContent},
		{"zhenhai2023", "去年的经济指标都完成了没有？", intentContent},
		// Last year's targets as a list: the report sets only its own year's.
		{"sichuan2026", "去年的目标是什么", intentTargets},
		{"guangdong2026", "2025年的主要预期目标有哪些", intentTargets},
		{"guangdong2026", "今年的主要任务有哪些", intentContent},
		{"guangdong2026", "今年的主要目标和GDP目标分别是多少", intentContent},
		{"zhenhai2023", "报告里说要把区政府建成一个啥样的政府", intentContent},
		{"zhenhai2023", "报告里自己说了哪些短板？产业这块呢", intentContent},
		{"zhenhai2023", "有哪些问题", intentContent},
		// The report itself.
		{"zhenhai2023", "这个报告是哪个政府的", intentMeta},
		{"zhenhai2023", "报告是什么时候作的", intentMeta},
		{"zhenhai2023", "谁作的报告", intentMeta},
		{"zhenhai2023", "这是哪一年的报告", intentMeta},
		{"beijing2026", "北京的政府工作报告是谁作的", intentMeta},
		{"beijing2026", "报告在哪个会上作的", intentMeta},
		{"beijing2026", "这是什么报告", intentMeta},
		{"guangdong2026", "这份报告是哪里的", intentMeta},
		{"guangdong2026", "报告是哪一天发布的", intentMeta},
		{"guangdong2026", "省长是谁", intentMeta},
		{"sichuan2026", "四川的政府工作报告是谁作的？", intentMeta},
		{"sichuan2026", "报告的标题是什么", intentMeta},
		{"sichuan2026", "who delivered the report", intentMeta},
		{"sichuan2026", "When was this report given?", intentMeta},
		// The report as a whole.
		{"zhenhai2023", "报告讲了什么", intentOverview},
		{"zhenhai2023", "帮我总结一下", intentOverview},
		{"zhenhai2023", "主要内容", intentOverview},
		{"beijing2026", "介绍一下这份报告", intentOverview},
		{"beijing2026", "报告主要讲了哪些内容？", intentOverview},
		{"guangdong2026", "报告分几个部分", intentOverview},
		{"guangdong2026", "概括一下报告", intentOverview},
		{"sichuan2026", "说说报告的要点", intentOverview},
		{"sichuan2026", "summarize the report", intentOverview},
		{"sichuan2026", "tl;dr", intentOverview},
		{"sichuan2026", "What is this report about?", intentOverview},
		// Nothing to answer.
		{"zhenhai2023", "去年呢？", intentClarify},
		{"zhenhai2023", "今年", intentClarify},
		{"zhenhai2023", "？", intentClarify},
		{"zhenhai2023", "那个呢", intentClarify},
		{"beijing2026", "明年呢", intentClarify},
		{"beijing2026", "还有呢", intentClarify},
		{"guangdong2026", "这个数字呢", intentClarify},
		{"guangdong2026", "。。。", intentClarify},
		{"sichuan2026", "what about this?", intentClarify},
		{"sichuan2026", "?", intentClarify},
		// Greetings and thanks.
		{"zhenhai2023", "你好", intentGreeting},
		{"zhenhai2023", "谢谢", intentGreeting},
		{"zhenhai2023", "hi", intentGreeting},
		{"beijing2026", "您好，请问你能做什么", intentGreeting},
		{"guangdong2026", "好的谢谢！", intentGreeting},
		{"sichuan2026", "Thanks!", intentGreeting},
		{"sichuan2026", "what can you do", intentGreeting},
		// A greeting with a question is the question.
		{"zhenhai2023", "你好，今年的主要目标有哪些", intentTargets},
		{"zhenhai2023", "你好，今年GDP目标是多少", intentContent},
	}
	for _, tt := range tests {
		t.Run(tt.report+"/"+tt.q, func(t *testing.T) {
			ix := intentIndex(t, tt.report)
			if got, _ := (&answerer{ix}).intentOf(tt.q); got != tt.want {
				t.Errorf("intentOf(%q) = %v, want %v", tt.q, got, tt.want)
			}
		})
	}
}

// TestIntentWordsAreData: a new intent word is a row of intents.tsv, not a
// code change. Each row, added to a copy of the lexicon's files, turns a
// question the default lexicon reads as content into its intent.
func TestIntentWordsAreData(t *testing.T) {
	tests := []struct {
		row       string // a row of intents.tsv
		q         string
		was, want intent
	}{
		{"hello\t早晨好", "早晨好", intentContent, intentGreeting},
		{"hello\thowdy", "Howdy!", intentContent, intentGreeting},
		{"who+verb\t书记", "书记是谁", intentContent, intentMeta},
	}
	files := fstest.MapFS{}
	paths, err := fs.Glob(os.DirFS("lexicon"), "data/*")
	if err != nil || len(paths) == 0 {
		t.Fatalf("lexicon data files: %v %v", paths, err)
	}
	for _, p := range paths {
		b, err := fs.ReadFile(os.DirFS("lexicon"), p)
		if err != nil {
			t.Fatal(err)
		}
		files[p] = &fstest.MapFile{Data: b}
	}
	for _, tt := range tests {
		files["data/intents.tsv"].Data = append(files["data/intents.tsv"].Data, tt.row+"\n"...)
	}
	lx, err := lexicon.Load(files)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	def := buildTestIndex(t, smallReport())
	ix, err := BuildIndexIn(ctx, discard, MemoryStores{Lexicon: lx}, smallReport(), NewHashEmbedder(0), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.row, func(t *testing.T) {
			if got, _ := (&answerer{def}).intentOf(tt.q); got != tt.was {
				t.Errorf("default lexicon: intentOf(%q) = %v, want %v", tt.q, got, tt.was)
			}
			if got, _ := (&answerer{ix}).intentOf(tt.q); got != tt.want {
				t.Errorf("with the row: intentOf(%q) = %v, want %v", tt.q, got, tt.want)
			}
		})
	}
	// The answer follows the intent: a greeting gets the greeting.
	a, err := Extract(ctx, ix, "早晨好")
	if err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf(msg(false, msgHello), ix.report.Title); a.Text != want {
		t.Errorf("Extract(早晨好) = %q, want %q", a.Text, want)
	}
}

// TestIntentMarks: every mark intents.tsv may name is a bit of package rag.
func TestIntentMarks(t *testing.T) {
	for _, m := range lexicon.IntentMarks() {
		if markOf[m] == 0 {
			t.Errorf("intent mark %q has no bit", m)
		}
	}
	if got, want := len(markOf), len(lexicon.IntentMarks()); got != want {
		t.Errorf("markOf has %d marks, lexicon %d", got, want)
	}
}

func TestSpecialAnswers(t *testing.T) {
	tests := []struct {
		report   string
		q        string
		found    bool
		contains []string
		cites    []int // paragraphs cited, in order; nil: none
	}{
		{"zhenhai2023", "今年的主要目标有哪些", true,
			[]string{"2023年主要预期目标", "1. 地区生产总值增长5.5%以上", "城镇登记失业率控制在3%以内", "95亿元以上"}, []int{8}},
		{"beijing2026", "今年有哪些预期目标", true,
			[]string{"地区生产总值增长5%左右", "控制在5%以内", "年度工作安排中还提出", "不少于28万人"}, []int{32, 61, 65}},
		{"sichuan2026", "主要指标是什么", true, []string{"粮食产量730亿斤以上", "8. "}, []int{32}},
		{"guangdong2026", "去年的主要预期目标是什么", false, []string{"没有列出往年的预期目标", "2026年"}, []int{32}},
		{"zhenhai2023", "这个报告是哪个政府的", true, []string{"宁波市镇海区人民政府"}, nil},
		{"beijing2026", "这个报告是哪个政府的", true, []string{"北京市人民政府"}, []int{4}},
		{"zhenhai2023", "报告是什么时候作的", true, []string{"2023年2月3日"}, nil},
		{"beijing2026", "报告是什么时候作的", true, []string{"2026年1月25日", "北京市第十六届人民代表大会第四次会议"}, []int{1}},
		{"beijing2026", "谁作的报告", true, []string{"殷勇"}, []int{3, 2}},
		{"guangdong2026", "省长是谁", true, []string{"孟凡利"}, []int{2}},
		{"sichuan2026", "四川的政府工作报告是谁作的？", true, []string{"施小琳"}, []int{2}},
		{"zhenhai2023", "谁作的报告", false, []string{"没有写明作报告的人"}, nil},
		{"zhenhai2023", "这是哪一年的报告", true, []string{"2023年"}, []int{6}},
		{"guangdong2026", "这是什么报告", true, []string{"广东省人民政府", "2026年1月26日"}, []int{1}},
		{"sichuan2026", "who delivered the report", true, []string{"Delivered by", "施小琳"}, []int{2}},
		{"zhenhai2023", "报告讲了什么", true, []string{"二、2023年工作安排（第6段起）", "开头部分", "2023年主要预期目标"}, []int{1, 6, 8}},
		{"beijing2026", "帮我总结一下", true, []string{"共3个部分", "一、2025年工作回顾（第5段起", "三、2026年重点工作（第31段起"}, []int{5, 18, 31, 32}},
		{"guangdong2026", "主要内容", true, []string{"附件1：2026年省十件民生实事"}, []int{4, 22, 32, 111, 122}},
		{"zhenhai2023", "去年呢？", false, []string{msg(false, msgClarify)}, nil},
		{"zhenhai2023", "？", false, []string{msg(false, msgClarify)}, nil},
		{"zhenhai2023", "that one?", false, []string{msg(true, msgClarify)}, nil},
		{"zhenhai2023", "你好", false, []string{"你好！", "宁波市镇海区人民政府工作报告"}, nil},
		{"beijing2026", "谢谢", false, []string{"不客气"}, nil},
		{"beijing2026", "hello", false, []string{"Hello!"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.report+"/"+tt.q, func(t *testing.T) {
			ix := intentIndex(t, tt.report)
			a, err := Extract(context.Background(), ix, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			assertAnswer(t, a, tt.found, tt.contains, nil)
			if a.Mode != ModeExtractive {
				t.Errorf("mode = %q", a.Mode)
			}
			var got []int
			for i, c := range a.Citations {
				got = append(got, c.Paragraph)
				if c.N != i+1 {
					t.Errorf("citation %d numbered %d", i, c.N)
				}
				if !strings.Contains(a.Text, "["+strconv.Itoa(c.N)+"]") {
					t.Errorf("citation [%d] not marked in %q", c.N, a.Text)
				}
				if c.Quote != "" && !strings.Contains(c.Text, c.Quote) {
					t.Errorf("quote %q is not in paragraph %d", c.Quote, c.Paragraph)
				}
			}
			if !slices.Equal(got, tt.cites) {
				t.Errorf("cited %v, want %v; answer %q", got, tt.cites, a.Text)
			}
		})
	}
}

// TestAnswerThreadIntent: a content-free follow-up is completed from the
// thread and answered; alone it asks for clarification.
func TestAnswerThreadIntent(t *testing.T) {
	ix := buildTestIndex(t, smallReport())
	eng := New(discard, fixedIndexes{ix}, nil)
	ctx := context.Background()
	a, err := eng.Answer(ctx, Question{Text: "去年呢", Context: []string{"今年GDP目标是多少"}})
	if err != nil {
		t.Fatal(err)
	}
	if !a.Found || !strings.Contains(a.Text, "5.2%") {
		t.Errorf("follow-up in a thread: found=%v %q, want last year's 5.2%%", a.Found, a.Text)
	}
	a, err = eng.Answer(ctx, Question{Text: "去年呢"})
	if err != nil {
		t.Fatal(err)
	}
	if a.Found || a.Text != msg(false, msgClarify) || len(a.Citations) != 0 {
		t.Errorf("follow-up alone: found=%v %q %v, want the clarification", a.Found, a.Text, a.Citations)
	}
}

func TestIsChinese(t *testing.T) {
	for s, want := range map[string]bool{"？": true, "。。。": true, "今年": true, "?": false, "hi": false, "what?": false} {
		if got := isChinese(s); got != want {
			t.Errorf("isChinese(%q) = %v, want %v", s, got, want)
		}
	}
}
