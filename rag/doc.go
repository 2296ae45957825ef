// Package rag answers questions about loaded government work reports with
// cited passages. It owns retrieval (a chromem-go vector collection and a
// BM25 index per report, fused), the offline extractive answerer, the
// optional LLM answerer whose output is checked against its citations, and
// the library of loaded reports persisted in a data directory.
//
// # How a question flows
//
// Engine.Answer takes a Question and fetches the report's Index once, so a
// reload meanwhile does not change an answer in progress. The Index holds
// data and retrieval only (the report, its stores, prepared sentences and
// clauses, statistics); reading the question and picking the answer are
// methods of answerer, which embeds it. Each step runs once per question:
//
//  1. Normalise (lexicon.Lexicon.Normalize, in Resolve and at the top of
//     Extract): control characters stripped, traditional characters
//     converted by OpenCC, full-width digits and letters narrowed,
//     politeness and fillers (请问, 我想知道, 能告诉我…吗, 谢谢, trailing
//     呢/啊/吧) and stray ASCII words removed. English questions are read
//     through the glossary into Chinese (english.go) and answered in
//     English.
//  2. Thread: a follow-up (「那CPI呢」, 「去年呢」) is completed from the
//     earlier questions of its thread (followup.go).
//  3. Intent (intent.go, words in lexicon intents.tsv): questions with no
//     content of their own — greetings, the report's particulars (from
//     knowledge's header facts), an overview, the year's target list, a
//     request to clarify — are answered from the report's structure
//     (overview.go) and stop here.
//  4. Parts (query.go splitQuestion): a question is cut at question marks,
//     at 分别/各 and between indicators (GDP和CPI目标).
//  5. Analyse each part (retrieve.go analyze): colloquial words rewritten,
//     the report's own place and time words removed, paraphrase groups
//     counted once, content grams weighted (a gram no report of the
//     corpus uses is no content); the time scope (knowledge's one time
//     table; knowledge.Scopes dates the report side at index build), the
//     unit, the place, and the kind (kinds.tsv).
//  6. Retrieve (retrieve.go, memo.go): BM25 and vector search fused by
//     weighted reciprocal rank, once per distinct text of the question.
//  7. Candidates (extract.go candidates): every clause of the retrieved
//     paragraphs, scored with the shared coverage terms and the kind's own
//     score, all weights named in Weights.
//  8. The kind accepts the best candidate or the report does not say
//     (「报告中没有提到…」), renders it, and names the lead the answer
//     starts with (the figure 3%以内, the date 年底前, 是/有).
//  9. Citations are numbered in one place (citations.go); user-facing
//     texts come from one zh/en table (messages.go).
//  10. With a Generator, the LLM writes the answer from the cited passages
//     and checkAnswer verifies markers and figures, or the extractive
//     answer stands (generate.go).
//
// # Where things go
//
//   - A word: a row in the lexicon's data files (rag/lexicon/data), never
//     a code change — synonyms, colloquial words, fillers, stop and
//     question words, units, places and contrasts, intents, the kinds table and each kind's
//     words, the English glossary. corpus_df.tsv is generated
//     (go test ./rag -run TestCorpusDF -update). The time table with each
//     word's scope is knowledge's (knowledge/data/time.tsv): the report
//     side and the question side read the same rows.
//   - A weight or threshold: a field of Weights (weights.go) with its
//     reason; eval varies them with -weights.
//   - A new question kind: one file kind_<name>.go that implements
//     questionKind (score, accept, render, lead) and registers itself by
//     name, a row in lexicon/data/kinds.tsv saying which question words
//     ask for it, any words it needs in the other tables, and a question
//     set testdata/qa/extra-<name>.jsonl. kind_when.go is the smallest
//     example (its commit shows the whole diff).
//
// Every question set in testdata is run by TestEvalThresholds and
// TestHeldOutRegression, and again under polite prefixes, traditional
// characters, full-width digits and spaces by TestRephrasings, which must
// stay within 0.02.
package rag
