import logging
from logging.handlers import RotatingFileHandler

from flask import Flask

app = Flask(__name__)
# ok: BTH213
# ok: BTH212
handler = RotatingFileHandler("logs/app.log", maxBytes=1_000_000, backupCount=3)
handler.setLevel(logging.INFO)
app.logger.addHandler(handler)


@app.get("/health")
def health():
    return {"ok": True}
