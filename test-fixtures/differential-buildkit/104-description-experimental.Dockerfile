# check=experimental=InvalidDefinitionDescription
# bar this is the bar
ARG foo=bar
# BasE this is the BasE image
FROM scratch AS base
# definitely a bad comment
ARG version=latest
# definitely a bad comment
ARG foo=baz bar=qux baz=quux

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: InvalidDefinitionDescription@3 InvalidDefinitionDescription@5 InvalidDefinitionDescription@7 InvalidDefinitionDescription@9
