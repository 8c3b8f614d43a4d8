from fastapi import FastAPI
from pydantic_settings import BaseSettings
from sqlalchemy.ext.asyncio import create_async_engine


class Settings(BaseSettings):
    database_url: str


engine = create_async_engine(Settings().database_url)
app = FastAPI()
