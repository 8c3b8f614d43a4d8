import os

from fastapi import FastAPI
from sqlalchemy.ext.asyncio import create_async_engine

# Hosting platforms hand out postgresql:// URLs; the async engine needs the asyncpg driver.
url = os.environ["DATABASE_URL"].replace("postgresql://", "postgresql+asyncpg://", 1)
engine = create_async_engine(url)
app = FastAPI()
