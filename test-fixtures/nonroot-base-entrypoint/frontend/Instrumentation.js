// tracing set-up, loaded with --require
