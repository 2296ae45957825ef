#!/bin/sh
# Checks the held-out set 7 question files against their reports, without the answerer.
#  1. grep -F: every answer_contains and evidence string occurs in the report file.
#  2. inspect -json (parsing only): every evidence is in exactly one parsed paragraph
#     (raw and NFKC-folded), that paragraph is the question's `para`, and every
#     answer_contains string is in it. Unanswerable ones have no evidence and no answer.
# Run from anywhere: sh testdata/heldout7/check.sh
set -eu
dir=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$dir/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
(cd "$root" && go build -o "$tmp/reportbot" ./cmd/reportbot)
for qa in "$dir"/*.qa.jsonl; do
	name=$(basename "$qa" .qa.jsonl)
	report=$(ls "$dir/$name".md "$dir/$name".txt 2>/dev/null | head -1)
	# 1. grep -F against the file.
	python3 -c '
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    c = json.loads(line)
    for s in c["answer_contains"] + ([c["evidence"]] if c["evidence"] else []):
        print(s)
' "$qa" > "$tmp/strings"
	while IFS= read -r s; do
		if ! grep -qF -- "$s" "$report"; then
			echo "FAIL $name: not in file: $s"
			fail=1
		fi
	done < "$tmp/strings"
	# 2. against the parsed paragraphs.
	"$tmp/reportbot" inspect -report "$report" -json > "$tmp/$name.json"
	python3 - "$qa" "$tmp/$name.json" "$name" <<'PY' || fail=1
import json, sys, unicodedata
qa, parsed, name = sys.argv[1:]
paras = json.load(open(parsed, encoding="utf-8"))["paragraphs"]
nfkc = lambda s: unicodedata.normalize("NFKC", s)
bad = 0
n = 0
for line in open(qa, encoding="utf-8"):
    c = json.loads(line)
    n += 1
    q = c["q"]
    if c.get("unanswerable"):
        if c["evidence"] is not None or c["answer_contains"] or c.get("para") is not None:
            print(f"FAIL {name}: unanswerable with evidence or answer: {q}"); bad = 1
        continue
    ev = c["evidence"]
    if ev is None:
        continue
    raw = [p["n"] for p in paras if ev in p["text"]]
    fold = [p["n"] for p in paras if nfkc(ev) in nfkc(p["text"])]
    if len(raw) != 1 or len(fold) != 1:
        print(f"FAIL {name}: evidence in {raw} (folded {fold}), want one: {q}"); bad = 1
        continue
    if raw[0] != c.get("para"):
        print(f"FAIL {name}: evidence in §{raw[0]}, para says {c.get('para')}: {q}"); bad = 1
    text = next(p["text"] for p in paras if p["n"] == raw[0])
    for a in c["answer_contains"]:
        if a not in text:
            print(f"FAIL {name}: answer {a!r} not in §{raw[0]}: {q}"); bad = 1
print(f"{name}: {n} questions checked")
sys.exit(bad)
PY
done
if [ "$fail" -ne 0 ]; then
	echo "check.sh: FAILED"
	exit 1
fi
echo "check.sh: all ok"
