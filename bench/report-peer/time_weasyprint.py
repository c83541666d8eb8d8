"""Times WeasyPrint rendering one HTML file to PDF, in process.

Renders once to warm up (font discovery), then N times; prints the median
and the spread in milliseconds and the PDF size, as one JSON line.

Usage: time_weasyprint.py REPORT.html N OUT.pdf
"""

import json
import statistics
import sys
import time

import weasyprint


def main():
    path, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    pdf = weasyprint.HTML(filename=path).write_pdf()
    times = []
    for _ in range(n):
        start = time.perf_counter()
        pdf = weasyprint.HTML(filename=path).write_pdf()
        times.append((time.perf_counter() - start) * 1000.0)
    open(out, "wb").write(pdf)
    print(json.dumps({
        "weasyprint": weasyprint.__version__,
        "runs": n,
        "median_ms": statistics.median(times),
        "min_ms": min(times),
        "max_ms": max(times),
        "bytes": len(pdf),
    }))


if __name__ == "__main__":
    main()
