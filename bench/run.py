#!/usr/bin/env python3
"""Regimen's benchmarks (docs/benchmarks.md): `make bench` runs this.

    bench/run.py --sizes 1000,10000 --runs 5 [--seed 1] [--record docs/benchmarks.md]

For each corpus size (bench/make_corpus.py writes the corpora under .build-bench/), each
command runs once to warm up and then --runs times; the table shows the median wall time
(time.perf_counter), files per second, and the peak resident memory of the process (os.wait4's
/usr/bin/time's figure when installed, else os.wait4's rusage). Commands: the floor (libyaml parsing
every file, bench/yaml-floor.c), `regimen validate` (release build), `regimen compile` and
`regimen export --format html` of every programme (one process per programme, as a Makefile
would run them, output to standard output; corpora of up to --process-max files), and the peers check-jsonschema (against
`regimen schema`) and yamllint (default configuration), installed from PyPI into a venv under
.build-bench/. Then the latency of validating one programme from a new process (median of 20), of the
release build and, with --installed, of the installed binary (`make install`: the Swift standard
library linked statically), and how validate scales from the smallest corpus to the largest. Then the
authoring latencies on a copy of the sciatica sample (issue 19): `regimen preview`'s re-render after a
save (bench/preview_latency.py) and `regimen lsp`'s diagnostics after a change (bench/lsp_latency.py),
each the median of --edits edits, beside a cold `regimen validate` of the same file. Benchmarks are not tests: a
command that fails is reported, never fatal, unless it is regimen's own.
"""

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(REPO, ".build-bench")
# The dynamically linked release build; `make bench` keeps a copy aside (the static install
# relinks .build/release in place).
REGIMEN = os.path.join(REPO, os.environ.get("REGIMEN_BENCH_BINARY", ".build/release/regimen"))
FLOOR = os.path.join(BUILD, "yaml-floor")
VENV = os.path.join(BUILD, "venv")


def say(message):
    print("bench: " + message, file=sys.stderr, flush=True)


TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None
RSS_FILE = os.path.join(BUILD, "peak-rss")


def measure(argv, cwd, stdin=None):
    """(seconds, peak RSS in bytes, exit status) of one process. The peak comes from
    /usr/bin/time when installed: a child forked from Python starts with Python's resident
    size, which the kernel counts in its peak (os.wait4's rusage, the fallback)."""
    if TIME:
        argv = [TIME, "-f", "%M", "-o", RSS_FILE] + argv
    start = time.perf_counter()
    process = subprocess.Popen(
        argv, cwd=cwd, stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if stdin is not None:
        process.stdin.write(stdin)
        process.stdin.close()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    peak = usage.ru_maxrss * 1024
    if TIME:
        with open(RSS_FILE) as f:
            peak = int(f.read().split()[-1]) * 1024
    return elapsed, peak, os.waitstatus_to_exitcode(status)


def measure_each(argvs, cwd):
    """One process per argv, in turn: (total seconds, largest peak RSS, worst exit status)."""
    total, peak, worst = 0.0, 0, 0
    for argv in argvs:
        seconds, rss, status = measure(argv, cwd)
        total, peak, worst = total + seconds, max(peak, rss), max(worst, status)
    return total, peak, worst


def repeat(runs, once):
    """Warm up once, then `runs` times: (median seconds, max peak RSS, statuses)."""
    once()
    results = [once() for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results), {r[2] for r in results}


def ensure_floor():
    """The floor program, built by the Makefile; None (with a message) when libyaml-dev is missing."""
    if not os.path.exists("/usr/include/yaml.h"):
        if os.geteuid() == 0 and shutil.which("apt-get"):
            say("installing libyaml-dev (apt-get)")
            env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
            subprocess.run(["apt-get", "install", "-y", "-qq", "libyaml-dev"], env=env, stdout=subprocess.DEVNULL)
        if not os.path.exists("/usr/include/yaml.h"):
            say("libyaml-dev is not installed (and cannot be, without root and apt-get): skipping the floor")
            return None
    if subprocess.run(["make", "-s", "-C", REPO, ".build-bench/yaml-floor"]).returncode != 0:
        say("the floor did not build: skipping it")
        return None
    return FLOOR


def ensure_peers():
    """{name: executable} of the peers that could be installed."""
    check, lint = os.path.join(VENV, "bin/check-jsonschema"), os.path.join(VENV, "bin/yamllint")
    if not (os.path.exists(check) and os.path.exists(lint)):
        say("installing check-jsonschema and yamllint from PyPI into " + os.path.relpath(VENV, REPO))
        ok = subprocess.run([sys.executable, "-m", "venv", VENV]).returncode == 0 and subprocess.run(
            [os.path.join(VENV, "bin/pip"), "install", "-q", "--disable-pip-version-check", "check-jsonschema", "yamllint"]
        ).returncode == 0
        if not ok:
            say("could not install the peers (no PyPI?): skipping them")
    peers = {}
    for name, path in (("check-jsonschema", check), ("yamllint", lint)):
        if os.path.exists(path):
            version = subprocess.run([os.path.join(VENV, "bin/python"), "-c",
                                      "import importlib.metadata as m; print(m.version(%r))" % name],
                                     capture_output=True, text=True).stdout.strip()
            peers[name] = (path, version)
    return peers


def yaml_files(corpus):
    found = []
    for directory, subdirectories, names in os.walk(corpus):
        subdirectories[:] = sorted(d for d in subdirectories if not d.startswith("."))
        found += [os.path.relpath(os.path.join(directory, n), corpus) for n in sorted(names) if n.endswith((".yaml", ".yml"))]
    return found


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return "%d cores (nproc), %.1f GiB memory, %s, %s %s" % (
        os.cpu_count(), memory, cpu, platform.system(), platform.release())


def mb(value):
    return "%.0f MB" % (value / 1e6) if value else "–"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--process-max", type=int, default=1000,
                        help="compile and export (one process per programme) only on corpora of up to this many files")
    parser.add_argument("--peer-max", type=int, default=1000,
                        help="the peers only on corpora of up to this many files (at 10,000 each run takes minutes)")
    parser.add_argument("--record", default="", help="append the results to this Markdown file")
    parser.add_argument("--edits", type=int, default=40,
                        help="edits timed for the preview and language server latencies")
    parser.add_argument("--installed", default="",
                        help="an installed regimen (make install: statically linked) whose cold start is measured too")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    runs = max(1, args.runs)

    if not os.access(REGIMEN, os.X_OK):
        sys.exit("bench: %s is missing: run `swift build -c release` (make bench does)" % REGIMEN)
    corpora = subprocess.run(
        [sys.executable, os.path.join(REPO, "bench/make_corpus.py"), "--sizes", args.sizes, "--seed", str(args.seed)],
        check=True, capture_output=True, text=True)
    sys.stderr.write(corpora.stderr)
    corpora = corpora.stdout.split()
    floor = ensure_floor()
    peers = ensure_peers()
    schema = os.path.join(BUILD, "regimen.schema.json")
    with open(schema, "wb") as f:
        f.write(subprocess.run([REGIMEN, "schema"], check=True, capture_output=True).stdout)

    rows, validate_times, notes = [], {}, []
    for size, corpus in zip(sizes, corpora):
        files = yaml_files(corpus)
        programmes = [f for f in files if f.startswith("programmes/")]
        say("%d files (%d programmes) in %s" % (len(files), len(programmes), os.path.relpath(corpus, REPO)))

        def row(name, result, count, base=None, peer_of=None):
            seconds, rss, statuses = result
            rows.append((size, name, seconds, count / seconds, rss, statuses, base, peer_of))
            say("  %-34s %8.3f s  %7.0f files/s  %s  exit %s" % (name, seconds, count / seconds, mb(rss), sorted(statuses)))
            return seconds

        floor_seconds = None
        if floor:
            listing = "\n".join(files).encode() + b"\n"
            floor_seconds = row("floor (libyaml events)", repeat(runs, lambda: measure([floor, "-"], corpus, listing)), len(files))
        validate = row("regimen validate", repeat(runs, lambda: measure([REGIMEN, "validate", "--quiet", "."], corpus)),
                       len(files), base=floor_seconds)
        validate_times[size] = validate
        if len(files) <= args.process_max:
            row("regimen compile (each programme)", repeat(runs, lambda: measure_each(
                [[REGIMEN, "compile", p] for p in programmes], corpus)), len(programmes))
            row("regimen export --format html (each)", repeat(runs, lambda: measure_each(
                [[REGIMEN, "export", p, "--format", "html"] for p in programmes], corpus)), len(programmes))
        for name, (path, version) in sorted(peers.items()) if len(files) <= args.peer_max else []:
            argv = [path, "--schemafile", schema] + files if name == "check-jsonschema" else [path, "-f", "parsable", "."]
            row("%s %s" % (name, version), repeat(runs, lambda: measure(argv, corpus)), len(files), peer_of=validate)

    # One typical programme, validated by a new process each time (with its library files).
    typical = os.path.join(corpora[0], "programmes/g001/programme-00001.yaml")
    def cold_start(binary):
        """(median seconds, peak RSS) of 20 cold validations, after one to warm the disk cache."""
        cold = [measure([binary, "validate", "--quiet", typical], REPO) for _ in range(21)][1:]
        return statistics.median(c[0] for c in cold), max(c[1] for c in cold)

    cold_median, cold_rss = cold_start(REGIMEN)
    installed = None
    if args.installed:
        if not os.access(args.installed, os.X_OK):
            sys.exit("bench: %s is missing: make bench installs it" % args.installed)
        installed = cold_start(args.installed)

    authoring = authoring_latencies(max(1, args.edits))

    lines = ["", "### %s" % datetime.datetime.now().strftime("%Y-%m-%d %H:%M"), "",
             "Machine: %s. Seed %d, %d runs after a warm-up; medians." % (machine(), args.seed, runs), "",
             "| files | command | median | files/s | peak memory | × floor | peer ÷ validate |",
             "| ---: | --- | ---: | ---: | ---: | ---: | ---: |"]
    for size, name, seconds, rate, rss, statuses, base, peer_of in rows:
        ratio = "%.2f" % (seconds / base) if base else ""
        peer = "%.1f" % (seconds / peer_of) if peer_of else ""
        lines.append("| %d | %s | %.3f s | %.0f | %s | %s | %s |" % (size, name, seconds, rate, mb(rss), ratio, peer))
    lines.append("")
    lines.append("Cold `regimen validate` of one programme (and its library files), new process each time: "
                 "median of 20 %.1f ms, peak memory %s." % (cold_median * 1000, mb(cold_rss)))
    if installed:
        lines.append("The same with the installed binary (`make install`: the Swift standard library linked "
                     "statically): median of 20 %.1f ms, peak memory %s." % (installed[0] * 1000, mb(installed[1])))
    if len(validate_times) > 1:
        small, large = min(validate_times), max(validate_times)
        lines.append("Scaling of `regimen validate`: %d → %d files (×%.0f) costs ×%.2f." % (
            small, large, large / small, validate_times[large] / validate_times[small]))
    lines.extend(authoring)
    if floor is None:
        lines.append("The floor was skipped: libyaml-dev is not installed.")
    lines.append("")
    report = "\n".join(lines)
    print(report)
    if args.record:
        with open(os.path.join(REPO, args.record), "a", encoding="utf-8") as f:
            f.write(report)
        say("appended to " + args.record)


def authoring_latencies(edits):
    """Report lines: the preview's re-render after a save and the language server's diagnostics after
    a change, on a copy of the sciatica sample, beside a cold `regimen validate` of the same file."""
    scratch = os.path.join(BUILD, "authoring")
    shutil.rmtree(scratch, ignore_errors=True)
    os.makedirs(os.path.join(scratch, ".git"))
    shutil.copytree(os.path.join(REPO, "programmes/library"), os.path.join(scratch, "programmes/library"))
    programme = os.path.join(scratch, "programmes/sciatica-muscle-imbalance.yaml")
    shutil.copyfile(os.path.join(REPO, "programmes/sciatica-muscle-imbalance.yaml"), programme)
    cold = [measure([REGIMEN, "validate", "--quiet", programme], scratch)[0] for _ in range(21)][1:]
    cold_ms = statistics.median(cold) * 1000
    say("authoring: cold validate of the sciatica sample %.1f ms" % cold_ms)

    def latency(script, argv):
        """The script's JSON line, or None when it failed (reported, not fatal)."""
        run = subprocess.run([sys.executable, os.path.join(REPO, "bench", script)] + argv, cwd=scratch,
                             capture_output=True, text=True, timeout=600)
        if run.returncode != 0:
            say("%s failed (exit %d): %s" % (script, run.returncode, run.stderr.strip()[-500:]))
            return None
        result = json.loads(run.stdout.strip().splitlines()[-1])
        say("authoring: %s median %.1f ms, p90 %.1f ms over %d edits" % (script, result["median_ms"], result["p90_ms"], result["edits"]))
        return result

    preview = latency("preview_latency.py", [REGIMEN, programme, "--edits", str(edits)])
    lsp = latency("lsp_latency.py", ["--regimen", REGIMEN, "--programme", programme, "--edits", str(edits)])
    lines = ["", "Authoring latency on the sciatica sample (%d edits each; medians):" % edits, "",
             "| what | median | p90 | ÷ cold validate |", "| --- | ---: | ---: | ---: |",
             "| cold `regimen validate` (new process, median of 20) | %.1f ms |  | 1.00 |" % cold_ms]
    for name, result in (("`regimen preview`: save → new page served", preview),
                         ("`regimen lsp`: didChange → publishDiagnostics", lsp)):
        if result is None:
            lines.append("| %s | failed |  |  |" % name)
        else:
            lines.append("| %s | %.1f ms | %.1f ms | %.2f |" % (
                name, result["median_ms"], result["p90_ms"], result["median_ms"] / cold_ms))
    return lines


if __name__ == "__main__":
    main()
