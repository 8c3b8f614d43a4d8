import os
import sys

# works from a checkout, where services/ holds processors/; the image only has /app
# expect: BTH308 "adds `services` to the import path"
sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

import uvicorn
# expect: BTH308 "imports `processors`, a package that exists only at `services/processors`"
from processors import pipeline
# published to the package index and pinned in requirements.txt
# ok: BTH308
import shared_utils
# ok: BTH308
from api import routes
# ok: BTH308
import json, logging

app = routes.build(pipeline, shared_utils, json, logging)

if __name__ == "__main__":
    uvicorn.run(app, host="0.0.0.0", port=8000)
