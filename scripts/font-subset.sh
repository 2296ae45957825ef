#!/bin/sh
# Regenerates bot/chart/font/NotoSansCJKsc-subset.otf, the font bot/chart
# embeds, from Debian's fonts-noto-cjk package (made from version
# 1:20220127+repack1-1: Noto Sans CJK SC Regular, Version 2.004).
#
# The subset holds ASCII, Latin-1 punctuation used in figures (· × ÷ ±),
# general punctuation (— … “” ‰), CJK symbols and punctuation, full-width
# forms, all of GB2312 level 1 (the 3755 common hanzi, byte pairs
# 0xB0A1-0xD7F9) and every character of knowledge/data/*.{tsv,txt},
# knowledge/*.go (the indicator vocabulary of the targets reader) and
# testdata/targets/*.json (the indicator names it produces).
#
# The outlines stay CFF: golang.org/x/image/font/sfnt reads CID-keyed CFF,
# and the chart tests check that hanzi render.
#
# Needs Debian's python3 with fontTools (python3-fonttools):
#   apt-get install fonts-noto-cjk python3-fonttools
# Run from the repository root: scripts/font-subset.sh
set -eu

TTC=${TTC:-/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc}
PY=${PY:-/usr/bin/python3}
OUT=bot/chart/font/NotoSansCJKsc-subset.otf

[ -f "$TTC" ] || { echo "font-subset: $TTC missing (apt-get install fonts-noto-cjk)" >&2; exit 1; }
[ -f go.mod ] || { echo "font-subset: run from the repository root" >&2; exit 1; }
if command -v dpkg-query >/dev/null 2>&1; then
	echo "font-subset: fonts-noto-cjk $(dpkg-query -W -f '${Version}' fonts-noto-cjk 2>/dev/null || echo '?')"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The face of the collection whose name is Noto Sans CJK SC (index 2 in
# the Debian build), found by name rather than assumed.
"$PY" - "$TTC" "$tmp/chars.txt" "$tmp/index" knowledge/data/*.tsv knowledge/data/*.txt knowledge/*.go testdata/targets/*.json <<'PYEOF'
import sys
from fontTools.ttLib import TTCollection

ttc, chars_out, index_out, *sources = sys.argv[1:]
faces = TTCollection(ttc).fonts
index = [i for i, f in enumerate(faces) if f["name"].getDebugName(4) == "Noto Sans CJK SC"]
if len(index) != 1:
    sys.exit("font-subset: no single Noto Sans CJK SC face in " + ttc)
open(index_out, "w").write(str(index[0]))

chars = set()
ranges = [(0x20, 0x7E), (0x2010, 0x2027), (0x2030, 0x203B), (0x3000, 0x303F), (0xFF01, 0xFF5E), (0xFFE0, 0xFFE6)]
for lo, hi in ranges:
    chars.update(chr(c) for c in range(lo, hi + 1))
chars.update("·×÷±°℃")
# GB2312 level 1: rows 0xB0-0xD7, cells 0xA1-0xFE; row 0xD7 ends at 0xF9.
level1 = 0
for hi in range(0xB0, 0xD8):
    for lo in range(0xA1, 0xFF):
        if hi == 0xD7 and lo > 0xF9:
            break
        chars.add(bytes([hi, lo]).decode("gb2312"))
        level1 += 1
assert level1 == 3755, level1
for path in sources:
    for c in open(path, encoding="utf-8").read():
        # CJK characters only; the ASCII ranges above cover the rest.
        if 0x3400 <= ord(c) <= 0x9FFF or 0xF900 <= ord(c) <= 0xFAFF:
            chars.add(c)
open(chars_out, "w", encoding="utf-8").write("".join(sorted(chars)))
print("font-subset: %d characters requested" % len(chars))
PYEOF

"$PY" -m fontTools.subset "$TTC" --font-number="$(cat "$tmp/index")" \
	--text-file="$tmp/chars.txt" \
	--layout-features='kern,liga,vert,palt,halt' \
	--no-hinting --desubroutinize --name-IDs='*' --name-languages='*' \
	--output-file="$OUT"
echo "font-subset: wrote $OUT ($(wc -c <"$OUT") bytes)"
