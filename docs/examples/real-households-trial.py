#!/usr/bin/env python3
"""Real households with injected attacks, as files for the real job (`bin/gridwatch monitor`) and
its scoring (`bin/gridwatch evaluate`): docs/detection.md, "Real households through the real job".

Reads the SGSC trial's half-hourly CSV (customer_id, reading_datetime, general_supply_kwh, ...;
core/src/test/resources/households/ has 35 households of 2013, with its licence), makes COPIES
copies of every household (copy k lives 7k days later in the source year, its load scaled by a
factor drawn in 0.7..1.3), puts copy k of every household in area A<k>, and lets a share of the
customers steal from a start day on (or, with --theft-spread N, each from one of N days drawn from
then on), each with one attack kind in turn. The attacks are written
here from their definitions (Jokar et al., IEEE Trans. Smart Grid 2016, h1-h6, and the kin in
docs/simulator.md), not taken from GridWatch's code. Writes customers.jsonl, readings.jsonl (in
time order, each reading stamped with the end of its half hour in the zone's offset) and
truth.jsonl (one "theft" line per thief: what `evaluate` reads).

With --supply, each area also has a transformer meter (area-readings.jsonl): every half hour it
reads the area's true load (before any attack; a half hour the household's meter did not report
counts the household's mean half hour of that day) plus a technical loss modelled as the
simulator's (docs/simulator.md): a no-load loss, 30% of the loss at the area's mean load, with a
day factor of sigma 3%; a load loss of the rest, growing with the square of the half hour's load,
with a lognormal day factor of sigma 8%; each half hour's loss with a noise of 5%; the meter's own
error 0.2% of its reading; at the area's mean load the loss is a rate drawn in 2-6% per area.

With --solar SHARE, that share of the households has a rooftop array (2-6 kWp) behind a net meter:
each half hour the array's output (the sun's height at the area, a clear-sky panel, the area's
sky that day: one clearness for every house of an area, drawn per day) is used by the house first,
the meter reads the rest of the load as `kwh` and what the array sends back as `exportKwh`. A
thief's attack alters the import it reads; the export is left as it was. solar.jsonl names the
households with an array; --solar-from N switches the arrays on on day N (as a household that has
one installed). Not with --supply: the area's balance with rooftop export is not modelled.

usage: real-households-trial.py CSV.gz OUT_DIR [--copies 8] [--days 120] [--first 2013-02-01]
       [--thieves 0.1] [--theft-start 60] [--theft-spread 1] [--seed 1]
       [--zone Australia/Sydney] [--supply | --solar SHARE [--solar-from DAY]]
"""
import argparse
import datetime as dt
import gzip
import json
import math
import os
import random
from zoneinfo import ZoneInfo

KINDS = ["scale", "zero-window", "random-scale", "random-of-mean", "flat-mean", "reversed",
         "cap", "ramp", "peak-shift", "swap", "on-off"]
EFFECT = {"flat-mean": "SHAPE", "reversed": "SHAPE", "peak-shift": "SHAPE"}
SLOTS = 48
# the usual Chinese windows the simulator uses for households: peak 08-11 and 18-23, valley 23-07
PEAK = [s for s in range(SLOTS) if 16 <= s < 22 or 36 <= s < 46]
VALLEY = [s for s in range(SLOTS) if s >= 46 or s < 14]


def load(path):
    """household -> {date: [48 kWh or None]}, each reading in the half hour it falls in."""
    days = {}
    with gzip.open(path, "rt") as f:
        next(f)
        for line in f:
            cid, when, kwh = line.strip().split(",")[:3]
            t = dt.datetime.fromisoformat(when)
            slot = t.hour * 2 + t.minute // 30
            days.setdefault(cid, {}).setdefault(t.date(), [None] * SLOTS)[slot] = float(kwh)
    return days


def attack(kind, x, p, rng, day_index, donor):
    """The reported day of an honest day x (no None) under attack kind, parameters p."""
    n = len(x)
    mean = sum(x) / n
    if kind == "scale":
        return [p["level"] * v for v in x]
    if kind == "zero-window":
        width = rng.randint(8, 24)
        start = rng.randrange(0, n - width + 1)
        return [0.0 if start <= i < start + width else v for i, v in enumerate(x)]
    if kind == "random-scale":
        return [rng.uniform(0.1, 0.8) * v for v in x]
    if kind == "random-of-mean":
        return [rng.uniform(0.1, 0.8) * mean for _ in x]
    if kind == "flat-mean":
        return [mean] * n
    if kind == "reversed":
        return list(reversed(x))
    if kind == "cap":
        top = p["level"] * max(x)
        return [min(v, top) for v in x]
    if kind == "ramp":
        a = 1 - (1 - p["level"]) * min(1.0, (day_index + 1) / p["rampDays"])
        return [a * v for v in x]
    if kind == "peak-shift":
        y = list(x)
        moved = 0.0
        for s in PEAK:
            moved += p["level"] * y[s]
            y[s] -= p["level"] * y[s]
        for s in VALLEY:
            y[s] += moved / len(VALLEY)
        return y
    if kind == "swap":
        total = sum(donor)
        scale = p["level"] * sum(x) / total if total > 0 else 0.0
        return [scale * v for v in donor]
    if kind == "on-off":
        y, i = list(x), 0
        while i < n:
            run = rng.randint(1, 8)
            off = rng.random() < 0.5
            for j in range(i, min(n, i + run)):
                if off:
                    y[j] = 0.0
            i += run
        return y
    raise ValueError(kind)


class Sky:
    """Rooftop arrays' output: the sun's height at LATITUDE, LONGITUDE, one clearness per area and day."""

    LATITUDE, LONGITUDE = -33.87, 151.21  # Sydney, where the SGSC households live

    def __init__(self, rng):
        self.rng = rng
        self.clearness = {}

    def begin_day(self, areas):
        # mostly clear, now and then overcast: a clearness index of mean about 0.7
        self.clearness = {a: 0.1 + 0.9 * self.rng.betavariate(2.5, 1.2) for a in areas}

    def output_kwh(self, kwp, area, when_utc):
        """Energy of an array of kwp over the half hour that ends at when_utc."""
        mid = when_utc - dt.timedelta(minutes=15)
        doy = mid.timetuple().tm_yday
        decl = math.radians(23.44) * math.sin(math.radians(360 / 365 * (284 + doy)))
        solar_hour = mid.hour + mid.minute / 60 + self.LONGITUDE / 15
        angle = math.radians(15 * (solar_hour - 12))
        lat = math.radians(self.LATITUDE)
        sin_el = (math.sin(lat) * math.sin(decl)
                  + math.cos(lat) * math.cos(decl) * math.cos(angle))
        if sin_el <= 0:
            return 0.0
        return 0.5 * kwp * 0.85 * sin_el ** 1.15 * self.clearness[area]


class Transformer:
    """An area's supply meter: its true load plus a technical loss (the module's docstring)."""

    NO_LOAD_SHARE, DAY_NO_LOAD_SIGMA, DAY_LOAD_LOSS_SIGMA = 0.3, 0.03, 0.08
    INTERVAL_LOSS_SIGMA, METER_SIGMA, MEAN_LOAD_INTERVALS = 0.05, 0.002, 30 * SLOTS

    def __init__(self, rng):
        self.rng = rng
        self.rate = rng.uniform(0.02, 0.06)
        self.mean_load = 0.0
        self.intervals = 0
        self.day_no_load = self.day_load_loss = 1.0

    def begin_day(self):
        self.day_no_load = 1 + self.DAY_NO_LOAD_SIGMA * self.rng.gauss(0, 1)
        s = self.DAY_LOAD_LOSS_SIGMA
        self.day_load_loss = math.exp(s * self.rng.gauss(0, 1) - s * s / 2)

    def supplied(self, load):
        self.intervals += 1
        w = max(1 / self.intervals, 1 / self.MEAN_LOAD_INTERVALS)
        self.mean_load += w * (load - self.mean_load)
        at_mean = self.rate / (1 - self.rate) * self.mean_load
        no_load = self.NO_LOAD_SHARE * at_mean * self.day_no_load
        ratio = load / self.mean_load if self.mean_load > 0 else 0.0
        load_loss = (1 - self.NO_LOAD_SHARE) * at_mean * ratio * ratio * self.day_load_loss
        technical = max(0.0, (no_load + load_loss)
                        * (1 + self.INTERVAL_LOSS_SIGMA * self.rng.gauss(0, 1)))
        return max(load, (load + technical) * (1 + self.METER_SIGMA * self.rng.gauss(0, 1)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("csv")
    ap.add_argument("out")
    ap.add_argument("--copies", type=int, default=8)
    ap.add_argument("--days", type=int, default=120)
    ap.add_argument("--first", default="2013-02-01")
    ap.add_argument("--thieves", type=float, default=0.1)
    ap.add_argument("--theft-start", type=int, default=60)
    ap.add_argument("--theft-spread", type=int, default=1,
                    help="each thief starts on one of this many days from --theft-start, drawn"
                         " uniformly (1: all on that day, as before)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--zone", default="Australia/Sydney")
    ap.add_argument("--supply", action="store_true",
                    help="write each area's transformer readings (area-readings.jsonl)")
    ap.add_argument("--solar", type=float, default=0.0,
                    help="share of the households with a rooftop array behind a net meter")
    ap.add_argument("--solar-from", type=int, default=0,
                    help="the day the arrays are switched on (0: there from the start)")
    a = ap.parse_args()
    if a.solar and a.supply:
        ap.error("--solar with --supply is not modelled: the area's balance with rooftop export")
    rng = random.Random(a.seed)
    zone = ZoneInfo(a.zone)
    first = dt.date.fromisoformat(a.first)
    source = load(a.csv)
    households = sorted(source)
    customers = []
    for k in range(a.copies):
        for h in households:
            customers.append((f"C{h}-{k}", f"M{h}-{k}", f"A{k}", h, 7 * k, rng.uniform(0.7, 1.3)))
    thieves = rng.sample(range(len(customers)), max(1, round(a.thieves * len(customers))))
    plans = {}
    for n, i in enumerate(sorted(thieves)):
        kind = KINDS[n % len(KINDS)]
        p = {"seed": rng.getrandbits(62)}
        if kind == "scale":
            p["level"] = rng.uniform(0.1, 0.8)
        elif kind == "cap":
            p["level"] = rng.uniform(0.3, 0.7)
        elif kind == "ramp":
            p["level"], p["rampDays"] = rng.uniform(0.1, 0.6), rng.randint(14, 28)
        elif kind == "peak-shift":
            p["level"] = rng.uniform(0.3, 0.8)
        elif kind == "swap":
            p["level"] = rng.uniform(0.2, 0.6)
            p["donor"] = rng.choice([h for h in households if h != customers[i][3]])
        plans[i] = (kind, p, random.Random(p["seed"]))
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "customers.jsonl"), "w") as f:
        for cid, mid, area, *_ in customers:
            f.write(json.dumps({"customerId": cid, "meterId": mid, "class": "RESIDENTIAL",
                                "areaId": area, "tariffId": "residential-tiered",
                                "prepaid": False}, separators=(",", ":")) + "\n")
    if a.theft_spread < 1 or a.theft_start + a.theft_spread > a.days:
        ap.error("--theft-spread must be at least 1 and end within --days")
    # a generator of its own, so that the files with every thief on one day stay as they were
    start_rng = random.Random(a.seed * 1_000_003 + 29)
    starts = {i: first + dt.timedelta(days=a.theft_start + start_rng.randrange(a.theft_spread))
              for i in sorted(plans)}
    with open(os.path.join(a.out, "truth.jsonl"), "w") as f:
        f.write(json.dumps({"type": "run", "generator": "real-households-trial", "seed": a.seed,
                            "customers": len(customers), "areas": a.copies, "days": a.days,
                            "start": first.isoformat(), "zone": a.zone},
                           separators=(",", ":")) + "\n")
        for i, (kind, p, _) in sorted(plans.items()):
            cid, mid, area = customers[i][:3]
            f.write(json.dumps({"type": "theft", "customerId": cid, "meterId": mid,
                                "areaId": area, "attack": kind,
                                "effect": EFFECT.get(kind, "LEVEL"),
                                "start": starts[i].isoformat(),
                                "params": {k: v for k, v in p.items() if k != "donor"}},
                               separators=(",", ":")) + "\n")
    # a generator of its own, so that the files without --solar stay as they were
    solar_rng = random.Random(a.seed * 1_000_003 + 41)
    kwp = {}
    for i in range(len(customers)):
        if solar_rng.random() < a.solar:
            kwp[i] = solar_rng.uniform(2.0, 6.0)
    sky = Sky(solar_rng)
    if kwp:
        with open(os.path.join(a.out, "solar.jsonl"), "w") as f:
            for i, p in sorted(kwp.items()):
                f.write(json.dumps({"customerId": customers[i][0], "kWp": round(p, 2)},
                                   separators=(",", ":")) + "\n")
    readings = 0
    # a generator of its own, so that the files without --supply stay as they were
    supply_rng = random.Random(a.seed * 1_000_003 + 17)
    transformers = {f"A{k}": Transformer(supply_rng) for k in range(a.copies)}
    area_file = open(os.path.join(a.out, "area-readings.jsonl"), "w") if a.supply else None
    with open(os.path.join(a.out, "readings.jsonl"), "w") as f:
        for d in range(a.days):
            date = first + dt.timedelta(days=d)
            rows = []
            true_load = {area: [0.0] * SLOTS for area in transformers}
            if kwp:
                sky.begin_day(transformers)
            for i, (cid, mid, area, h, offset, scale) in enumerate(customers):
                day = source[h].get(date + dt.timedelta(days=offset))
                if day is None:
                    continue
                x = [None if v is None else v * scale for v in day]
                known = [v for v in x if v is not None]
                stand_in = sum(known) / len(known) if known else 0.0
                for s in range(SLOTS):
                    true_load[area][s] += max(0.0, stand_in if x[s] is None else x[s])
                export = None
                if i in kwp and d >= a.solar_from:  # the house uses its array's output first
                    export = [0.0] * SLOTS
                    for s in range(SLOTS):
                        end = (dt.datetime.combine(date, dt.time())
                               + dt.timedelta(minutes=30 * (s + 1))).replace(tzinfo=zone)
                        pv = sky.output_kwh(kwp[i], area, end.astimezone(dt.timezone.utc))
                        if x[s] is not None:
                            export[s] = max(0.0, pv - x[s])
                            x[s] = max(0.0, x[s] - pv)
                if i in plans and date >= starts[i]:
                    kind, p, r = plans[i]
                    if None not in x:
                        donor = None
                        if kind == "swap":
                            donor = source[p["donor"]].get(date + dt.timedelta(days=offset))
                            if donor is None or None in donor:
                                donor = [mean for mean in [sum(x) / SLOTS] * SLOTS]
                        x = attack(kind, x, p, r, (date - starts[i]).days, donor)
                rows.append((mid, x, export))
            for t in transformers.values():
                t.begin_day()
            for s in range(SLOTS):
                end = (dt.datetime.combine(date, dt.time()) + dt.timedelta(minutes=30 * (s + 1)))
                ts = end.replace(tzinfo=zone).isoformat()
                for area, t in transformers.items():
                    kwh = t.supplied(true_load[area][s])
                    if area_file:
                        area_file.write('{"areaId":"%s","ts":"%s","intervalMinutes":30,'
                                        '"kwh":%.3f}\n' % (area, ts, kwh))
                for mid, x, export in rows:
                    if x[s] is None:
                        continue
                    if export is None:
                        f.write('{"meterId":"%s","ts":"%s","intervalMinutes":30,"kwh":%.3f}\n'
                                % (mid, ts, max(0.0, x[s])))
                    else:
                        f.write('{"meterId":"%s","ts":"%s","intervalMinutes":30,"kwh":%.3f,'
                                '"exportKwh":%.3f}\n' % (mid, ts, max(0.0, x[s]), export[s]))
                    readings += 1
    if area_file:
        area_file.close()
    first_start = first + dt.timedelta(days=a.theft_start)
    print(f"{len(customers)} customers in {a.copies} areas, {len(plans)} thieves from {first_start}"
          f"{f' over {a.theft_spread} days' if a.theft_spread > 1 else ''},"
          f" {readings:,} readings{', transformer readings' if a.supply else ''}"
          f"{f', {len(kwp)} with a rooftop array' if kwp else ''} -> {a.out}")


if __name__ == "__main__":
    main()
