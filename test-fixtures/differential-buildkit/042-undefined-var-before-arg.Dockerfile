FROM alpine:3.20
LABEL org.example.flavour=$foo
ARG foo=bar
RUN echo $foo

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: UndefinedVar@2
