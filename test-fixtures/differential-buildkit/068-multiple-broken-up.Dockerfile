FROM scratch
ENTRYPOINT ["/myapp"]
CMD ["/myapp"]
HEALTHCHECK CMD ["/myapp"]
COPY <<EOF /a.txt
Hello, World!
EOF
ENTRYPOINT ["/myotherapp"]
CMD ["/myotherapp"]
HEALTHCHECK CMD ["/myotherapp"]

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: MultipleInstructionsDisallowed@2 MultipleInstructionsDisallowed@3 MultipleInstructionsDisallowed@4
