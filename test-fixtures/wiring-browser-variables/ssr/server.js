// hi.events' frontend server: hands every VITE_* variable of its environment to the page
const http = require("http");
const config = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => k.startsWith("VITE_")));
http.createServer((req, res) => {
  res.end(`<script>window.appConfig = ${JSON.stringify(config)}</script>`);
}).listen(5678);
