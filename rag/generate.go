package rag

import (
	"bytes"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"regexp"
	"strconv"
	"strings"
	"text/template"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// Generator writes an answer to a question from numbered passages, citing
// them with [n] markers.
type Generator interface {
	Generate(ctx context.Context, p Prompt) (string, error)
}

// Passage is one numbered passage given to a Generator.
type Passage struct {
	N    int
	Text string
}

// Prompt is everything a Generator is told.
type Prompt struct {
	Question string
	Title    string
	Year     int
	Passages []Passage
}

//go:embed prompts/answer.tmpl
var answerTmplText string

var answerTmpl = template.Must(template.New("answer").Parse(answerTmplText))

// refusalZH and refusalEN are what the model must say when the passages do
// not answer (the message table's msgRefusal); the check recognises them.
var (
	refusalZH = msg(false, msgRefusal)
	refusalEN = msg(true, msgRefusal)
)

type promptData struct {
	Prompt
	Language, Refusal string
	LastYear          int
}

// render returns the system and user messages for p.
func render(p Prompt) (string, string, error) {
	d := promptData{Prompt: p, Language: "Chinese", Refusal: refusalZH, LastYear: p.Year - 1}
	if !hasHan(p.Question) {
		d.Language, d.Refusal = "English", refusalEN
	}
	var sys, user bytes.Buffer
	if err := answerTmpl.ExecuteTemplate(&sys, "system", d); err != nil {
		return "", "", err
	}
	if err := answerTmpl.ExecuteTemplate(&user, "user", d); err != nil {
		return "", "", err
	}
	return sys.String(), user.String(), nil
}

// OpenAIGenerator is a Generator backed by an OpenAI-compatible chat
// completion endpoint.
type OpenAIGenerator struct {
	lg     *slog.Logger
	cfg    OpenAIConfig
	client *openai.Client
}

// NewOpenAIGenerator returns a generator for cfg.Model.
func NewOpenAIGenerator(lg *slog.Logger, cfg OpenAIConfig) *OpenAIGenerator {
	cfg = cfg.withDefaults()
	return &OpenAIGenerator{lg: lg, cfg: cfg, client: cfg.client()}
}

// Generate implements Generator.
func (g *OpenAIGenerator) Generate(ctx context.Context, p Prompt) (string, error) {
	sys, user, err := render(p)
	if err != nil {
		return "", fmt.Errorf("render prompt: %w", err)
	}
	req := openai.ChatCompletionRequest{
		Model: g.cfg.Model,
		Messages: []openai.ChatCompletionMessage{
			{Role: openai.ChatMessageRoleSystem, Content: sys},
			{Role: openai.ChatMessageRoleUser, Content: user},
		},
		// 0 would be dropped by omitempty.
		Temperature: math.SmallestNonzeroFloat32,
	}
	var resp openai.ChatCompletionResponse
	err = retry(ctx, g.lg, g.cfg.Retries, 500*time.Millisecond, func() error {
		rctx, cancel := context.WithTimeout(ctx, g.cfg.Timeout)
		defer cancel()
		var err error
		resp, err = g.client.CreateChatCompletion(rctx, req)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("chat completion: %w", err)
	}
	if len(resp.Choices) == 0 {
		return "", errors.New("chat completion: no choices")
	}
	return strings.TrimSpace(resp.Choices[0].Message.Content), nil
}

// maxPassages bounds what the model is shown.
const maxPassages = 6

// generate asks the generator, checks its answer against the passages, and
// falls back to the extractive answer (logging why) when anything is wrong.
func (e *Engine) generate(ctx context.Context, ix *Index, question string, ext Answer) Answer {
	var paras []int
	seen := map[int]bool{}
	for _, n := range ext.Ranked {
		if !seen[n] && len(paras) < maxPassages {
			seen[n] = true
			paras = append(paras, n)
		}
	}
	if len(paras) == 0 {
		return ext
	}
	p := Prompt{Question: question, Title: ix.report.Title, Year: ix.report.Year}
	for i, n := range paras {
		p.Passages = append(p.Passages, Passage{N: i + 1, Text: ix.report.Paragraphs[n-1].Text})
	}
	text, err := e.gen.Generate(ctx, p)
	if err != nil {
		e.lg.Warn("llm answer failed, using extractive", "err", err)
		return ext
	}
	cited, refusal, err := checkAnswer(text, p.Passages)
	if err != nil {
		e.lg.Warn("llm answer rejected, using extractive", "reason", err)
		return ext
	}
	a := ext
	a.Mode, a.Text, a.Found, a.Citations = ModeLLM, text, !refusal, nil
	for _, n := range cited {
		para := paras[n-1]
		c := ix.citation(n, para, "")
		c.Quote = quoteFor(ix, para, text)
		a.Citations = append(a.Citations, c)
	}
	return a
}

var (
	markerRE = regexp.MustCompile(`\[(\d+)\]`)
	digitsRE = regexp.MustCompile(`\d+(?:\.\d+)?`)
)

// checkAnswer verifies a generated answer: every [n] names a passage given;
// an answer cites at least one passage; every number in it appears in a
// cited passage; a refusal gives no figures. It returns the cited passage
// numbers and whether the answer is a refusal.
func checkAnswer(text string, passages []Passage) ([]int, bool, error) {
	if strings.TrimSpace(text) == "" {
		return nil, false, errors.New("empty answer")
	}
	refusal := isRefusal(text)
	var cited []int
	seen := map[int]bool{}
	for _, m := range markerRE.FindAllStringSubmatch(text, -1) {
		n, _ := strconv.Atoi(m[1])
		if n < 1 || n > len(passages) {
			return nil, false, fmt.Errorf("marker [%d] points at no passage (have %d)", n, len(passages))
		}
		if !seen[n] {
			seen[n] = true
			cited = append(cited, n)
		}
	}
	body := fold(markerRE.ReplaceAllString(text, " "))
	nums := digitsRE.FindAllString(body, -1)
	if refusal {
		if len(nums) > 0 {
			return nil, false, fmt.Errorf("refusal carries figures %v", nums)
		}
		return cited, true, nil
	}
	if len(cited) == 0 {
		return nil, false, errors.New("answer cites no passage")
	}
	var src strings.Builder
	for _, n := range cited {
		src.WriteString(fold(passages[n-1].Text))
		src.WriteByte('|')
	}
	for _, num := range nums {
		if !containsNumber(src.String(), num) {
			return nil, false, fmt.Errorf("number %s is in no cited passage", num)
		}
	}
	return cited, false, nil
}

// containsNumber reports whether num occurs in s as a whole number (5 is
// not found in 5.5 or 15).
func containsNumber(s, num string) bool {
	for i := strings.Index(s, num); i >= 0; {
		end := i + len(num)
		beforeOK := i == 0 || !isNumByte(s[i-1])
		afterOK := end >= len(s) || !(isNumByte(s[end]) || s[end] == '.' && end+1 < len(s) && isNumByte(s[end+1]))
		if beforeOK && afterOK {
			return true
		}
		j := strings.Index(s[i+1:], num)
		if j < 0 {
			return false
		}
		i = i + 1 + j
	}
	return false
}

func isNumByte(b byte) bool { return b >= '0' && b <= '9' || b == '.' }

// isRefusal recognises an answer saying the report does not cover the question.
func isRefusal(text string) bool {
	f := fold(text)
	return containsAny(f, "没有提到", "未提到", "没有提及", "未提及", "没有涉及", "未涉及", "does not mention", "doesnotmention", "not mentioned", "notmentioned")
}

// quoteFor picks the sentences of paragraph para that share a figure with
// the answer, or its first sentence.
func quoteFor(ix *Index, para int, answer string) string {
	ss := ix.paras[para-1].sentences
	nums := digitsRE.FindAllString(fold(markerRE.ReplaceAllString(answer, " ")), -1)
	var out []string
	for _, s := range ss {
		for _, n := range nums {
			if containsNumber(fold(s), n) {
				out = append(out, s)
				break
			}
		}
	}
	if len(out) == 0 && len(ss) > 0 {
		return ss[0]
	}
	return strings.Join(out, "")
}
