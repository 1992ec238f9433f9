#!/bin/sh
# Rebuild the 60-page smoke set listed in dev/smoke.md from bare git mirrors:
#   dev/smoke.sh MIRROR OUT    (MIRROR/<owner>+<name>/repo must hold each listed commit)
set -eu
mirror=$1
out=$2
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
grep '^| [0-9]' "$here/smoke.md" | while IFS='|' read -r _ _ _ repo path commit _ name _; do
    repo=$(echo "$repo" | tr -d ' ' | tr '/' '+')
    path=$(echo "$path" | tr -d ' `')
    commit=$(echo "$commit" | tr -d ' `')
    name=$(echo "$name" | tr -d ' `')
    full=$(git --git-dir="$mirror/$repo/repo" rev-parse "$commit")
    git --git-dir="$mirror/$repo/repo" show "$full:$path" > "$out/$name"
done
ls "$out" | wc -l
