FROM ruby:3.3-slim
RUN gem install bundler
USER nobody

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: DL3028@2
