FROM alpine:3.20 AS Builder
RUN mkdir /out && echo ok > /out/ok

FROM Builder AS final
RUN cat /out/ok

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: StageNameCasing@1 InvalidDefaultArgInFrom@4
# berth-differs: InvalidDefaultArgInFrom@4: no ARG is involved. BuildKit looks the FROM name up as written among lower-cased stage names, so Builder is not the stage builder but an image name, and not a valid one: every build fails, whatever the defaults (berth has no rule for invalid constant references yet)
