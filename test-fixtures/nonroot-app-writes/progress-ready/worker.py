import os
import time

OUT_DIR = os.environ.get("OUT_DIR", "/data/out")

while True:
    # /data/out belongs to app in the image, and the new volume copies its owner.
    # ok: BTH206
    with open(os.path.join(OUT_DIR, "progress.txt"), "a") as f:
        f.write("tick\n")
    time.sleep(10)
