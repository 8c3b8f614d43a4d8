# Near miss: a third image of the same name, run plainly under its own tag: the privileged run
# of :builder says nothing about it.
# expect: BTH007 "runs as root"
FROM node:20-slim
COPY build.sh /app/server.sh
CMD ["/app/server.sh"]
