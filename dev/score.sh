#!/bin/sh
# Score the development set in one command: run `monograph extract` on dev/pages and
# score.py (../shared/eval/score.py, or $SCORE) against every dev/gold/*.gold.json, then print
# per-kind and micro totals over all drugs, the conflicts and every trap alarm.
#   dev/score.sh                  # uses target/release/monograph (built if missing)
#   MONOGRAPH=path dev/score.sh   # another binary
#   dev/score.sh --keep DIR       # keep the output directory
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
score=${SCORE:-$root/../shared/eval/score.py}
[ -f "$score" ] || score=/work/shared/eval/score.py
bin=${MONOGRAPH:-$root/target/release/monograph}
if [ ! -x "$bin" ]; then (cd "$root" && cargo build --release --quiet); fi
keep=""
if [ "${1:-}" = "--keep" ]; then keep=$2; fi
out=${keep:-$(mktemp -d)}
"$bin" extract "$here/pages" --out "$out" --quiet --force || true
json_dir=$(mktemp -d)
for gold in "$here"/gold/*.gold.json; do
    python3 "$score" --gold "$gold" --out "$out" --inputs "$here/pages" --json \
        > "$json_dir/$(basename "$gold" .gold.json).json"
done
python3 "$here/tools/aggregate.py" "$json_dir" "$out"
rm -rf "$json_dir"
[ -n "$keep" ] || rm -rf "$out"
