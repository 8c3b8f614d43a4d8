const fs = require('fs');
const http = require('http');
const path = require('path');

const UPLOAD_DIR = process.env.UPLOAD_DIR || '/data/uploads';

http.createServer((req, res) => {
  // The volume at /data/uploads is root's (0755): node cannot create files in it (BTH206, see
  // expect.yaml: JavaScript has no '#' comments for the inline annotations).
  const out = fs.createWriteStream(path.join(UPLOAD_DIR, 'last.bin'));
  req.pipe(out);
  req.on('end', () => res.end('ok'));
}).listen(3000);
