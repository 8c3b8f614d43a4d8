import http.server
http.server.test(port=8080)
