import os
import time

# The volume's mount point exists when the worker starts: this creates nothing.
os.makedirs("/data/out", exist_ok=True)
while True:
    time.sleep(60)
