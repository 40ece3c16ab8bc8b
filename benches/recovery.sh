#!/usr/bin/env bash
# The recovery issue's figures on a big demo store, whole processes, release binary:
#   cargo build --release && benches/recovery.sh          (N=100000 persons by default)
# - how long the app's background check of every journal frame takes, and that the first
#   frame does not wait for it (start-up to the first frame, measured with hyperfine, is
#   compared with the check's own time as logged by the running app);
# - `kezek backup` and `kezek restore`: time, peak memory, size; the restored store gives
#   the same report and the same CSV export, byte for byte.
# Needs tmux, hyperfine and GNU time. Work files go to target/tmp/recovery-bench.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-$PWD/target/release/kezek}
N=${N:-100000}
WORK=${WORK:-$PWD/target/tmp/recovery-bench}
STORE=$WORK/store
mkdir -p "$WORK"
export KEZEK_CONFIG=$WORK/empty.toml
: >"$KEZEK_CONFIG"
unset KEZEK_LANG KEZEK_DATA_DIR

if [ ! -s "$STORE/journal.kzj" ] || [ "$(cat "$WORK/persons" 2>/dev/null)" != "$N" ]; then
  rm -rf "$STORE"
  /usr/bin/time -f "demo fill: %e s, peak RSS %M KB" "$BIN" --data-dir "$STORE" demo --persons "$N"
  echo "$N" >"$WORK/persons"
fi
echo "journal: $(stat -c %s "$STORE/journal.kzj") bytes; view: $(du -sb "$STORE/db" | cut -f1) bytes"

echo "== start-up to the first frame (the check starts after it)"
hyperfine -N -w 2 -r 10 --export-json "$WORK/first-frame.json" \
  "script -qec '$BIN --data-dir $STORE --exit-after-first-frame' /dev/null" | grep -E "Time|Range"

echo "== the background check, as the running app logs it"
for run in 1 2 3; do
  before=$(grep -c "background check" "$STORE/kezek.log" || true)
  tmux kill-session -t kzbench 2>/dev/null || true
  tmux new-session -d -s kzbench -x 80 -y 24 "$BIN --data-dir $STORE"
  for _ in $(seq 600); do
    now=$(grep -c "background check" "$STORE/kezek.log" || true)
    [ "$now" -gt "$before" ] && break
    sleep 0.1
  done
  grep "background check" "$STORE/kezek.log" | tail -1 | sed 's/^.*background/run '"$run"': background/'
  tmux kill-session -t kzbench
  sleep 1
done

echo "== backup and restore"
rm -rf "$WORK/backup.kzb" "$WORK/restored" "$WORK/a" "$WORK/b"
/usr/bin/time -f "backup: %e s, peak RSS %M KB" "$BIN" --data-dir "$STORE" backup -o "$WORK/backup.kzb"
echo "backup size: $(stat -c %s "$WORK/backup.kzb") bytes"
/usr/bin/time -f "restore: %e s, peak RSS %M KB" "$BIN" --data-dir "$WORK/restored" restore "$WORK/backup.kzb"
"$BIN" --data-dir "$STORE" report --format md >"$WORK/report-a.md"
"$BIN" --data-dir "$WORK/restored" report --format md >"$WORK/report-b.md"
"$BIN" --data-dir "$STORE" export --format csv -o "$WORK/a" >/dev/null
"$BIN" --data-dir "$WORK/restored" export --format csv -o "$WORK/b" >/dev/null
cmp "$WORK/report-a.md" "$WORK/report-b.md" && diff -r "$WORK/a" "$WORK/b" >/dev/null &&
  echo "round trip: the same report and the same CSV export, byte for byte"
