// Preloaded with `node -r ./tracing.js`: runs before server.js.
process.on('exit', (code) => console.error(`exiting with ${code}`));
