#!/usr/bin/env python3
"""Measures `regimen preview`'s re-render latency: from a save to the new page being served.

    bench/preview_latency.py REGIMEN PROGRAMME [--edits 40] [--root DIR] [--timeout 10]

PROGRAMME is a copy of a programme (the sciatica sample, with its library files beside it, as
`programmes/` lays them out) that this script may edit: it is restored afterwards. The script
starts `REGIMEN preview PROGRAMME --port 0`, then makes EDITS saves, alternating two harmless
variants of the file (the title with and without a marker word), and for each measures the time
from the write to `/state`'s generation changing and `/` serving the new title. It prints one
JSON line:

    {"edits": 40, "median_ms": 180.2, "p90_ms": 240.9, "min_ms": ..., "max_ms": ...}

The time includes the server's poll of the files (every 200 ms, so about 100 ms on average) and
this script's own poll of /state (every 5 ms). Not a test: nothing is asserted but that each
edit reaches the page within TIMEOUT seconds. Standard library only.
"""

import argparse
import json
import os
import re
import select
import signal
import statistics
import subprocess
import sys
import time
import urllib.request

MARKER = " (revised)"


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def generation(url):
    return json.loads(fetch(url + "state"))["generation"]


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("regimen")
    parser.add_argument("programme")
    parser.add_argument("--edits", type=int, default=40)
    parser.add_argument("--root", help="the repository root (default: the nearest directory above the programme holding .git)")
    parser.add_argument("--timeout", type=float, default=10.0, help="the longest one edit may take to reach the page, in seconds")
    arguments = parser.parse_args()

    programme = os.path.abspath(arguments.programme)
    with open(programme, encoding="utf-8") as file:
        original = file.read()
    match = re.search(r"^title: (.*)$", original, re.MULTILINE)
    if match is None:
        sys.exit(f"{arguments.programme}: no `title:` line to vary")
    title = match.group(1).strip()
    variants = [
        original.replace(match.group(0), f"title: {title}{MARKER}", 1),
        original,
    ]
    expected = [f"{title}{MARKER}", title]

    command = [arguments.regimen, "preview", programme, "--port", "0"]
    if arguments.root:
        command += ["--root", arguments.root]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    timings = []
    try:
        ready, _, _ = select.select([process.stdout], [], [], 60)
        if not ready:
            sys.exit("regimen preview printed no address within 60 s")
        url = process.stdout.readline().strip()
        if not url.startswith("http://127.0.0.1:"):
            sys.exit(f"regimen preview's first line is not an address: {url!r}")
        for edit in range(arguments.edits):
            variant = edit % 2
            before = generation(url)
            # Files saved within the same clock tick look unchanged to any watcher: a short pause
            # between edits keeps each a real save, as a person's are.
            time.sleep(0.05)
            started = time.monotonic()
            with open(programme, "w", encoding="utf-8") as file:
                file.write(variants[variant])
            while True:
                if generation(url) > before:
                    page = fetch(url)
                    heading = re.search(r"<h1>(.*?)</h1>", page)
                    if heading and heading.group(1) == expected[variant]:
                        break
                    before = generation(url)
                if time.monotonic() - started > arguments.timeout:
                    sys.exit(f"edit {edit + 1} did not reach the page within {arguments.timeout} s")
                time.sleep(0.005)
            timings.append((time.monotonic() - started) * 1000)
    finally:
        with open(programme, "w", encoding="utf-8") as file:
            file.write(original)
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
    print(json.dumps({
        "edits": len(timings),
        "median_ms": round(statistics.median(timings), 1),
        "p90_ms": round(percentile(timings, 0.9), 1),
        "min_ms": round(min(timings), 1),
        "max_ms": round(max(timings), 1),
    }))


if __name__ == "__main__":
    main()
