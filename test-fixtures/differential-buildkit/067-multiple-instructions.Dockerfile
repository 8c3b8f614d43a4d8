FROM scratch
ENTRYPOINT ["/myapp"]
ENTRYPOINT ["/myotherapp"]
CMD ["/myapp"]
CMD ["/myotherapp"]
HEALTHCHECK CMD ["/myapp"]
HEALTHCHECK CMD ["/myotherapp"]

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: MultipleInstructionsDisallowed@2 MultipleInstructionsDisallowed@4 MultipleInstructionsDisallowed@6
