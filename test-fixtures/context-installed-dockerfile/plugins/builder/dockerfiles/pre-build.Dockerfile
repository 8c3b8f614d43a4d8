# dokku's plugins/builder-herokuish/dockerfiles/pre-build.Dockerfile: plugins/builder/pre-build
# builds it with -f "$PLUGIN_AVAILABLE_PATH/builder/dockerfiles/pre-build.Dockerfile" from a
# temporary directory it fills: the context is unknown, so the copies cannot be judged.
ARG APP_IMAGE
# expect: BTH022 "without --build-arg"
FROM $APP_IMAGE
# ok: BTH301
COPY .env.d /tmp/env
# ok: BTH301
COPY .env /app/.env
