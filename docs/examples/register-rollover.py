#!/usr/bin/env python3
"""Rolls the registers of a share of a fleet's meters over five digits, mid-run.

For each chosen meter, register' = (register + offset) mod 100,000, the offset placing the
rollover at a register value drawn from the middle third of the meter's reads in the run (so
somewhere in its middle third of time). Every other file of the fleet is copied as it is; the
chosen meters are listed in rolled-over.txt. docs/detection.md, session 39, measures the monitor
on such a fleet.

usage: register-rollover.py IN_DIR OUT_DIR SHARE SEED
  e.g. bin/gridwatch simulate --customers 600 --days 60 --seed 39 --out runs/rf
       python3 docs/examples/register-rollover.py runs/rf runs/rfw 0.1 39
"""
import json
import os
import random
import shutil
import sys

RANGE_KWH = 100_000  # five whole-kWh digits


def main(src, dst, share, seed):
    rng = random.Random(seed)
    os.makedirs(dst, exist_ok=True)
    for name in os.listdir(src):
        if name != 'readings.jsonl':
            shutil.copy(os.path.join(src, name), os.path.join(dst, name))
    with open(os.path.join(src, 'customers.jsonl')) as customers:
        meters = sorted({json.loads(line)['meterId'] for line in customers})
    chosen = set(rng.sample(meters, int(len(meters) * share)))
    reads = {}
    with open(os.path.join(src, 'readings.jsonl')) as readings:
        for line in readings:
            if '"registerKwh"' in line:
                r = json.loads(line)
                if r['meterId'] in chosen:
                    reads.setdefault(r['meterId'], []).append(r['registerKwh'])
    offset = {}
    for meter, registers in reads.items():  # in the order the meters first read
        registers.sort()
        at = registers[rng.randrange(len(registers) // 3, 2 * len(registers) // 3)]
        offset[meter] = RANGE_KWH - at
    with open(os.path.join(src, 'readings.jsonl')) as readings, \
            open(os.path.join(dst, 'readings.jsonl'), 'w') as out:
        for line in readings:
            if '"registerKwh"' in line:
                r = json.loads(line)
                if r['meterId'] in offset:
                    r['registerKwh'] = round((r['registerKwh'] + offset[r['meterId']]) % RANGE_KWH, 3)
                    line = json.dumps(r, separators=(',', ':')) + '\n'
            out.write(line)
    with open(os.path.join(dst, 'rolled-over.txt'), 'w') as listed:
        listed.writelines(m + '\n' for m in sorted(offset))
    print(len(offset), 'meters rolled over')


if __name__ == '__main__':
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4]))
