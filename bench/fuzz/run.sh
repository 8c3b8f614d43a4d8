#!/usr/bin/env bash
# Coverage-guided fuzzing of berth's parsers with Jazzer, one target after the other.
#
#   bench/fuzz/run.sh [DURATION] [TARGET...]     DURATION like 10m (default), 120s
#
# Targets are the @FuzzTest methods of src/test/java/dev/berth/fuzz/ParsersFuzzTest.java.
# The generated corpus goes to .cifuzz-corpus/ (not committed); an input that makes a target fail
# is written by Jazzer to src/test/resources/dev/berth/fuzz/ParsersFuzzTestInputs/<target>/
# crash-<sha1>, where every normal `mvn verify` replays it: commit it with the fix.
set -uo pipefail
cd "$(dirname "$0")/../.."
duration=${1:-10m}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(dockerfile shell compose envFile ignoreMatchers config \
  djangoSettings project)
for t in "${targets[@]}"; do
  log=target/fuzz-$t.log
  mkdir -p target
  start=$(date +%s)
  JAZZER_FUZZ=1 ./mvnw -o -B test -Dtest="ParsersFuzzTest#$t" -Dsurefire.failIfNoSpecifiedTests=false \
    -Djazzer.hooks=true -DargLine="-Djazzer.max_duration=$duration -Xmx2g" > "$log" 2>&1
  rc=$?
  end=$(date +%s)
  summary=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1)
  printf '%-15s rc=%s %5ss  %s\n' "$t" "$rc" "$((end - start))" "${summary:-no DONE line (see $log)}"
done
