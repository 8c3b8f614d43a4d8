#!/usr/bin/env python3
"""Joins berth's JSON output for each pinned repository with verdicts.tsv.

Scored: findings of severity error or warning and category bug or security (the ones that fail CI
by default and claim a real defect). Precision per rule = TRUE / judged. DEBATABLE counts as not TRUE.
Also printed: exit codes and times per repository, unjudged findings (to read), TRUE verdicts whose
finding no longer fires (lost true positives) and FALSE verdicts that no longer fire (fixed).
Writes OUT/findings.tsv: every scored finding with its verdict, for reading.
"""
import csv, json, os, sys
from collections import Counter, defaultdict

out_dir, verdicts_path = sys.argv[1], sys.argv[2]

verdicts = {}
if os.path.exists(verdicts_path):
    with open(verdicts_path, newline='') as f:
        for row in csv.reader(f, delimiter='\t'):
            if not row or row[0].startswith('#'):
                continue
            repo, file, line, rule, verdict = row[:5]
            verdicts[(repo, file, int(line), rule)] = (verdict, row[5] if len(row) > 5 else '')

runs = []
with open(os.path.join(out_dir, '_runs.tsv')) as f:
    for line in f:
        repo, rc, secs = line.rstrip('\n').split('\t')
        runs.append((repo, int(rc), float(secs)))

scored = {}        # key -> finding
others = Counter() # (severity, category) of findings not scored
per_repo = {}
for repo, rc, secs in runs:
    key = repo.replace('/', '+')
    path = os.path.join(out_dir, key + '.json')
    try:
        with open(path) as f:
            doc = json.load(f)
    except Exception as e:  # berth crashed or printed nothing
        per_repo[repo] = (rc, secs, None, 0, 0)
        continue
    n_scored = 0
    for fd in doc['findings']:
        if fd.get('suppressed'):
            continue
        if fd['severity'] in ('error', 'warning') and fd['category'] in ('bug', 'security'):
            k = (repo, fd['file'], fd['line'], fd['ruleId'])
            scored[k] = fd
            n_scored += 1
        else:
            others[(fd['ruleId'], fd['severity'], fd['category'])] += 1
    per_repo[repo] = (rc, secs, len(doc['findings']), n_scored, len(doc.get('diagnostics', [])))

print('== runs: repository, exit, seconds, findings, scored, diagnostics')
for repo, (rc, secs, n, s, d) in per_repo.items():
    flag = '' if rc in (0, 1) else '   <-- exit %d' % rc
    print(f'{repo:45s} {rc}  {secs:6.2f}s  {n if n is not None else "-":>5}  {s:>4}  {d:>3}{flag}')

by_rule = defaultdict(Counter)
unjudged = []
for k, fd in scored.items():
    v = verdicts.get(k, (None, ''))[0]
    by_rule[k[3]][v or 'UNJUDGED'] += 1
    if v is None:
        unjudged.append((k, fd))

print('\n== precision per rule (error/warning, bug/security)')
tot = Counter()
for rule in sorted(by_rule):
    c = by_rule[rule]
    judged = c['TRUE'] + c['FALSE'] + c['DEBATABLE']
    prec = f"{100 * c['TRUE'] / judged:5.1f}%" if judged else '   - '
    tot.update(c)
    print(f"{rule}  {sum(c.values()):4d} findings  TRUE {c['TRUE']:3d}  FALSE {c['FALSE']:3d}  "
          f"DEBATABLE {c['DEBATABLE']:3d}  unjudged {c['UNJUDGED']:3d}  precision {prec}")
judged = tot['TRUE'] + tot['FALSE'] + tot['DEBATABLE']
if judged:
    print(f"ALL    {sum(tot.values()):4d} findings  TRUE {tot['TRUE']:3d}  FALSE {tot['FALSE']:3d}  "
          f"DEBATABLE {tot['DEBATABLE']:3d}  unjudged {tot['UNJUDGED']:3d}  precision "
          f"{100 * tot['TRUE'] / judged:5.1f}%")

print('\n== not scored (note or style), by rule')
for (rule, sev, cat), n in sorted(others.items()):
    print(f'{rule} {sev:7s} {cat:8s} {n}')

ran = {r for r, _, _ in runs}
lost = [(k, v) for k, v in verdicts.items() if k[0] in ran and k not in scored and v[0] == 'TRUE']
fixed = [(k, v) for k, v in verdicts.items() if k[0] in ran and k not in scored and v[0] != 'TRUE']
print(f'\n== TRUE findings that stopped firing: {len(lost)}')
for k, v in sorted(lost):
    print('  ', *k, '-', v[1])
print(f'== FALSE/DEBATABLE findings that no longer fire: {len(fixed)}')

print(f'\n== unjudged: {len(unjudged)}')
for k, fd in sorted(unjudged)[:400]:
    print(f"  {k[0]}\t{k[1]}:{k[2]}\t{k[3]}\t{fd['message']}")

with open(os.path.join(out_dir, 'findings.tsv'), 'w') as f:
    for k, fd in sorted(scored.items()):
        v = verdicts.get(k, ('', ''))
        rel = ' | '.join(f"{r['file']}:{r['line']} {r.get('message') or ''}" for r in fd.get('related', []))
        f.write('\t'.join([k[0], k[1], str(k[2]), k[3], fd['severity'], v[0], fd['message'], rel]) + '\n')
