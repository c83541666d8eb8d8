#!/usr/bin/env python3
"""Start-up time and idle memory of the desktop app against a bare Tauri window.

Usage: measure.py APP BARE [--runs N] [--idle SECONDS]

Runs each binary N times, alternating, under the X display in $DISPLAY, each
time with a fresh data folder and home (no warm WebKit caches of an earlier
run). For each run it records:

- start: wall time from spawn to the line the binary prints once its first
  screen is ready (the app: "first screen ready", after the home screen has
  rendered with the list of assessments from the database; the bare window:
  "ready", when its static page has loaded);
- idle PSS: after IDLE seconds of idling, the sum of Pss over the process and
  every descendant (the WebKit web and network processes), from
  /proc/PID/smaps_rollup.

Prints each run, then medians and the ratios app / bare. Needs no network.
"""

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time


def descendants(pid):
    """pid and every process below it, from /proc."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        # The command name may hold spaces: the fields after it start at ')'.
        ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        todo.extend(children.get(p, []))
    return found


def pss_kib(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def one_run(binary, marker, idle, timeout=60.0):
    home = tempfile.mkdtemp(prefix="ironbridge-bench-")
    os.chmod(home, 0o700)
    env = dict(os.environ)
    env.update(
        HOME=home,
        XDG_DATA_HOME=os.path.join(home, "data"),
        XDG_CONFIG_HOME=os.path.join(home, "config"),
        XDG_CACHE_HOME=os.path.join(home, "cache"),
        IRONBRIDGE_DATA_DIR=os.path.join(home, "ironbridge"),
        RUST_LOG="info",
    )
    os.makedirs(env["IRONBRIDGE_DATA_DIR"], mode=0o700)
    ready = threading.Event()
    lines = []
    start = time.monotonic()
    proc = subprocess.Popen(
        [binary],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    elapsed = {}

    def reader():
        for line in proc.stderr:
            lines.append(line)
            if marker in line and not ready.is_set():
                elapsed["start"] = time.monotonic() - start
                ready.set()

    threading.Thread(target=reader, daemon=True).start()
    try:
        if not ready.wait(timeout):
            raise RuntimeError(
                f"{binary} printed no {marker!r} within {timeout} s; its output:\n" + "".join(lines[-20:])
            )
        time.sleep(idle)
        if proc.poll() is not None:
            raise RuntimeError(f"{binary} exited while idling; its output:\n" + "".join(lines[-20:]))
        tree = descendants(proc.pid)
        pss = sum(pss_kib(p) for p in tree)
        return elapsed["start"], pss / 1024.0, len(tree)
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        shutil.rmtree(home, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("app")
    parser.add_argument("bare")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--idle", type=float, default=8.0)
    args = parser.parse_args()
    if "DISPLAY" not in os.environ:
        sys.exit("measure.py: DISPLAY is not set (bench/app-start/run starts Xvfb)")
    results = {"app": [], "bare": []}
    for i in range(args.runs):
        for name, binary, marker in (
            ("app", args.app, "first screen ready"),
            ("bare", args.bare, "ready"),
        ):
            start, pss, procs = one_run(binary, marker, args.idle)
            results[name].append((start, pss))
            print(f"run {i + 1:2} {name:4}: start {start * 1000:7.0f} ms, idle PSS {pss:6.1f} MiB over {procs} processes", flush=True)
    print()
    med = {}
    for name, rows in results.items():
        starts = [r[0] * 1000 for r in rows]
        psses = [r[1] for r in rows]
        med[name] = (statistics.median(starts), statistics.median(psses))
        print(
            f"{name:4}: start median {med[name][0]:6.0f} ms (min {min(starts):.0f}, max {max(starts):.0f}); "
            f"idle PSS median {med[name][1]:6.1f} MiB (min {min(psses):.1f}, max {max(psses):.1f})"
        )
    print(
        f"app - bare: start {med['app'][0] - med['bare'][0]:+.0f} ms (ratio {med['app'][0] / med['bare'][0]:.2f}); "
        f"idle PSS {med['app'][1] - med['bare'][1]:+.1f} MiB (ratio {med['app'][1] / med['bare'][1]:.2f})"
    )


if __name__ == "__main__":
    main()
