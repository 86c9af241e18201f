"""Draws a soak's memory samples (WORK/memory.csv, written by soak.py) as an SVG chart: heap, resident and off-heap
in MB against minutes. Standard library only, so it runs wherever the soak does.

    python3 bench/memory_chart.py WORK/memory.csv "title" > docs/soak-memory.svg
"""
import csv
import sys

rows = list(csv.DictReader(open(sys.argv[1])))
title = sys.argv[2] if len(sys.argv) > 2 else "Memory during the soak"
series = [("resident_mb", "resident", "#1f77b4"), ("offheap_mb", "off-heap estimate", "#ff7f0e"),
          ("heap_mb", "heap in use", "#2ca02c")]
minutes = [float(row["seconds"]) / 60 for row in rows]
top = max(float(row[key]) for row in rows for key, _, _ in series)
top = (int(top / 250) + 1) * 250
width, height, left, right, upper, lower = 760, 320, 56, 150, 34, 40
plot_w, plot_h = width - left - right, height - upper - lower
last = max(minutes) or 1


def x(minute):
    return left + plot_w * minute / last


def y(mb):
    return upper + plot_h * (1 - mb / top)


out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" '
       f'font-size="12"><rect width="100%" height="100%" fill="white"/>',
       f'<text x="{left}" y="20" font-size="14" font-weight="bold">{title}</text>']
for mb in range(0, top + 1, 250):
    out.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y(mb):.1f}" y2="{y(mb):.1f}" stroke="#ddd"/>'
               f'<text x="{left - 6}" y="{y(mb) + 4:.1f}" text-anchor="end">{mb}</text>')
step = 5 if last > 12 else 1
for minute in range(0, int(last) + 1, step):
    out.append(f'<text x="{x(minute):.1f}" y="{upper + plot_h + 16}" text-anchor="middle">{minute}</text>')
out.append(f'<text x="{left + plot_w / 2}" y="{height - 6}" text-anchor="middle">minutes</text>'
           f'<text x="14" y="{upper + plot_h / 2}" transform="rotate(-90 14 {upper + plot_h / 2})" '
           f'text-anchor="middle">MB</text>')
for i, (key, label, colour) in enumerate(series):
    points = " ".join(f"{x(m):.1f},{y(float(row[key])):.1f}" for m, row in zip(minutes, rows))
    out.append(f'<polyline fill="none" stroke="{colour}" stroke-width="1.5" points="{points}"/>')
    out.append(f'<line x1="{left + plot_w + 12}" x2="{left + plot_w + 30}" y1="{upper + 10 + i * 18}" '
               f'y2="{upper + 10 + i * 18}" stroke="{colour}" stroke-width="3"/>'
               f'<text x="{left + plot_w + 36}" y="{upper + 14 + i * 18}">{label}</text>')
out.append("</svg>")
print("\n".join(out))
