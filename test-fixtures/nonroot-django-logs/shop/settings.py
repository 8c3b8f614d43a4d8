from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = "change-me"
DEBUG = False
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "shop.urls"
WSGI_APPLICATION = "shop.wsgi.application"

LOGGING = {
    "version": 1,
    "handlers": {
        "file": {
            "class": "logging.FileHandler",
            # expect: BTH212 "writes /app/logs/shop.log"
            "filename": BASE_DIR / "logs" / "shop.log",
        },
    },
    "root": {"handlers": ["file"], "level": "INFO"},
}
