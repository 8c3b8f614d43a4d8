const http = require('http');

http.createServer((req, res) => res.end(process.env.GREETING || 'ok')).listen(3000);
