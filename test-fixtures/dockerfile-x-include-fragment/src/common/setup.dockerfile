# A fragment: no FROM of its own, inlined by main.dockerfile's INCLUDE; not linted alone.
ARG APP_PATH=/app
ENV APP_PATH=$APP_PATH
RUN mkdir -p $APP_PATH
