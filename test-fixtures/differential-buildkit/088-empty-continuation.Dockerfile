FROM scratch
# warning: empty continuation line
RUN echo \

hi
RUN echo \
hi

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: NoEmptyContinuation@5
# berth-differs: NoEmptyContinuation@5 -> 4: berth points at the blank line itself; BuildKit reports the instruction's last line
