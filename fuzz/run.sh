#!/usr/bin/env bash
# Runs the fuzz targets one after the other, one process each, so a
# two-core machine stays usable. Usage: fuzz/run.sh [SECONDS] [TARGET...]
# (default: 600 seconds for every target). Needs cargo-fuzz
# (`cargo install cargo-fuzz`); RUSTC_BOOTSTRAP=1 lets a stable toolchain
# accept the nightly flags cargo-fuzz passes (sanitizer, coverage).
# Corpora and crash artifacts stay under fuzz/corpus and fuzz/artifacts,
# which git ignores; the committed seeds are the fixtures and input/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
secs="${1:-600}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(detect parse_markdown parse_html parse_text process_one)
export RUSTC_BOOTSTRAP=1
mkdir -p fuzz/corpus/seed
cp input/* fuzz/corpus/seed/
find tests/fixtures -type f -exec cp {} fuzz/corpus/seed/ \;
for t in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$t"
  echo "== $t: ${secs}s"
  cargo fuzz run -O --debug-assertions "$t" "fuzz/corpus/$t" fuzz/corpus/seed -- \
    -max_total_time="$secs" -max_len=16384 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 || echo "== $t stopped: see above"
done
