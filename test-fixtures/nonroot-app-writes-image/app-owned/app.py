import os
import time

UPLOADS = os.environ.get("UPLOAD_DIR", "uploads")


def main():
    # /app belongs to app here.
    # ok: BTH212
    os.makedirs(UPLOADS, exist_ok=True)
    # /tmp is everyone's (1777).
    # ok: BTH212
    with open("/tmp/heartbeat", "w") as f:
        f.write("up\n")
    # The user's home was made by useradd --create-home and is app's.
    # ok: BTH212
    with open("/home/app/state.txt", "a") as f:
        f.write("started\n")
    while True:
        time.sleep(60)


if __name__ == "__main__":
    main()
