#!/usr/bin/env bash
# Is the html export really "a few A4 pages"? Prints it to PDF in a real browser and counts
# the pages (not part of CI: it needs Chromium and poppler-utils):
#   apt-get install -y chromium poppler-utils
#   cargo build --release && benches/html_pdf.sh        (N=100000 persons by default)
# Prints the page count of: the whole period's report, one event's report, and (for a sense
# of what --with-records costs) the 300-person store's page with every record.
# Work files go to target/tmp/html-pdf.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-$PWD/target/release/kezek}
N=${N:-100000}
WORK=${WORK:-$PWD/target/tmp/html-pdf}
CHROMIUM=${CHROMIUM:-chromium}
mkdir -p "$WORK"
export KEZEK_CONFIG=$WORK/empty.toml
: >"$KEZEK_CONFIG"
unset KEZEK_LANG KEZEK_DATA_DIR

command -v "$CHROMIUM" >/dev/null || { echo "no $CHROMIUM on PATH: apt-get install -y chromium"; exit 2; }
command -v pdfinfo >/dev/null || { echo "no pdfinfo on PATH: apt-get install -y poppler-utils"; exit 2; }

store() { # store DIR PERSONS [EVENTS]
  if [ ! -s "$1/journal.kzj" ] || [ "$(cat "$1.persons" 2>/dev/null)" != "$2" ]; then
    rm -rf "$1"
    "$BIN" --data-dir "$1" demo --persons "$2" ${3:+--events "$3"} >/dev/null
    echo "$2" >"$1.persons"
  fi
}

pages() { # pages HTML -> "N pages, B bytes of html"
  local pdf=${1%.html}.pdf
  rm -f "$pdf"
  # No header or footer line (date, file name): the page as the ministry would print it.
  "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
    --print-to-pdf="$pdf" "file://$1" >/dev/null 2>&1
  echo "$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}') A4 pages, $(stat -c %s "$1") bytes of html"
}

export_html() { # export_html STORE OUT [ARGS...]
  local s=$1 out=$2
  shift 2
  rm -f "$out"
  "$BIN" --data-dir "$s" export --format html "$@" -o "$out" 2>/dev/null
}

BIG=$WORK/store-$N
store "$BIG" "$N"
export_html "$BIG" "$WORK/all.html"
echo "all records, $N persons: $(pages "$WORK/all.html")"
EVENT=$("$BIN" --data-dir "$BIG" report --format json | jq -r '.figures.events[0].id')
export_html "$BIG" "$WORK/event.html" --event "$EVENT"
echo "one event of the $N-person store: $(pages "$WORK/event.html")"
export_html "$BIG" "$WORK/anon.html" --anonymize
echo "all records, anonymised: $(pages "$WORK/anon.html")"
SMALL=$WORK/store-300
store "$SMALL" 300 3
export_html "$SMALL" "$WORK/small-records.html" --with-records
echo "300 persons, 3 events, --with-records: $(pages "$WORK/small-records.html")"
