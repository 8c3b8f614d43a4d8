FROM alpine:3.20
ENV APP_DIR="/opt/my app"
RUN mkdir -p $APP_DIR
USER nobody

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: SC2086@3
# berth-differs: SC2086@3: mkdir takes any number of operands, so berth cannot tell a split on purpose from one by mistake; BTH522 judges commands that take one word (074)
