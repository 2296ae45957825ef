// Package rag answers questions about loaded government work reports with
// cited passages. It owns retrieval (a chromem-go vector collection and a
// BM25 index per report, fused), the offline extractive answerer, the
// optional LLM answerer whose output is checked against its citations, and
// the library of loaded reports persisted in a data directory.
//
// # How a question flows
//
// Engine.Answer takes a Question and fetches the report's Index once, so a
// reload meanwhile does not change an answer in progress. Then:
//
//  1. Normalise (lexicon.Lexicon.Normalize, in Index.Resolve and at the top
//     of Index.Extract): control characters stripped, traditional
//     characters converted by OpenCC, full-width digits and letters
//     narrowed, politeness and fillers (请问, 我想知道, 能告诉我…吗, 谢谢,
//     trailing 呢/啊/吧) and stray ASCII words removed. Everything after
//     this step sees one form of the question.
//  2. Thread: a follow-up (「那CPI呢」, 「去年呢」) is completed from the
//     earlier questions of its thread (followup.go).
//  3. Intent (intent.go): questions with no content of their own —
//     greetings, the report's particulars, an overview, the year's target
//     list, a request to clarify — are answered from the report's
//     structure (overview.go) and stop here.
//  4. Parts (query.go splitQuestion): a question is cut at question marks,
//     at 分别/各 and between indicators (GDP和CPI目标).
//  5. Analyse each part (retrieve.go analyze): colloquial words rewritten,
//     the report's own place and time words removed, paraphrase groups
//     counted once, content grams weighted; the time scope asked (the one
//     time table in the lexicon), the unit, the kind (figure, list, who,
//     when, define, yes/no, open, text; kinds.go), the focus.
//  6. Retrieve (retrieve.go): BM25 and vector search fused by weighted
//     reciprocal rank.
//  7. Candidates (extract.go candidates): every clause of the retrieved
//     paragraphs, scored with the named Weights; acceptable decides whether
//     the best one answers (asked content, figure, unit, time scope, year)
//     or the report does not say.
//  8. Render (extract.go snippet, list.go): the clause, its figure's
//     subject, or a list's items; citations are numbered in Extract.
//  9. With a Generator, the LLM writes the answer from the cited passages
//     and checkAnswer verifies markers and figures, or the extractive
//     answer stands (generate.go).
//
// # Where things go
//
//   - A word: a row in the lexicon's data files (rag/lexicon/data), never
//     a code change — synonyms, colloquial words, fillers, question and
//     stop words, time words with their scope, units, place suffixes, the
//     English glossary.
//   - A weight or threshold: a field of Weights (weights.go) with its
//     reason; eval varies them with -weights.
//   - A new question kind: one file, kind_<name>.go, registering a
//     questionKind (kinds.go); rows in the lexicon's kinds.tsv saying
//     which question words ask for it, and the words it reads answers
//     with in kindwords.txt; a question set testdata/qa/extra-<name>.jsonl
//     and a test with hand-made paragraphs.
//
// Every question set in testdata is run by TestEvalThresholds, and again
// under polite prefixes, traditional characters, full-width digits and
// spaces by TestRephrasings, which must stay within 0.02.
package rag
