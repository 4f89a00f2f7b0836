#!/usr/bin/env python3
"""AREA_LOSS's false alarms when an area's daily loss persists from day to day (issue 8, session 34).

Simulates areas whose daily loss rate is an AR(1) series about 4% (lag-one autocorrelation RHO,
marginal spread SIGMA) and runs AREA_LOSS's rule on them as `AreaBalance.onDay` has it: the usual
loss and its spread learned over a month (a day 3 spreads above learned at a tenth), an area judged
from its 31st day (its 15th until session 35: `MIN_DAYS = 14` gives that rule's table), the floor of
0.5 points, the smoothed excess (weight 0.3) and the CUSUM (k = 0.5, h = 8) making the score, an
alert opening at 0.5 and closing after 7 days under 0.25. Two rules: the days taken as independent
(session 33), and each sum counted in its own spread with the persistence learned from the area's
own days (session 34): ρ = 1 − E[(x_t − x_{t−1})²] / E[(x_t − x_{t−7})²], less its standard
error at none. For each RHO it prints how many area-days pass per false alarm, and
how often, and how fast, a step of 1, 2 or 4 marginal spreads from day 250 is found within 60 days.

    python3 docs/examples/area-loss-persistence.py [AREAS [SIGMA [SEED]]]   # 1000 0.008 1

Standard library only; about a minute for 1,000 areas.
"""
import math
import random
import sys

SMOOTHING, MAX_Z, FLOOR, K, H = 0.3, 6, 0.005, 0.5, 8.0
HORIZON, MIN_DAYS, SLOW_Z = 30, 30, 3
PERSISTENCE_HORIZON, MAX_PERSISTENCE, DOUBT, LAG = 120, 0.9, 1.0, 7
DAYS, STEP_DAY, WITHIN = 365, 250, 60


def ar1(rho):
    return math.sqrt((1 + rho) / (1 - rho))


def opened(rates, persistent):
    """The days an AREA_LOSS alert opens on, over one area's daily loss rates."""
    usual = spread = 0.0
    n = 0
    excess = cusum = 0.0
    is_open, quiet, opens = False, 0, []
    day_changes = week_changes = 0.0
    pairs = 0
    for day, rate in enumerate(rates):
        deviation = rate - usual
        rho = 0.0
        if persistent and week_changes > 0:
            doubt = DOUBT / math.sqrt(max(1, min(pairs, PERSISTENCE_HORIZON)))
            rho = max(0.0, min(MAX_PERSISTENCE, 1 - day_changes / week_changes - doubt))
        z = 0.0
        if n >= MIN_DAYS:
            z = deviation / max(spread, FLOOR)
            smoothed = deviation / max(spread * ar1(rho * (1 - SMOOTHING)), FLOOR)
            summed = deviation / max(spread * ar1(rho), FLOOR)
            excess += SMOOTHING * (max(0.0, min(MAX_Z, smoothed)) - excess)
            cusum = max(0.0, cusum + min(MAX_Z, summed) - K)
            score = 1 / (1 + math.exp(-1.5 * (max(excess, 3 * cusum / H) - 3)))
            if n > MIN_DAYS:
                if not is_open and score >= 0.5:
                    is_open, quiet = True, 0
                    opens.append(day)
                elif is_open:
                    quiet = quiet + 1 if score < 0.25 else 0
                    if quiet >= 7:
                        is_open = False
        if day >= LAG:
            pairs += 1
            w = max(1.0 / (pairs + 1), 1.0 / PERSISTENCE_HORIZON)
            day_changes += w * ((rate - rates[day - 1]) ** 2 - day_changes)
            week_changes += w * ((rate - rates[day - LAG]) ** 2 - week_changes)
        w = max(1.0 / (n + 1), 1.0 / HORIZON)
        if z > SLOW_Z and n >= MIN_DAYS:
            w /= 10
        if n == 0:
            usual = rate
        else:
            spread += w * (1.2533 * abs(deviation) - spread)
            usual += w * deviation
        n += 1
    return opens


def main():
    areas = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    sigma = float(sys.argv[2]) if len(sys.argv) > 2 else 0.008
    random.seed(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    print(f"{areas} areas x {DAYS} days, loss 4% +- {100 * sigma:.2f} points a day")
    for rho in (0.0, 0.3, 0.5, 0.7, 0.8):
        rules = {"independent": [0, {1: [], 2: [], 4: []}], "persistent": [0, {1: [], 2: [], 4: []}]}
        for _ in range(areas):
            x = random.gauss(0, 1)
            noise = []
            for _ in range(DAYS):
                x = rho * x + math.sqrt(1 - rho * rho) * random.gauss(0, 1)
                noise.append(x)
            for name, (_, found) in rules.items():
                rules[name][0] += len(opened([0.04 + sigma * v for v in noise], name == "persistent"))
                for step in found:
                    rates = [0.04 + sigma * (v + (step if d >= STEP_DAY else 0)) for d, v in enumerate(noise)]
                    after = [d - STEP_DAY for d in opened(rates, name == "persistent") if d >= STEP_DAY]
                    found[step].append(after[0] if after and after[0] < WITHIN else None)
        cells = []
        for name, (alarms, found) in rules.items():
            per = areas * (DAYS - MIN_DAYS - 1) / max(alarms, 1)
            steps = []
            for step, days in found.items():
                hit = sorted(d for d in days if d is not None)
                median = hit[len(hit) // 2] if hit else "-"
                steps.append(f"{step} spread(s) {len(hit) / len(days):.2f} in {median} d")
            cells.append(f"{name}: 1 false alarm in {per:,.0f} area-days; " + ", ".join(steps))
        print(f"rho {rho}: " + " | ".join(cells))


if __name__ == "__main__":
    main()
