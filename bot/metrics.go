package bot

import (
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// metrics are the bot's Prometheus series, on a registry the Server owns so
// that several servers (tests) never collide on the global registry.
type metrics struct {
	reg         *prometheus.Registry
	questions   *prometheus.CounterVec
	answers     *prometheus.CounterVec
	notFound    prometheus.Counter
	degraded    prometheus.Counter
	latency     prometheus.Histogram
	reloads     *prometheus.CounterVec
	errors      *prometheus.CounterVec
	feedback    *prometheus.CounterVec
	rateLimited *prometheus.CounterVec
}

func newMetrics() *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		questions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "reportbot_questions_total",
			Help: "Questions received, by where they came from (mention, dm, thread, slash).",
		}, []string{"source"}),
		answers: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "reportbot_answers_total",
			Help: "Answers given, by answer mode (extractive or the LLM model).",
		}, []string{"mode"}),
		notFound: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "reportbot_not_found_total",
			Help: "Questions the report did not answer.",
		}),
		degraded: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "reportbot_degraded_answers_total",
			Help: "Answers made with less than the usual means (the question could not be embedded: lexical retrieval only).",
		}),
		latency: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "reportbot_answer_seconds",
			Help:    "Time from receiving a question to having its answer.",
			Buckets: []float64{.05, .1, .25, .5, 1, 2, 5, 10, 20, 40, 60},
		}),
		reloads: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "reportbot_reloads_total",
			Help: "Report reloads, by result (ok, failed, refused, busy).",
		}, []string{"result"}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "reportbot_errors_total",
			Help: "Errors, by kind (answer, targets, slack, signature, panic).",
		}, []string{"kind"}),
		feedback: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "reportbot_feedback_total",
			Help: "Feedback button clicks, by vote (up, down).",
		}, []string{"vote"}),
		rateLimited: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "reportbot_slack_rate_limited_total",
			Help: "Slack Web API calls answered with 429, by method.",
		}, []string{"method"}),
	}
	// Every series exists from the start, at zero: a dashboard or an alert
	// sees "no errors yet", not "no data".
	for _, src := range []string{"mention", "dm", "thread", "slash", "share"} {
		m.questions.WithLabelValues(src)
	}
	for _, mode := range []string{"extractive", "llm"} {
		m.answers.WithLabelValues(mode)
	}
	for _, r := range []string{"ok", "failed", "refused", "busy"} {
		m.reloads.WithLabelValues(r)
	}
	for _, k := range []string{"answer", "targets", "slack", "signature", "panic"} {
		m.errors.WithLabelValues(k)
	}
	for _, v := range []string{"up", "down"} {
		m.feedback.WithLabelValues(v)
	}
	for _, method := range []string{"auth.test", "chat.postMessage", "chat.update", "chat.postEphemeral", "response_url", "files.info", "file download"} {
		m.rateLimited.WithLabelValues(method)
	}
	m.reg.MustRegister(m.questions, m.answers, m.notFound, m.degraded, m.latency, m.reloads,
		m.errors, m.feedback, m.rateLimited,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}
