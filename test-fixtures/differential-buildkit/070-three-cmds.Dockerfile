FROM alpine:3.20
CMD ["sh"]
CMD ["ash"]
CMD ["top"]

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: MultipleInstructionsDisallowed@2 MultipleInstructionsDisallowed@3
