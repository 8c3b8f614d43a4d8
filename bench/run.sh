#!/usr/bin/env bash
# Benchmarks berth as a whole process with GNU time (wall, CPU = user + sys, peak RSS):
#   1. start-up: one 20-line Dockerfile, paired run by run (A B A B ...) with hadolint when it is
#      on PATH, and the same with the JDK 25+ in BERTH_JDK25_HOME (AOT cache) when given;
#   2. one compose file, paired with dclint when it is on PATH;
#   3. throughput: the generated tree (bench/generate-tree.sh) at scales 1, 2 and 4 (4 = 5,000
#      Dockerfiles and 1,500 compose projects), all rules on, text output;
#   4. the generated monorepo of bench/generate.sh, text and SARIF.
# Paired figures are medians over RUNS pairs, and the median of the per-pair ratios, so that the
# ratio holds when the machine's speed drifts. Peers missing from PATH are skipped, and said so.
#
# Usage: bench/run.sh [--smoke] [--only startup|compose|tree|monorepo]
#   RUNS=N (default 11 pairs; tree runs: 3)   SCALES="1 2 4"   BERTH_JDK25_HOME=/path/to/jdk-25
#   --smoke: one run of each on tiny inputs, to check that the benchmark still works.
set -euo pipefail
cd "$(dirname "$0")/.."
top=$PWD

smoke=0
only=
while [ $# -gt 0 ]; do
  case $1 in
    --smoke) smoke=1 ;;
    --only) only=$2; shift ;;
    *) echo "usage: bench/run.sh [--smoke] [--only startup|compose|tree|monorepo]" >&2; exit 2 ;;
  esac
  shift
done
runs=${RUNS:-11}
tree_runs=${TREE_RUNS:-3}
scales=${SCALES:-1 2 4}
if [ "$smoke" = 1 ]; then runs=1; tree_runs=1; scales=smoke; fi
want() { [ -z "$only" ] || [ "$only" = "$1" ]; }

[ -f target/berth.jar ] || ./mvnw -q package -DskipTests
berth="$top/bin/berth"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# time_one FILE CMD...: runs CMD once (output discarded), appends "wall cpu maxrss_kib" to FILE.
time_one() {
  local file=$1; shift
  /usr/bin/time -f '%e %U %S %M' -o "$work/t" "$@" >/dev/null 2>&1 || true
  # the last line: GNU time puts "Command exited with non-zero status N" before it
  tail -n 1 "$work/t" | awk '{printf "%s %.3f %s\n", $1, $2 + $3, $4}' >> "$file"
}

# median FILE COLUMN
median() {
  awk -v c="$2" '{print $c}' "$1" | sort -g | awk '{v[NR]=$1} END {
    if (NR == 0) { print "-"; exit }
    if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

report() { # label FILE
  printf '  %-34s wall %6.3fs  cpu %6.3fs  maxrss %7.1f MiB  (median of %d)\n' "$1" \
    "$(median "$2" 1)" "$(median "$2" 2)" "$(awk '{print $3 / 1024}' "$2" | sort -g | tail -1)" \
    "$(wc -l < "$2")"
}

# paired LABEL_A LABEL_B 'CMD A' 'CMD B': A and B in turn, one warm-up each, then medians and
# the median of the per-pair ratios A/B.
paired() {
  local la=$1 lb=$2 a=$3 b=$4
  rm -f "$work/a" "$work/b"
  time_one "$work/warm" sh -c "$a"; time_one "$work/warm" sh -c "$b"
  for _ in $(seq 1 "$runs"); do
    time_one "$work/a" sh -c "$a"
    time_one "$work/b" sh -c "$b"
  done
  report "$la" "$work/a"
  report "$lb" "$work/b"
  paste -d' ' "$work/a" "$work/b" | awk '{print $1 / $4, $2 / $5}' > "$work/r"
  printf '  %-34s wall %6.2fx  cpu %6.2fx  (median of per-pair ratios)\n' "$la / $lb" \
    "$(median "$work/r" 1)" "$(median "$work/r" 2)"
}

single() { # LABEL 'CMD' [RUNS]
  rm -f "$work/s"
  local n=${3:-$runs}
  time_one "$work/warm" sh -c "$2"
  for _ in $(seq 1 "$n"); do time_one "$work/s" sh -c "$2"; done
  report "$1" "$work/s"
}

echo "berth $("$berth" --version 2>/dev/null | sed 's/^berth //'), $(nproc) cores," \
  "$(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "java: $(java -version 2>&1 | head -1)"

mkdir -p "$work/one" "$work/compose"
cat > "$work/one/Dockerfile" <<'DOCKER'
# syntax=docker/dockerfile:1
FROM python:3.12-slim AS builder
ENV PIP_NO_CACHE_DIR=1
WORKDIR /build
COPY requirements.txt .
RUN python -m venv /opt/venv && /opt/venv/bin/pip install -r requirements.txt

FROM python:3.12-slim
LABEL org.opencontainers.image.title="app"
RUN groupadd --system --gid 10001 app && \
    useradd --system --uid 10001 --gid app --home-dir /app app
WORKDIR /app
COPY --from=builder /opt/venv /opt/venv
COPY --chown=app:app src/ ./src/
ENV PATH=/opt/venv/bin:$PATH \
    PORT=8000
EXPOSE 8000
HEALTHCHECK --interval=30s CMD ["python", "-c", "print(1)"]
USER app
CMD ["uvicorn", "src.main:app", "--host", "0.0.0.0", "--port", "8000"]
DOCKER
printf 'fastapi\n' > "$work/one/requirements.txt"
mkdir -p "$work/one/src" && printf 'app = None\n' > "$work/one/src/main.py"

if want startup; then
  echo "== start-up: one Dockerfile (pre-commit), whole process"
  one="cd '$work/one' && '$berth' --no-color Dockerfile"
  if command -v hadolint >/dev/null 2>&1; then
    paired "berth" "hadolint $(hadolint --version 2>/dev/null | head -1 | awk '{print $NF}')" \
      "$one" "cd '$work/one' && hadolint Dockerfile"
  else
    echo "  hadolint: not on PATH, pairing skipped (bench/README.md says how to get it)"
    single "berth" "$one"
  fi
  paired "berth" "berth, no start-up cache" "$one" "cd '$work/one' && BERTH_CACHE=off '$berth' --no-color Dockerfile"
  if [ -n "${BERTH_JDK25_HOME:-}" ] && [ -x "$BERTH_JDK25_HOME/bin/java" ]; then
    jdk25="cd '$work/one' && JAVA_HOME='$BERTH_JDK25_HOME' '$berth' --no-color Dockerfile"
    sh -c "$jdk25" >/dev/null 2>&1 || true # the first run on this JDK makes its AOT cache
    paired "berth on $("$BERTH_JDK25_HOME/bin/java" -version 2>&1 | head -1 | cut -d'"' -f2)" "berth" "$jdk25" "$one"
    if command -v hadolint >/dev/null 2>&1; then
      paired "berth on JDK 25+" "hadolint" "$jdk25" "cd '$work/one' && hadolint Dockerfile"
    fi
  else
    echo "  JDK 25+: BERTH_JDK25_HOME not set, skipped"
  fi
  paired "berth --version" "java -version" "'$berth' --version" "java -Xshare:auto -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -version"
  # Method-handle classes the JVM spins while linking (record equals/hashCode/toString through
  # ObjectMethods, string concatenation through StringConcatFactory): each costs start-up time
  # and none can be archived by the JDK's default CDS. Counted on the one-Dockerfile project.
  spun=$(cd "$work/one" && java -Xshare:auto -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
    -Xlog:class+load=info -jar "$top/target/berth.jar" --no-color Dockerfile 2>/dev/null \
    | grep -c 'LambdaForm\$[A-Z]*/0x\|Species_' || true)
  echo "  method-handle classes spun at run time (no start-up cache): $spun"
fi

if want compose; then
  echo "== one compose file, whole process"
  bench/generate-tree.sh "$work/c" 1 1 0 >/dev/null
  cfile="$work/c/projects/p1/docker-compose.yml"
  if command -v dclint >/dev/null 2>&1; then
    paired "berth" "dclint $(dclint --version 2>/dev/null | head -1)" \
      "cd '$work/c/projects/p1' && '$berth' --no-color docker-compose.yml" \
      "cd '$work/c/projects/p1' && dclint docker-compose.yml"
  else
    echo "  dclint: not on PATH, pairing skipped (npm install -g dclint)"
    single "berth" "cd '$work/c/projects/p1' && '$berth' --no-color docker-compose.yml"
  fi
  rm -rf "$work/c"
  : "$cfile"
fi

if want tree; then
  echo "== throughput: generated tree, all rules, text output, whole process"
  for s in $scales; do
    if [ "$s" = smoke ]; then
      bench/generate-tree.sh "$work/tree" 1 4 2 >/dev/null
    else
      bench/generate-tree.sh "$work/tree" "$s" >/dev/null
    fi
    dfs=$(find "$work/tree" -name Dockerfile | wc -l)
    composes=$(find "$work/tree" -name docker-compose.yml | wc -l)
    files=$(find "$work/tree" -type f | wc -l)
    echo "  scale $s: $dfs Dockerfiles, $composes compose files, $files files"
    single "scale $s" "cd '$work/tree' && '$berth' --no-color -q ." "$tree_runs"
    awk -v c="$(median "$work/s" 2)" -v w="$(median "$work/s" 1)" -v n="$files" \
      'BEGIN {printf "  %-34s %.2f cores busy on average, %.0f files per CPU second\n", "", c / w, n / c}'
    # the order of the report does not depend on the number of threads
    (cd "$work/tree" && "$berth" --no-color -q . > "$work/out-n" 2>&1 || true)
    (cd "$work/tree" && BERTH_JAVA_OPTS="-XX:ActiveProcessorCount=1 -XX:+UseSerialGC" \
      "$berth" --no-color -q . > "$work/out-1" 2>&1 || true)
    if cmp -s "$work/out-n" "$work/out-1"; then
      echo "  report identical on 1 processor and on $(nproc)"
    else
      echo "  REPORT DIFFERS between 1 processor and $(nproc)"; exit 1
    fi
    rm -rf "$work/tree"
  done
fi

if want monorepo; then
  echo "== generated monorepo (bench/generate.sh)"
  if [ "$smoke" = 1 ]; then bench/generate.sh "$work/mono" 2 2 >/dev/null; else bench/generate.sh "$work/mono" 40 50 >/dev/null; fi
  echo "  $(find "$work/mono" -type f | wc -l) files"
  single "monorepo text" "'$berth' --no-color --root '$work/mono' '$work/mono'"
  single "monorepo sarif" "'$berth' --format sarif --root '$work/mono' '$work/mono'"
fi
