FROM ruby:3.3-slim
RUN gem install bundler:2.5.22
USER nobody

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: none
