from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = "change-me"
DEBUG = False
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "blog.urls"
WSGI_APPLICATION = "blog.wsgi.application"

DATABASES = {
    "default": {
        # SQLite for now (Postgres once the server is up, see docs/deploy.md
        "ENGINE": "django.db.backends.sqlite3",
        # expect: BTH212 "writes /app/db.sqlite3"
        "NAME": BASE_DIR / "db.sqlite3",
    }
}

LOGGING = {
    "version": 1,
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        # The file handler is off: the container logs to stdout.
        # "file": {
        #     "class": "logging.FileHandler",
        # ok: BTH212
        #     "filename": BASE_DIR / "blog.log",
        # },
    },
    "root": {"handlers": ["console"], "level": "INFO"},
}
