# mem0's server: `memlib` is the root project's package, but requirements.txt installs its
# published distribution (memlib-ai provides memlib), so the import resolves in the image.
# ok: BTH308
from memlib import Memory
from fastapi import FastAPI

app = FastAPI()
