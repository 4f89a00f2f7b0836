#!/usr/bin/env python3
"""The monitor's and the trivial job's throughput per reading, with each job's start and stop
taken out: the bench run over a fleet and over the same fleet's first days, in turn, and the
difference of the two divided by the difference of their readings (docs/benchmarks.md, session 29).

Each bench round is a job of its own: it is deployed, reads its input, flushes its state at the end
of input and stops. What that costs once per job does not depend on how many readings it read, and
a bench round's readings/s carries it. Over two inputs that differ only in how many days they hold,
it cancels:

    readings/s a job keeps up = (readings of the long input - of the short one)
                                / (wall time over the long input - over the short one)

Run from the project's root (bin/gridwatch must be built). Python's standard library only.

    python3 docs/examples/marginal-throughput.py --input /tmp/b/f1k35 --days 5 --sources kafka

The short input is written beside the long one (DIR-first-Nd) unless it is there already: every
file with a "ts" field keeps the records before the first day's local midnight plus N days, and the
customer master is copied whole. Bench runs go long, short, short, long (--pairs 1) so that a machine
that drifts over the run moves both alike; each is `bin/gridwatch bench --input DIR --rounds R
--warmup W --separate-jvms --sources S --latency-rate 0`.
"""

import argparse
import datetime as dt
import json
import os
import re
import statistics
import subprocess
import sys

TS = re.compile(r'"ts"\s*:\s*"([^"]+)"')
ROUND = re.compile(
    r"^\s*(files|kafka)\s+round\s+\d+\s+(monitor|baseline)\s+[\d.]+ s\s+([\d,]+) readings/s"
    r"\s+([\d.]+) s CPU.*?([\d.]+) s JIT")
HEADER = re.compile(r"^bench: ([\d,]+) readings in ")


def first_days(long_dir, days, short_dir):
    """Writes the first `days` local days of long_dir into short_dir."""
    os.makedirs(short_dir, exist_ok=True)
    cutoff = None
    with open(os.path.join(long_dir, "readings.jsonl"), encoding="utf-8") as f:
        for line in f:
            m = TS.search(line)
            if m:
                first = dt.datetime.fromisoformat(m.group(1))
                # A reading is stamped with its interval's end: the day it belongs to starts one
                # interval earlier, at most a day's first quarter hour.
                start = (first - dt.timedelta(minutes=1)).replace(
                    hour=0, minute=0, second=0, microsecond=0)
                cutoff = start + dt.timedelta(days=days)
                break
    if cutoff is None:
        sys.exit(f"no reading with a ts in {long_dir}/readings.jsonl")
    for name in sorted(os.listdir(long_dir)):
        if not name.endswith(".jsonl"):
            continue
        src = os.path.join(long_dir, name)
        dst = os.path.join(short_dir, name)
        kept = 0
        with open(src, encoding="utf-8") as f, open(dst, "w", encoding="utf-8") as out:
            for line in f:
                m = TS.search(line)
                if m is None or dt.datetime.fromisoformat(m.group(1)) <= cutoff:
                    out.write(line)
                    kept += 1
        print(f"  {name}: {kept:,} lines", file=sys.stderr)
    return cutoff


def bench(directory, source, rounds, warmup, log):
    """One bench run: its readings, and each job's wall time, CPU and JIT seconds a round (the
    wall time from the round's readings/s, printed with more digits than its seconds)."""
    cmd = ["bin/gridwatch", "bench", "--input", directory, "--rounds", str(rounds),
           "--warmup", str(warmup), "--separate-jvms", "--sources", source,
           "--latency-rate", "0"]
    print("$ " + " ".join(cmd), file=sys.stderr)
    run = subprocess.run(cmd, capture_output=True, text=True)
    with open(log, "a", encoding="utf-8") as f:
        f.write("$ " + " ".join(cmd) + "\n" + run.stdout + run.stderr)
    if run.returncode != 0:
        sys.exit(f"bench failed ({run.returncode}):\n{run.stdout[-2000:]}\n{run.stderr[-2000:]}")
    readings = None
    rates = {"monitor": [], "baseline": []}
    cpu = {"monitor": [], "baseline": []}
    jit = {"monitor": [], "baseline": []}
    for line in (run.stdout + "\n" + run.stderr).splitlines():
        h = HEADER.match(line)
        if h:
            readings = int(h.group(1).replace(",", ""))
        r = ROUND.match(line)
        if r:
            rates[r.group(2)].append(int(r.group(3).replace(",", "")))
            cpu[r.group(2)].append(float(r.group(4)))
            jit[r.group(2)].append(float(r.group(5)))
    if readings is None or not rates["monitor"] or not rates["baseline"]:
        sys.exit(f"could not read the bench's output:\n{run.stdout[-2000:]}")
    return readings, {
        job: {"wall": [readings / rate for rate in rates[job]], "cpu": cpu[job], "jit": jit[job]}
        for job in rates
    }


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--input", required=True, help="the fleet folder (simulate --out)")
    p.add_argument("--days", type=int, default=5, help="days in the short input (5)")
    p.add_argument("--sources", default="kafka", choices=["files", "kafka"])
    p.add_argument("--rounds", type=int, default=4)
    p.add_argument("--warmup", type=int, default=20)
    p.add_argument("--pairs", type=int, default=1,
                   help="long-short-short-long blocks to run (1)")
    p.add_argument("--log", default="marginal-throughput.log",
                   help="where the bench runs' own output goes (appended)")
    a = p.parse_args()
    long_dir = a.input.rstrip("/")
    short_dir = f"{long_dir}-first-{a.days}d"
    if not os.path.exists(os.path.join(short_dir, "readings.jsonl")):
        print(f"writing {short_dir}", file=sys.stderr)
        first_days(long_dir, a.days, short_dir)
    runs = []
    for _ in range(a.pairs):
        for d in (long_dir, short_dir, short_dir, long_dir):
            runs.append((d, bench(d, a.sources, a.rounds, a.warmup, a.log)))
    results = []
    for i in range(0, len(runs), 2):
        (d1, (n1, w1)), (d2, (n2, w2)) = runs[i], runs[i + 1]
        (nl, wl), (ns, ws) = ((n1, w1), (n2, w2)) if d1 == long_dir else ((n2, w2), (n1, w1))
        if nl <= ns:
            sys.exit(f"the first {a.days} days hold every reading of {long_dir}: "
                     "nothing to take a difference of; ask for fewer --days")
        row = {"readings_long": nl, "readings_short": ns}
        for job in ("monitor", "baseline"):
            long_s = statistics.median(wl[job]["wall"])
            short_s = statistics.median(ws[job]["wall"])
            if long_s <= short_s:
                sys.exit(f"the {job} took no longer over {nl:,} readings than over {ns:,} "
                         f"({long_s:.2f} s against {short_s:.2f} s): the machine was too busy "
                         "to measure; run again")
            row[job] = {"wall_long_s": round(long_s, 3), "wall_short_s": round(short_s, 3),
                        "cpu_long_s": statistics.median(wl[job]["cpu"]),
                        "cpu_short_s": statistics.median(ws[job]["cpu"]),
                        "jit_long_s": statistics.median(wl[job]["jit"]),
                        "jit_short_s": statistics.median(ws[job]["jit"]),
                        "per_run_readings_s": round(nl / long_s),
                        "marginal_readings_s": round((nl - ns) / (long_s - short_s))}
            row[job]["marginal_us_cpu_a_reading"] = round(
                1e6 * (row[job]["cpu_long_s"] - row[job]["cpu_short_s"]) / (nl - ns), 2)
        row["per_run_ratio"] = round(
            row["monitor"]["per_run_readings_s"] / row["baseline"]["per_run_readings_s"], 3)
        row["marginal_ratio"] = round(
            row["monitor"]["marginal_readings_s"] / row["baseline"]["marginal_readings_s"], 3)
        results.append(row)
        print(json.dumps(row))
    print(f"{a.sources}: marginal ratio "
          + ", ".join(str(r["marginal_ratio"]) for r in results)
          + "; per run (the long input's rounds) "
          + ", ".join(str(r["per_run_ratio"]) for r in results))


if __name__ == "__main__":
    main()
