#!/usr/bin/env bash
# Benchmarks berth with GNU time (wall, CPU, peak RSS): start-up on a one-file project and a full
# run on the generated monorepo. Usage: bench/run.sh [SERVICES] [FILLER]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/berth.jar ] || ./mvnw -q package -DskipTests
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bench/generate.sh "$work/mono" "${1:-40}" "${2:-50}" >/dev/null
mkdir -p "$work/one"
printf 'FROM alpine:3.20\nUSER nobody\nCMD ["true"]\n' > "$work/one/Dockerfile"
files=$(find "$work/mono" -type f | wc -l)
measure() { # label, then the command
  local label=$1; shift
  local best=""
  for _ in 1 2 3 4 5 6; do
    /usr/bin/time -f '%e %U %S %M' -o "$work/t" "$@" >/dev/null 2>&1 || true
    best="$best$(cat "$work/t")"$'\n'
  done
  # drop the first (warm-up) run, report the median of the other five
  echo "$best" | sed '/^$/d' | tail -n 5 | sort -n | sed -n 3p | \
    awk -v l="$label" '{printf "%-28s wall %5.2fs  user %5.2fs  sys %5.2fs  maxrss %6d KiB\n", l, $1, $2, $3, $4}'
}
echo "berth $(bin/berth --version 2>/dev/null | head -1), monorepo: $files files"
measure "start-up (1 Dockerfile)" bin/berth --no-color "$work/one"
measure "monorepo text" bin/berth --no-color --root "$work/mono" "$work/mono"
measure "monorepo sarif" bin/berth --format sarif --root "$work/mono" "$work/mono"
