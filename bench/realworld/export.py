#!/usr/bin/env python3
"""Exports one commit of a bare git directory into a folder, like `git archive | tar -x`, but skipping
blobs the snapshot lacks (the fetch tool leaves out files of 4 MiB and more and Git LFS content).
Usage: export.py GIT_DIR COMMIT DEST"""
import os, subprocess, sys

git_dir, commit, dest = sys.argv[1:4]
ls = subprocess.run(['git', '--git-dir', git_dir, 'ls-tree', '-r', '-z', commit],
                     check=True, capture_output=True).stdout
entries = []
for rec in ls.split(b'\0'):
    if not rec:
        continue
    meta, path = rec.split(b'\t', 1)
    mode, kind, sha = meta.split()
    if kind == b'blob':
        entries.append((mode, sha, path))
cat = subprocess.Popen(['git', '--git-dir', git_dir, 'cat-file', '--batch'],
                       stdin=subprocess.PIPE, stdout=subprocess.PIPE)
missing = 0
for mode, sha, path in entries:
    cat.stdin.write(sha + b'\n'); cat.stdin.flush()
    header = cat.stdout.readline()
    if header.endswith(b'missing\n'):
        missing += 1
        continue
    size = int(header.split()[2])
    data = cat.stdout.read(size); cat.stdout.read(1)
    target = os.path.join(dest.encode(), path)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    if mode == b'120000':
        os.symlink(data, target)
    else:
        with open(target, 'wb') as f:
            f.write(data)
        if mode == b'100755':
            os.chmod(target, 0o755)
cat.stdin.close(); cat.wait()
if missing:
    print(f'{missing} blobs absent from the snapshot were skipped', file=sys.stderr)
