FROM alpine:3.20
ENV APP_DIR="/opt/my app"
RUN mkdir -p "$APP_DIR" && cd $APP_DIR && touch ready
USER nobody

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: DL3003@3 SC2086@3
# berth-differs: DL3003@3: the RUN starts with mkdir; a cd after it is ordinary shell
