const fs = require('fs');
const http = require('http');

// mkdir -p of the mount point, which exists when the server starts: this creates nothing.
fs.mkdirSync('/data/uploads', { recursive: true });
http.createServer((req, res) => res.end('ok')).listen(3000);
