FROM debian:bookworm-slim
VOLUME $DATA_DIR

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: UndefinedVar@2
