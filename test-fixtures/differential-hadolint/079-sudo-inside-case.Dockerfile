FROM ubuntu:24.04
RUN case "$(uname -m)" in x86_64) sudo true ;; esac
USER nobody

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: DL3004@2
# berth-differs: DL3004@2: berth's shell parser does not interpret case; it leaves the region as not understood instead of guessing which branch runs
