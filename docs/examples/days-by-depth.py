#!/usr/bin/env python3
"""Days to detection against the depth of a level theft: the scale thieves' days at each depth,
and how deep each ramp had gone when it was found (docs/detection.md, "The ramp's days").

Reads what the simulator and the job wrote, nothing of GridWatch's code: the fleet's truth.jsonl
(each thief's attack, start day and parameters: `level` is alpha, `rampDays` the ramp's days from
full to alpha) and the monitor's theft-score-history.jsonl (`bin/gridwatch monitor --score-history`:
every theft score as published; a score's day is the local date of its `ts`, the day's close, less
one day). A thief is found on the first day on or after its start whose score is above CUT (the
score `bin/gridwatch evaluate` prints as the one that flags 2% of the honest at some time). A
ramp's meter reads 1 - (1 - alpha) * d / rampDays of the load on its d-th day (alpha from then on).

usage: days-by-depth.py FLEET_DIR OUT_DIR CUT
"""
import collections
import datetime as dt
import json
import statistics
import sys


def main():
    fleet, out, cut = sys.argv[1], sys.argv[2], float(sys.argv[3])
    thieves = {}
    with open(f"{fleet}/truth.jsonl") as f:
        for line in f:
            t = json.loads(line)
            if t.get("type") == "theft" and t["attack"] in ("scale", "ramp"):
                thieves[t["customerId"]] = t
    first_above = {}
    with open(f"{out}/theft-score-history.jsonl") as f:
        for line in f:
            s = json.loads(line)
            c = s["customerId"]
            if c not in thieves or s["score"] <= cut:
                continue
            day = dt.datetime.fromisoformat(s["ts"]).date() - dt.timedelta(days=1)
            start = dt.date.fromisoformat(thieves[c]["start"])
            if day >= start and (c not in first_above or day < first_above[c]):
                first_above[c] = day
    by_depth = collections.defaultdict(list)
    ramp = []
    for c, t in thieves.items():
        alpha = t["params"]["level"]
        days = (first_above[c] - dt.date.fromisoformat(t["start"])).days if c in first_above else None
        if t["attack"] == "scale":
            band = min(int((1 - alpha) * 10) / 10, 0.8)  # depth 1 - alpha, in tenths
            by_depth[band].append(days)
        else:
            ramp_days = t["params"]["rampDays"]
            depth = None if days is None else (1 - alpha) * min(1.0, days / ramp_days)
            day7 = (1 - alpha) * min(1.0, 7 / ramp_days)
            ramp.append((days, depth, day7))
    print(f"scale thieves (at full depth from their first day), days to a score above {cut}:")
    print("| depth (1 - alpha) | thieves | found | median days |")
    print("| --- | ---: | ---: | ---: |")
    for band in sorted(by_depth):
        found = [d for d in by_depth[band] if d is not None]
        median = f"{statistics.median(found):.1f}" if found else "-"
        print(f"| {band:.1f}-{band + 0.1:.1f} | {len(by_depth[band])} | {len(found)} | {median} |")
    found = [r for r in ramp if r[0] is not None]
    if ramp:
        print(f"ramp thieves: {len(found)} of {len(ramp)} found; median days "
              f"{statistics.median([r[0] for r in found]) if found else '-'}; median depth when found "
              f"{statistics.median([r[1] for r in found]) if found else float('nan'):.2f}; "
              f"median depth on their 7th day {statistics.median([r[2] for r in ramp]):.2f}")


if __name__ == "__main__":
    main()
