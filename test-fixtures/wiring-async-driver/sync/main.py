import os

from fastapi import FastAPI
from sqlalchemy import create_engine

engine = create_engine(os.environ["DATABASE_URL"])
app = FastAPI()
