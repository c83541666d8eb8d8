"""Times whole processes that each turn the demo's content into a PDF.

Runs every command N times, round-robin (one of each per round, so the
shared machine's noise falls on all of them alike), after one warm-up run
each, and prints per command the median and spread of wall time, the PDF's
size, page count and number of words (as pdftotext extracts them: the
peers typeset the same content), and each peer's median as a multiple of the first
command's. Whole process means start-up included: an interpreter, font
discovery, reading the input.

Usage: whole_process.py N NAME=OUT.pdf=COMMAND [NAME=OUT.pdf=COMMAND ...]
(COMMAND is split with shlex and run without a shell.)
"""

import os
import shlex
import statistics
import subprocess
import sys
import time


def pages(path):
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
    return next((line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")), "?")


def words(path):
    text = subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True).stdout
    return len(text.split())


def run_once(argv):
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (time.perf_counter() - start) * 1000.0


def main():
    n = int(sys.argv[1])
    jobs = []
    for spec in sys.argv[2:]:
        name, out, command = spec.split("=", 2)
        jobs.append((name, out, shlex.split(command)))
    times = {name: [] for name, _, _ in jobs}
    for name, _, argv in jobs:
        run_once(argv)
    for _ in range(n):
        for name, _, argv in jobs:
            times[name].append(run_once(argv))
    first = statistics.median(times[jobs[0][0]])
    for name, out, _ in jobs:
        t = times[name]
        median = statistics.median(t)
        print(f"{name:<11} median {median:8.1f} ms  (min {min(t):.1f}, max {max(t):.1f}, {n} runs)"
              f"  {os.path.getsize(out) / 1024:7.1f} KB  {pages(out)} pages  {words(out)} words  ×{median / first:.2f}")


if __name__ == "__main__":
    main()
