#!/bin/sh
# Checks with grep -F that every answer_contains string in questions.jsonl
# occurs in its report's file. Run from the repository root:
#   sh testdata/routing2/check.sh
set -e
file_of() {
  case "$1" in
    "北京市人民政府|2026") echo testdata/reports/beijing2026.txt ;;
    "广东省人民政府|2026") echo testdata/reports/guangdong2026.txt ;;
    "四川省人民政府|2026") echo testdata/reports/sichuan2026.txt ;;
    "宁波市镇海区人民政府|2023") echo testdata/reports/zhenhai2023.txt ;;
    "浙江省人民政府|2026") echo testdata/heldout/zhejiang2026.txt ;;
    "河北省人民政府|2026") echo testdata/heldout/hebei2026.txt ;;
    "宁夏回族自治区人民政府|2026") echo testdata/heldout/ningxia2026.txt ;;
    "河北省人民政府|2024") echo testdata/heldout2/hebei2024.txt ;;
    "国务院|2019") echo testdata/heldout3/national2019.txt ;;
    "国务院|2018") echo testdata/heldout4/national2018.txt ;;
    "扬州市人民政府|2024") echo testdata/heldout5/yangzhou2024.md ;;
    "陕西省人民政府|2025") echo testdata/heldout6/shaanxi2025.md ;;
    "江苏省人民政府|2026") echo testdata/routing2/jiangsu2026.txt ;;
    "陕西省人民政府|2026") echo testdata/routing2/shaanxi2026.txt ;;
    "保定市人民政府|2026") echo testdata/routing2/baoding2026.txt ;;
    "高阳县人民政府|2025") echo testdata/routing2/gaoyang2025.txt ;;
    *) echo "unknown key $1" >&2; exit 1 ;;
  esac
}
pairs=$(mktemp)
python3 -c '
import json
for line in open("testdata/routing2/questions.jsonl", encoding="utf-8"):
    for k, subs in json.loads(line)["answer_contains"].items():
        for s in subs:
            print(k + "\t" + s)
' > "$pairs"
n=0; bad=0
tab=$(printf '\t')
while IFS="$tab" read -r key s; do
  n=$((n+1))
  f=$(file_of "$key")
  grep -qF -- "$s" "$f" || { echo "MISSING in $f: $s"; bad=$((bad+1)); }
done < "$pairs"
rm -f "$pairs"
echo "checked $n strings, $bad missing"
[ "$bad" -eq 0 ]
