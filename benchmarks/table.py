#!/usr/bin/env python3
"""Print the side-by-side markdown table of benchmarks/compare.

Usage: table.py FILE.tsv [FILE.tsv ...]

Each input line is `shape<TAB>work<TAB>capacity<TAB>variant<TAB>ns_per_item`; other lines are
ignored. One row per (shape, work, capacity); a variant measured twice keeps the last value.
"""

import os
import sys

# Cores the parallel efficiency is computed for.
CORES = os.cpu_count() or 1

# (header, variant) of the ns/item columns, in order.
COLUMNS = [
    ("pipeline!", "pipeline_macro"),
    ("pipeline! unfused", "pipeline_unfused"),
    ("by hand (Stage)", "pipeline_by_hand"),
    ("tokio plain", "tokio_mpsc_plain"),
    ("tokio select", "tokio_select_per_item"),
    ("futures", "futures_streams"),
    ("sequential", "sequential"),
    ("Go", "go"),
    ("Go sequential", "go_sequential"),
]

# (header, numerator variant, denominator variant) of the ratio columns.
RATIOS = [
    ("Go / pipeline!", "go", "pipeline_macro"),
    ("pipeline! / sequential", "pipeline_macro", "sequential"),
    ("unfused / pipeline!", "pipeline_unfused", "pipeline_macro"),
    ("futures / pipeline!", "futures_streams", "pipeline_macro"),
    ("tokio plain / pipeline!", "tokio_mpsc_plain", "pipeline_macro"),
    ("tokio select / pipeline!", "tokio_select_per_item", "pipeline_macro"),
]

SHAPE_ORDER = {"sq": 0, "fan": 1, "log": 2}
WORK_ORDER = {"0": 0, "300ns": 1, "5us": 2}
MISSING = "—"


def read(paths):
    rows = {}
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                fields = line.rstrip("\n").split("\t")
                if len(fields) != 5:
                    continue
                shape, work, capacity, variant, ns = fields
                try:
                    capacity = int(capacity)
                    ns = float(ns)
                except ValueError:
                    continue
                rows.setdefault((shape, work, capacity), {})[variant] = ns
    return rows


def order(key):
    shape, work, capacity = key
    return (SHAPE_ORDER.get(shape, 99), shape, WORK_ORDER.get(work, 99), work, capacity)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    rows = read(sys.argv[1:])
    if not rows:
        sys.exit("table.py: no measurements found")
    headers = (
        ["shape", "work", "capacity"]
        + [h for h, _ in COLUMNS]
        + [h for h, _, _ in RATIOS]
        + [f"parallel efficiency ({CORES} cores)"]
    )
    right = [False, False, True] + [True] * (len(COLUMNS) + len(RATIOS) + 1)
    body = []
    for key in sorted(rows, key=order):
        values = rows[key]
        cells = [key[0], key[1], str(key[2])]
        for _, variant in COLUMNS:
            v = values.get(variant)
            cells.append(MISSING if v is None else f"{v:.1f}")
        for _, num, den in RATIOS:
            n, d = values.get(num), values.get(den)
            cells.append(MISSING if n is None or not d else f"{n / d:.2f}×")
        # The sequential loop's time spread over every core, against pipeline!'s: 100% means
        # the pipeline costs nothing beyond the work. Only meaningful when there is work.
        seq, ours = values.get("sequential"), values.get("pipeline_macro")
        meaningful = key[1] != "0" and seq and ours
        cells.append(f"{100 * seq / (ours * CORES):.0f}%" if meaningful else MISSING)
        body.append(cells)
    widths = [max(len(r[i]) for r in [headers] + body) for i in range(len(headers))]

    def fmt(cells):
        out = [c.rjust(w) if r else c.ljust(w) for c, w, r in zip(cells, widths, right)]
        return "| " + " | ".join(out) + " |"

    print(fmt(headers))
    print("|" + "|".join(("-" * (w + 1) + ":") if r else ("-" * (w + 2)) for w, r in zip(widths, right)) + "|")
    for cells in body:
        print(fmt(cells))


if __name__ == "__main__":
    main()
