#!/usr/bin/env bash
# One-command setup for the Spark job (contrib/spark/monograph_spark.py):
# a Java runtime from Debian's packages when `java` is missing, and PySpark,
# pinned, from the Python package registry into a virtual environment.
#
#   contrib/spark/setup.sh            # venv in contrib/spark/.venv
#   SPARK_VENV=DIR contrib/spark/setup.sh
#
# Prints the venv's python at the end; run the job with it.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="${SPARK_VENV:-$here/.venv}"
# Spark 4.0 runs on Java 17 or 21 and Python 3.9 or later.
PYSPARK_VERSION="4.0.1"

SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
apt_install() {
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@"
}

if ! command -v java >/dev/null 2>&1; then
  echo "setup: no java: installing openjdk-17-jre-headless" >&2
  apt_install openjdk-17-jre-headless
fi

if [ ! -x "$venv/bin/python" ]; then
  # Debian's python3 keeps venv (and its pip) in a separate package.
  if ! python3 -m venv "$venv" >/dev/null 2>&1; then
    rm -rf "$venv"
    echo "setup: python3 cannot make a venv: installing python3-venv" >&2
    apt_install python3-venv
    python3 -m venv "$venv"
  fi
fi
if ! "$venv/bin/python" -c "import pyspark, sys; sys.exit(pyspark.__version__ != '$PYSPARK_VERSION')" 2>/dev/null; then
  "$venv/bin/python" -m pip install -q --disable-pip-version-check "pyspark==$PYSPARK_VERSION"
fi
echo "$venv/bin/python"
