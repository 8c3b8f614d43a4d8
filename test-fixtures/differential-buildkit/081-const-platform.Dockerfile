FROM --platform=linux/amd64 scratch

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: FromPlatformFlagConstDisallowed@1
