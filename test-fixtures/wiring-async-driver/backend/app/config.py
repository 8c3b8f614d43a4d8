import os

DATABASE_URL = os.getenv("DATABASE_URL", "postgresql+asyncpg://app:app@localhost/app")
