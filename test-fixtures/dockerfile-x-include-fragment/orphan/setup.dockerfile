# Near miss: the same lines that nothing includes: Docker refuses a Dockerfile without FROM.
# (an ARG before any FROM is a global ARG: allowed)
ARG APP_PATH=/app
# expect: BTH001 "no build stage"
ENV APP_PATH=$APP_PATH
# expect: BTH001 "no build stage"
RUN mkdir -p $APP_PATH
