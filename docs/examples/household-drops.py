#!/usr/bin/env python3
"""How far real households drop on their own: the level a detector of a household's own history
cannot tell from a meter made to read less (docs/detection.md, "What the real households do on
their own").

Plain arithmetic on the SGSC trial's half-hourly CSV (core/src/test/resources/households/, with its
licence), nothing of GridWatch's: for each household and each window of the year it is asked about
(the two the real-household replay lives in, by default), the deepest fall of a two-week mean of
its daily energy below the mean of the four weeks before it (at least 20 of the 28 days and 10 of
the 14 read). A meter made to read alpha times the load (Jokar's h1, the simulator's `scale`, alpha
drawn in 0.1-0.8) falls so to alpha from its first day. Prints, per window, the households whose
own fall was deepest, and how many of the households fell on their own as deep as a scale theft
of alpha would: a detector that judges a household by its own level alone, set to flag at most a
given share of honest households, must leave every thief whose alpha is above the fall of the
honest household at that share.

The trial also meters standby (the four lowest hours of a day): printed beside the level, since a
scaled meter scales it too.

usage: household-drops.py CSV.gz [--window 2013-02-01:2013-06-01 ...]
"""
import argparse
import collections
import datetime as dt
import gzip
import math

BEFORE_DAYS = 28
AFTER_DAYS = 14
MIN_BEFORE = 20
MIN_AFTER = 10
ALPHAS = (0.8, 0.6, 0.45, 0.3, 0.2)


def read(path):
    """Per household, per local date: the day's energy (kWh) and its 48 half hours."""
    days = collections.defaultdict(lambda: collections.defaultdict(lambda: [0.0] * 48))
    with gzip.open(path, "rt") as f:
        next(f)
        for line in f:
            customer, when, kwh = line.strip().split(",")[:3]
            t = dt.datetime.fromisoformat(when)
            days[customer][t.date()][t.hour * 2 + t.minute // 30] += float(kwh)
    return days


def standby(halves):
    hours = sorted(halves[2 * h] + halves[2 * h + 1] for h in range(24))
    return sum(hours[:4]) / 4


def deepest_fall(series, first, last):
    """The least ratio of a 14-day mean to the 28 days' mean before it, and the day it starts."""
    dates = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    values = [series.get(d) for d in dates]
    best = (1.0, None)
    for i in range(BEFORE_DAYS, len(dates) - AFTER_DAYS + 1):
        before = [v for v in values[i - BEFORE_DAYS:i] if v is not None]
        after = [v for v in values[i:i + AFTER_DAYS] if v is not None]
        if len(before) < MIN_BEFORE or len(after) < MIN_AFTER:
            continue
        mean_before = sum(before) / len(before)
        if mean_before <= 0:
            continue
        ratio = (sum(after) / len(after)) / mean_before
        if ratio < best[0]:
            best = (ratio, dates[i])
    return best


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("csv")
    p.add_argument("--window", action="append",
                   help="FIRST:LAST dates (default: 2013-02-01:2013-06-01 and 2013-07-01:2013-10-28)")
    a = p.parse_args()
    windows = a.window or ["2013-02-01:2013-06-01", "2013-07-01:2013-10-28"]
    days = read(a.csv)
    for w in windows:
        first, last = (dt.date.fromisoformat(s) for s in w.split(":"))
        level, base = {}, {}
        for customer, by_day in days.items():
            inside = {d: h for d, h in by_day.items() if first <= d <= last}
            level[customer] = deepest_fall({d: sum(h) for d, h in inside.items()}, first, last)
            base[customer] = deepest_fall({d: standby(h) for d, h in inside.items()}, first, last)
        judged = [c for c in level if level[c][1] is not None]
        print(f"{first} to {last}: {len(judged)} households with {BEFORE_DAYS + AFTER_DAYS} days read")
        print("| household | deepest two weeks' level / the four weeks before | from | its standby's deepest (any two weeks) |")
        print("| --- | ---: | --- | ---: |")
        for c in sorted(judged, key=lambda c: level[c][0])[:8]:
            print(f"| {c} | {level[c][0]:.2f} | {level[c][1]} | {base[c][0]:.2f} |")
        print("| a scale theft of alpha | households that fell as deep on their own | share |")
        print("| ---: | ---: | ---: |")
        for alpha in ALPHAS:
            n = sum(1 for c in judged if level[c][0] <= alpha)
            print(f"| {alpha} | {n} | {n / len(judged):.0%} |")
        falls = sorted(level[c][0] for c in judged)
        for share in (0.02, 0.05, 0.10):
            k = math.floor(share * len(falls))  # this many honest households may be flagged
            print(f"flagging at most {share:.0%} of these households ({k}) by the level alone leaves "
                  f"every scale thief with alpha above {falls[k]:.2f}")
        print()


if __name__ == "__main__":
    main()
