#!/usr/bin/env bash
# Runs berth on pinned snapshots of public repositories and joins its findings with verdicts.tsv.
# Not part of CI: it needs local git mirrors (the session tool `fetch` puts them in /work/.mirror).
#
#   bench/realworld/run.sh [FILTER]          export (once), lint, report; FILTER is a grep on owner/name
#   MIRROR=/path WORK=/path bench/realworld/run.sh      (or SRC=... OUT=... separately)
#
# A mirror is MIRROR/<owner>+<name>/repo (a bare git directory). Each pinned commit is exported with
# export.py (like `git archive`: a clean clone, no git-ignored files) into SRC/<owner>+<name>, berth runs on it
# with --root there, and report.py prints precision per rule, the findings not yet judged and the
# TRUE findings that stopped firing.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
MIRROR=${MIRROR:-/work/.mirror}
WORK=${WORK:-${TMPDIR:-/tmp}/berth-realworld}
SRC=${SRC:-$WORK/src}   # exported snapshots, shared by every run
OUT=${OUT:-$WORK/out}   # this run's reports; give each concurrent run its own
filter=${1:-}
[ -f "$top/target/berth.jar" ] || (cd "$top" && ./mvnw -q package -DskipTests)
mkdir -p "$SRC" "$OUT"
rm -f "$OUT/"*
while IFS=$'\t' read -r repo commit _why; do
  case $repo in ''|'#'*) continue ;; esac
  [ -n "$filter" ] && ! grep -q -- "$filter" <<<"$repo" && continue
  key=${repo/\//+}
  git_dir="$MIRROR/$key/repo"
  # some snapshots are clones with a work tree: their git directory is repo/.git
  [ -d "$git_dir/.git" ] && git_dir="$git_dir/.git"
  dest="$SRC/$key"
  # the stamp names the export's format too: a change to export.py re-exports every snapshot
  stamp="$commit empty-placeholders"
  if [ "$(cat "$dest.commit" 2>/dev/null)" != "$stamp" ]; then
    if [ ! -d "$git_dir" ]; then echo "skip $repo: no mirror at $git_dir" >&2; continue; fi
    rm -rf "$dest"; mkdir -p "$dest"
    python3 "$here/export.py" "$git_dir" "$commit" "$dest"
    echo "$stamp" > "$dest.commit"
  fi
  start=$(date +%s.%N)
  set +e
  "$top/bin/berth" --format json --fail-level none --no-color --root "$dest" "$dest" \
    > "$OUT/$key.json" 2> "$OUT/$key.stderr"
  rc=$?
  set -e
  end=$(date +%s.%N)
  printf '%s\t%s\t%.2f\n' "$repo" "$rc" "$(echo "$end - $start" | bc)" >> "$OUT/_runs.tsv"
done < "$here/repos.tsv"
python3 "$here/report.py" "$OUT" "$here/verdicts.tsv"
