#!/usr/bin/env python3
"""Writes the seed corpus of ParsersFuzzTest from test-fixtures/ (run from the project root).

Each target gets small real files as seeds; multi-file targets join files with a '--8<--' line
in the order ParsersFuzzTest documents. Seeds are named 'seed-<fixture>-<hash>'; crash
reproducers Jazzer adds ('crash-<hash>') and the hand-written 'hostile-*' inputs are kept.
"""
import hashlib, os, re, sys
from pathlib import Path

ROOT = Path("test-fixtures")
OUT = Path("src/test/resources/dev/berth/fuzz/ParsersFuzzTestInputs")
SEP = "\n--8<--\n"
MAX = 8192
PER_TARGET = 20   # the replay in every test run must stay fast: the smallest distinct files

seeds = {}

def read(p):
    try:
        t = p.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError):
        return None
    return t if len(t) <= MAX else None

def put(target, name, text):
    seeds.setdefault(target, {}).setdefault(text, name)

def write():
    for target, by_text in seeds.items():
        d = OUT / target
        d.mkdir(parents=True, exist_ok=True)
        for text, name in sorted(by_text.items(), key=lambda kv: (len(kv[0]), kv[1]))[:PER_TARGET]:
            h = hashlib.sha1(text.encode()).hexdigest()[:10]
            (d / f"seed-{re.sub('[^A-Za-z0-9_.-]', '_', name)}-{h}").write_text(text, encoding="utf-8")

def main():
    for d in OUT.glob("*"):
        for f in d.glob("seed-*"):
            f.unlink()
    files = [p for p in sorted(ROOT.rglob("*")) if p.is_file()]
    for p in files:
        t = read(p)
        if t is None:
            continue
        rel = str(p.relative_to(ROOT))
        name = p.name
        if name.startswith("Dockerfile") or name.endswith(".Dockerfile"):
            put("dockerfile", rel, t)
            for line in t.splitlines():
                if line.startswith("RUN "):
                    put("shell", rel, line[4:])
        elif name.endswith(".sh"):
            put("shell", rel, t)
        elif re.match(r"(docker-)?compose.*\.ya?ml$", name):
            env = read(p.parent / ".env") or ""
            put("compose", rel, t + SEP + SEP + env)
        elif name == ".env" or name.endswith(".env"):
            put("envFile", rel, t)
        elif name in (".dockerignore", ".gitignore"):
            paths = "\n".join(str(q.relative_to(p.parent)) for q in sorted(p.parent.rglob("*"))[:60])
            put("ignoreMatchers", rel, t + SEP + paths)
        elif name in (".berth.yaml", ".berth.yml"):
            put("config", rel, t)
        elif name == "settings.py" or "/settings/" in rel:
            put("djangoSettings", rel, t)
    for d in sorted({p.parent for p in files if p.name == "Dockerfile"}):
        parts = [read(d / "Dockerfile") or ""]
        compose = next((read(d / n) for n in ("compose.yaml", "docker-compose.yml") if (d / n).exists()), "")
        parts.append(compose or "")
        parts.append(read(d / ".dockerignore") or "")
        py = next(iter(sorted(d.rglob("*.py"))), None)
        parts.append((read(py) or "") if py else "")
        parts.append(read(d / ".env") or "")
        if sum(len(x) for x in parts) <= MAX:
            put("project", str(d.relative_to(ROOT)), SEP.join(parts))
    write()

if __name__ == "__main__":
    main()
