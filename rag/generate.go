package rag

import (
	"bytes"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"log/slog"
	"math"
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
	// Kind is what the document is (政府工作报告, 通知, 意见, …).
	Kind     string
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
	// Only the content is the answer: a reasoning field (reasoning_content)
	// is never shown or checked.
	ch := resp.Choices[0]
	if ch.FinishReason == openai.FinishReasonLength {
		return "", errors.New("chat completion: answer cut at the token limit")
	}
	return strings.TrimSpace(ch.Message.Content), nil
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
	p := Prompt{Question: question, Title: ix.report.Title, Kind: ix.report.Kind, Year: ix.report.Year}
	for i, n := range paras {
		p.Passages = append(p.Passages, Passage{N: i + 1, Text: ix.report.Paragraphs[n-1].Text})
	}
	// One budget for the whole generation, retries included: past it the
	// extractive answer, already made, is given at once.
	gctx, cancel := context.WithTimeout(ctx, e.budget)
	defer cancel()
	text, err := e.gen.Generate(gctx, p)
	if err != nil {
		if gctx.Err() != nil && ctx.Err() == nil {
			err = fmt.Errorf("over the %v answer budget: %w", e.budget, err)
		}
		e.lg.Warn("llm answer failed, using extractive", "err", err)
		return ext
	}
	c, err := checkAnswer(text, p)
	if err != nil {
		e.lg.Warn("llm answer rejected, using extractive", "reason", err)
		return ext
	}
	if c.refusal && ext.Found {
		// The extractive answer found it, with its citation: a model that
		// says the passages do not is wrong, and is not shown.
		e.lg.Warn("llm refused what the report answers, using extractive")
		return ext
	}
	a := ext
	a.Mode, a.Text, a.Found, a.Citations = ModeLLM, c.text, !c.refusal, nil
	for _, n := range c.cited {
		para := paras[n-1]
		cit := ix.citation(n, para, "")
		cit.Quote = quoteFor(ix, para, a.Text)
		a.Citations = append(a.Citations, cit)
	}
	return a
}
