const fs = require('fs');
const http = require('http');

http.createServer((req, res) => {
  // Reads only: nothing to report here.
  res.end(fs.readFileSync('/app/package.json'));
}).listen(3000);
