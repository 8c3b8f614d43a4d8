FROM ruby:3.4-alpine AS base
WORKDIR /usr/src/app
RUN apk add --no-cache nodejs
USER 1000
CMD ["bin/rails", "server"]
