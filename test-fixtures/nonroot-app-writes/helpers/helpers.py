def run():
    # Only the script the process runs is read, not what it imports.
    # ok: BTH206
    with open("/data/out/progress.txt", "a") as f:
        f.write("tick\n")
