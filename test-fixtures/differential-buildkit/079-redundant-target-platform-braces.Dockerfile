FROM --platform=${TARGETPLATFORM} scratch

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: RedundantTargetPlatform@1
