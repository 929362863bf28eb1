#!/usr/bin/env python3
"""Writes unsigned, seeded recommendations for a ninjatrader minute-bar file (e.g.
../shared/data/spy-minute-2011-01.csv): N per trading day at random regular-session seconds,
priced at that minute's close. Sign the output with `bin/tradeflow sign`.

usage: scripts/spy-recommendations.py BARS TICKER OUT [PER_DAY] [SEED]"""
import json, random, sys
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

bars, ticker, out = sys.argv[1], sys.argv[2], sys.argv[3]
per_day = int(sys.argv[4]) if len(sys.argv) > 4 else 12
rng = random.Random(int(sys.argv[5]) if len(sys.argv) > 5 else 7)
ny = ZoneInfo("America/New_York")
days = {}
for line in open(bars):
    stamp, o, h, l, c, v = line.strip().split(";")
    t = datetime.strptime(stamp, "%Y%m%d %H%M%S").replace(tzinfo=timezone.utc).astimezone(ny)
    if (t.hour, t.minute) >= (9, 31) and (t.hour, t.minute) <= (16, 0):
        days.setdefault(t.date(), []).append((t, float(c)))
n = 0
with open(out, "w") as f:
    for day in sorted(days):
        picks = sorted((t.replace(second=rng.randrange(60)), close)
                       for t, close in (rng.choice(days[day]) for _ in range(per_day)))
        for at, close in picks:  # in time order, as a source must be
            n += 1
            rec = {"id": f"spy-{day}-{n:04d}", "ticker": ticker,
                   "action": "buy" if rng.random() < 0.7 else "sell",
                   "confidence": round(rng.uniform(0.55, 1.0), 3),
                   "signal_type": rng.choice(["orb", "orb_direction", "confluence"]),
                   "mode": "live_eligible", "generated_at": at.isoformat(),
                   "price": round(close + rng.uniform(-0.05, 0.05), 2)}
            f.write(json.dumps(rec, separators=(",", ":")) + "\n")
            if rng.random() < 0.1:
                f.write(json.dumps(rec, separators=(",", ":")) + "\n")  # a duplicate
print(f"{n} recommendations over {len(days)} days -> {out}", file=sys.stderr)
