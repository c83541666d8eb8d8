#!/usr/bin/env bash
# Remakes the bundled CJK and emoji fallback faces from Debian's packages,
# byte for byte (fontTools 4.69.1). Not part of the build: the results are
# committed beside this script. See README.md for why each step.
#   apt-get install -y fonts-wqy-microhei fonts-symbola fonts-dejavu-core
#   python3 -m venv /tmp/ft && /tmp/ft/bin/pip install fonttools==4.69.1
#   PATH=/tmp/ft/bin:$PATH bash assets/fonts/prepare-fallbacks.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=0

cp /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf "$here/"

# WenQuanYi Micro Hei: face 0 of the collection, hinting dropped (PDF
# viewers do not run TrueType instructions), every character kept.
python3 - "$tmp/wqy.ttf" <<'PY'
import sys
from fontTools.ttLib import TTCollection
TTCollection('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc').fonts[0].save(sys.argv[1])
PY
pyftsubset "$tmp/wqy.ttf" --unicodes='*' --no-hinting --layout-features='*' \
  --name-IDs='*' --name-languages='*' --notdef-outline \
  --output-file="$here/WenQuanYiMicroHei.ttf"

# Symbola: only the characters that Noto Sans, DejaVu Sans and WenQuanYi
# Micro Hei lack (it is tried after them, so nothing else is ever drawn).
python3 - "$here" "$tmp/wqy.ttf" > "$tmp/unicodes.txt" <<'PY'
import sys
from fontTools.ttLib import TTFont
here, wqy = sys.argv[1], sys.argv[2]
earlier = set()
for path in [f'{here}/NotoSans-Regular.ttf', f'{here}/DejaVuSans.ttf', wqy]:
    earlier |= set(TTFont(path).getBestCmap())
symbola = set(TTFont('/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf').getBestCmap())
print(','.join('U+%04X' % c for c in sorted(symbola - earlier)))
PY
pyftsubset /usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf \
  --unicodes="$(cat "$tmp/unicodes.txt")" --no-hinting --layout-features='*' \
  --name-IDs='*' --name-languages='*' --notdef-outline --glyph-names \
  --output-file="$here/Symbola.ttf"
