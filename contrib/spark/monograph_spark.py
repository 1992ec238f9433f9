#!/usr/bin/env python3
"""Sharded `monograph extract` on Apache Spark.

The driver lists the input files (as `monograph extract` walks them), Spark
cuts the list into partitions, each partition runs
`monograph extract --shard` on its files (mapPartitionsWithIndex) and writes
one shard directory, and the driver runs `monograph merge` over the shards.
The merged output is byte for byte what one `monograph extract` over the same
paths writes.

    python contrib/spark/monograph_spark.py --bin target/release/monograph \\
        --out OUT [--work DIR] [--partitions N] PATH...

Spark does the scheduling, retries and placement; this file only says what
one partition does. Without --master it runs where PySpark's defaults (or
spark-submit's --master) say: Spark local mode on one machine, a cluster
under spark-submit. On a cluster the input paths and --work must be on a file
system every node sees at the same path (NFS, a mounted bucket); the binary is
shipped to the executors by Spark.
"""

import argparse
import math
import os
import shutil
import subprocess
import sys


def list_inputs(roots):
    """The files `monograph extract ROOTS` reads, as it names them.

    Mirrors the binary's walk (src/ingest.rs): a path that is not a
    directory is taken as given (a missing one too: its shard reports it),
    directories are walked recursively with hidden entries skipped, and a
    file reached twice (by two roots or through a symlink) is listed once,
    under the first name. Order does not matter: merge sorts.
    """
    seen_files, out = set(), []

    def take(path):
        real = os.path.realpath(path)
        if real not in seen_files:
            seen_files.add(real)
            out.append(path)

    for root in roots:
        if not os.path.isdir(root):
            if os.path.exists(root):
                take(root)
            else:
                out.append(root)
            continue
        visited_dirs, stack = set(), [root]
        while stack:
            d = stack.pop()
            real = os.path.realpath(d)
            if real in visited_dirs:
                continue
            visited_dirs.add(real)
            try:
                names = sorted(os.listdir(d))
            except OSError:
                # The binary reports an unreadable directory; let a shard do it.
                out.append(d)
                continue
            for name in reversed(names):
                if name.startswith("."):
                    continue
                path = os.path.join(d, name)
                if os.path.isdir(path):
                    stack.append(path)
                else:
                    take(path)
    return out


def shard_runner(binary_name, work, extra_args):
    """The function each partition runs: one `extract --shard` process."""

    def run(index, paths):
        from pyspark import SparkFiles

        paths = list(paths)
        if not paths:
            return []
        binary = SparkFiles.get(binary_name)
        os.chmod(binary, 0o755)
        out = os.path.join(work, "shard-%05d" % index)
        cmd = [binary, "extract", "--shard", "--quiet", "--force", "--out", out, *extra_args, "--", *paths]
        done = subprocess.run(cmd, capture_output=True, text=True)
        # 1 means some inputs were skipped: they are in the shard's manifest
        # and merge reports them. 2 is a failure, and Spark retries the task.
        if done.returncode not in (0, 1):
            raise RuntimeError("shard %d failed (exit %d): %s" % (index, done.returncode, done.stderr))
        return [(index, out, len(paths))]

    return run


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="+", help="input files and directories, as for monograph extract")
    p.add_argument("--bin", required=True, help="the monograph binary (shipped to the executors)")
    p.add_argument("--out", required=True, help="output directory of the merge")
    p.add_argument("--work", help="where shard directories go (default: OUT.shards); shared by all nodes")
    p.add_argument("--partitions", type=int, default=0, help="number of shards (default: Spark's parallelism)")
    p.add_argument("--max-files-per-shard", type=int, default=2000,
                   help="more partitions when a shard would get more files (bounds one command line)")
    p.add_argument("--master", help="Spark master URL (default: Spark's own, local mode outside spark-submit)")
    p.add_argument("--format", choices=["json", "jsonl", "csv"], default="json")
    p.add_argument("--lexicon", help="directory of extra *.tsv term lists, for the shards and the merge")
    p.add_argument("--max-bytes", type=int, help="skip larger files (monograph extract --max-bytes)")
    p.add_argument("--keep-shards", action="store_true", help="keep the shard directories after merging")
    args = p.parse_args(argv)

    from pyspark.sql import SparkSession

    # Executors run the venv's python (the one running this), not the system's.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    local = not args.master or args.master.startswith("local")
    if local and "PYSPARK_GATEWAY_PORT" not in os.environ:
        # This process starts Spark in local mode: keep its sockets on the
        # loopback interface instead of the host's address.
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    builder = SparkSession.builder.appName("monograph-extract").config("spark.ui.showConsoleProgress", "false")
    if local:
        builder = builder.config("spark.ui.enabled", "false")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel("WARN")

    work = os.path.abspath(args.work or args.out.rstrip("/") + ".shards")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    binary = os.path.abspath(args.bin)
    sc.addFile(binary)

    shard_args = ["--jobs", sc.getConf().get("spark.task.cpus", "1")]
    if args.lexicon:
        shard_args += ["--lexicon", os.path.abspath(args.lexicon)]
    if args.max_bytes is not None:
        shard_args += ["--max-bytes", str(args.max_bytes)]

    files = list_inputs(args.paths)
    partitions = args.partitions or sc.defaultParallelism
    partitions = max(1, partitions, math.ceil(len(files) / args.max_files_per_shard))
    run = shard_runner(os.path.basename(binary), work, shard_args)
    shards = sc.parallelize(files, partitions).mapPartitionsWithIndex(run).collect()
    if not shards:
        # Nothing to read: one empty shard, so the merge writes an empty output.
        shards = [(0, os.path.join(work, "shard-00000"), 0)]
        subprocess.run([binary, "extract", "--shard", "--quiet", "--out", shards[0][1], *args.paths], check=False)
    print("monograph-spark: %d files in %d shards" % (len(files), len(shards)), file=sys.stderr)

    merge = [binary, "merge", *[dir for _, dir, _ in sorted(shards)], "--out", args.out, "--format", args.format]
    if args.lexicon:
        merge += ["--lexicon", args.lexicon]
    spark.stop()
    done = subprocess.run(merge)
    if done.returncode in (0, 1) and not args.keep_shards:
        shutil.rmtree(work, ignore_errors=True)
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
