#!/usr/bin/env bash
# The CI check of the Spark job: in Spark local mode, sharded extraction and
# merge over the seeds plus a generated corpus must equal one
# `monograph extract` over the same inputs, byte for byte (diff -r).
#
#   contrib/spark/check.sh [DOCS]      # DOCS generated documents, default 300
#
# Run from anywhere; builds the release binary if needed and installs Java
# and PySpark through setup.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
docs="${1:-300}"

python="$(contrib/spark/setup.sh)"
cargo build --release --quiet
bin=target/release/monograph
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

cargo run --release --quiet --example gen_corpus -- "$tmp/corpus" --docs "$docs"
# A second copy of the seeds: the same file stems in other shards, so merge
# must rename sources (`-2`) exactly as one run does.
cp -r input "$tmp/seeds-again"
"$bin" extract input "$tmp/corpus" "$tmp/seeds-again" --out "$tmp/single" --format csv --quiet
# More shards than cores, so that partitions really run side by side and
# several shards hold the same file stems.
"$python" contrib/spark/monograph_spark.py --bin "$bin" --master 'local[2]' --partitions 7 \
  --format csv --out "$tmp/spark" input "$tmp/corpus" "$tmp/seeds-again"
diff -r "$tmp/single" "$tmp/spark"
echo "spark: merged output of $(ls "$tmp/spark/sources" | wc -l) sources equals a single extract"
