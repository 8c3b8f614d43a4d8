ARG SFX="box:"
FROM busy${SFX}

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: InvalidDefaultArgInFrom@2
