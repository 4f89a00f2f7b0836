#!/usr/bin/env python3
"""Lets the pre-paid meters of a fleet cut the supply when the credit runs out.

The simulator's RUN_OUT payers stop topping up and their balance runs out (truth.jsonl's
prepaid-run-out lines), but their readings go on. A pre-paid meter opens its relay then: this
script rewrites their readings from the start of the day after `runOut` to read 0 kWh, the register
standing still, and copies every other file as it is. docs/detection.md, session 39, measures the
monitor on such a fleet.

usage: prepaid-cut-off.py IN_DIR OUT_DIR
  e.g. bin/gridwatch simulate --customers 2000 --days 90 --seed 391 --payers varied --out runs/pp
       python3 docs/examples/prepaid-cut-off.py runs/pp runs/ppc
"""
import datetime
import json
import os
import shutil
import sys


def main(src, dst):
    os.makedirs(dst, exist_ok=True)
    for name in os.listdir(src):
        if name != 'readings.jsonl':
            shutil.copy(os.path.join(src, name), os.path.join(dst, name))
    with open(os.path.join(src, 'customers.jsonl')) as customers:
        meter_of = {c['customerId']: c['meterId'] for c in map(json.loads, customers)}
    cut = {}  # meter -> the day from whose start its readings are cut
    with open(os.path.join(src, 'truth.jsonl')) as truth:
        for line in truth:
            if '"prepaid-run-out"' in line:
                t = json.loads(line)
                day = datetime.date.fromisoformat(t['runOut']) + datetime.timedelta(days=1)
                cut[meter_of[t['customerId']]] = day
    standing = {}
    with open(os.path.join(src, 'readings.jsonl')) as readings, \
            open(os.path.join(dst, 'readings.jsonl'), 'w') as out:
        for line in readings:
            start = line.find('"meterId":"') + 11
            meter = line[start:line.find('"', start)]
            if meter in cut:
                r = json.loads(line)
                end = datetime.datetime.fromisoformat(r['ts'])
                cut_at = datetime.datetime.combine(cut[meter], datetime.time(), end.tzinfo)
                if end > cut_at:
                    if 'registerKwh' in r:
                        r['registerKwh'] = standing.setdefault(
                            meter, round(r['registerKwh'] - r['kwh'], 3))
                    r['kwh'] = 0.0
                    line = json.dumps(r, separators=(',', ':')) + '\n'
            out.write(line)
    print(len(cut), 'pre-paid meters cut off')


if __name__ == '__main__':
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
