# Near miss: nothing makes the agent binary.
FROM alpine:3.20
# expect: BTH301 "COPY source `agent`"
COPY agent /usr/local/bin/agent
USER nobody
ENTRYPOINT ["/usr/local/bin/agent"]
