#!/usr/bin/env python3
"""Exports one commit of a bare git directory into a folder, like `git archive | tar -x`, writing an
empty file for each blob the snapshot lacks (the fetch tool leaves out files of 4 MiB and more and
Git LFS content), so the tree lists every file a checkout has.
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
        # The commit has the file; the snapshot lacks its content. An empty file stands for it,
        # so the tree lists what a checkout has (openemr-devops' utilities/demo_5_0_0_5.sql).
        missing += 1
        target = os.path.join(dest.encode(), path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        open(target, 'wb').close()
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
    print(f'{missing} blobs absent from the snapshot were written as empty files', file=sys.stderr)
