import os
# gunicorn imports service.wsgi from its working directory /app: this file is /app/service/wsgi.py.
STATE = "data/state.json"

# /app belongs to root (WORKDIR): app cannot create /app/data.
# expect: BTH212 "gunicorn (api/service/wsgi.py) writes /app/data (os.makedirs())"
os.makedirs("data", exist_ok=True)


def app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"ok\n"]
