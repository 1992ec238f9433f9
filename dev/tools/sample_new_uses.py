#!/usr/bin/env python3
"""Draws 30 random new use claims: (page, condition) pairs of one output not in another.

    python3 dev/tools/sample_new_uses.py BASE/claims.jsonl NEW/claims.jsonl SEED

Prints the count of new and lost pairs, the sample as markdown table rows, and the lost pairs.
"""
import json
import random
import sys

def uses(p):
    out = {}
    for line in open(p):
        j = json.loads(line)
        if j['kind'] == 'use':
            out.setdefault((j['evidence']['source'], j['value']['condition']), j)
    return out
base = uses(sys.argv[1]); new = uses(sys.argv[2])
added = sorted(k for k in new if k not in base)
lost = sorted(k for k in base if k not in new)
print('new pairs', len(added), 'lost pairs', len(lost))
random.seed(int(sys.argv[3]))
for i,k in enumerate(random.sample(added, 30),1):
    j=new[k]; v=j['value']; codes=','.join(c['code'] for c in v.get('codes',[])) or ('open' if v.get('normalized') is False else '-')
    print(f"| {i} | {k[0]} | {j['evidence']['text'][:150]} | {k[1]} | {codes} | |")
print('LOST:')
for k in lost: print(k, base[k]['evidence']['text'][:140])
