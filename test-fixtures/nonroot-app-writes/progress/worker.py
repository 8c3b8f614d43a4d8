import os
import time

OUT_DIR = os.environ.get("OUT_DIR", "/data/out")


def main():
    step = 0
    while True:
        step += 1
        # The volume at /data/out is root's (0755): app cannot create progress.txt.
        # expect: BTH206 "python (progress/worker.py) writes to /data/out/progress.txt (open(..., 'a')) in volume results mounted at /data/out, but the image has no /data/out"
        with open(os.path.join(OUT_DIR, "progress.txt"), "a") as f:
            f.write(f"step {step}\n")
        # Reading is no write.
        # ok: BTH206
        with open("/etc/hostname", "r") as f:
            f.read()
        time.sleep(10)


if __name__ == "__main__":
    main()
