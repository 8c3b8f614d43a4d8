#!/usr/bin/env python3
"""Precision by held-out set range, from a run's findings.tsv (report.py writes it).

    python3 bench/realworld/persets.py OUT [RANGE ...]      RANGE is LO-HI (set numbers; 0 = the base list)

Only repositories the run covered count (OUT/_runs.tsv), so a partial bench (a machine that could
fetch only some mirrors) is measured on what it ran.
"""
import collections, os, re, sys

out = sys.argv[1]
here = os.path.dirname(os.path.abspath(__file__))
ranges = [tuple(int(x) for x in r.split('-')) for r in sys.argv[2:]] or [
    (0, 91), (0, 119), (0, 147), (0, 163), (0, 9999), (164, 9999)]
sets, cur = {}, 0
for line in open(os.path.join(here, 'repos.tsv')):
    m = re.match(r'# held-out set (\d+)', line) or re.match(r'# held out, (\d+)', line)
    if m:
        cur = int(m.group(1))
        continue
    if line.startswith('#') or not line.strip():
        continue
    sets[line.split('\t')[0]] = cur
ran = {l.split('\t')[0] for l in open(os.path.join(out, '_runs.tsv'))}
rows = [l.rstrip('\n').split('\t') for l in open(os.path.join(out, 'findings.tsv'))]
for lo, hi in ranges:
    c = collections.Counter(r[5] or 'UNJUDGED' for r in rows if lo <= sets.get(r[0], 0) <= hi)
    n = sum(1 for r in ran if lo <= sets.get(r, 0) <= hi)
    judged = c['TRUE'] + c['FALSE'] + c['DEBATABLE']
    p = f"{100 * c['TRUE'] / judged:.1f} %" if judged else '-'
    print(f"sets {lo}-{hi}: {n} repositories, {sum(c.values())} scored, TRUE {c['TRUE']}, "
          f"FALSE {c['FALSE']}, DEBATABLE {c['DEBATABLE']}, unjudged {c['UNJUDGED']}: {p}")
