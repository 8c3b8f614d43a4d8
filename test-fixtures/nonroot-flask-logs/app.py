import logging
from logging.handlers import RotatingFileHandler

from flask import Flask

app = Flask(__name__)
# expect: BTH213 "gunicorn (app.py) opens /app/logs/app.log (a log file it opens at start), but /app/logs does not exist in the image"
handler = RotatingFileHandler("logs/app.log", maxBytes=1_000_000, backupCount=3)
handler.setLevel(logging.INFO)
app.logger.addHandler(handler)


@app.get("/health")
def health():
    return {"ok": True}
