require("http").createServer((q, s) => s.end("ok")).listen(process.env.APP_PORT || 3000);
