#!/usr/bin/env python3
"""How long `regimen lsp` takes from a change to the findings for it.

    python3 bench/lsp_latency.py --regimen .build/release/regimen --programme COPY/sciatica-muscle-imbalance.yaml [--edits 50]

PROGRAMME is a copy of programmes/sciatica-muscle-imbalance.yaml with its library/ beside it, in
a repository (a directory holding .git). The script starts the server, opens the programme, then
makes N changes (whole text, alternating the programme as it is and with a misspelt exercise id),
each after the findings for the one before, and measures the time from sending each change to
receiving publishDiagnostics for that version. It prints one JSON line:

    {"edits": N, "median_ms": ..., "p90_ms": ...}

Standard library only: raw JSON-RPC over the server's pipes.
"""

import argparse
import json
import pathlib
import statistics
import subprocess
import sys
import threading
import time
import queue


def frame(message: dict) -> bytes:
    body = json.dumps(message).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def reader(stream, out: "queue.Queue"):
    """Reads framed messages from the server into `out` until it closes its output."""
    while True:
        length = None
        while True:
            line = stream.readline()
            if not line:
                out.put(None)
                return
            line = line.strip()
            if not line:
                break
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value.strip())
        if length is None:
            continue
        out.put(json.loads(stream.read(length)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regimen", required=True, help="the regimen binary")
    parser.add_argument("--programme", required=True, help="a copy of the sciatica sample, in a repository")
    parser.add_argument("--edits", type=int, default=50, help="how many changes to time (default 50)")
    parser.add_argument("--timeout", type=float, default=60, help="seconds to wait for one change's findings")
    args = parser.parse_args()

    programme = pathlib.Path(args.programme).resolve()
    good = programme.read_text(encoding="utf-8")
    typo = good.replace("- use: prone-on-elbows\n", "- use: prone-on-elbow\n", 1)
    if typo == good:
        print("the programme has no `- use: prone-on-elbows` line to misspell", file=sys.stderr)
        return 2
    uri = programme.as_uri()

    server = subprocess.Popen(
        [str(pathlib.Path(args.regimen).resolve()), "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=str(programme.parent)
    )
    messages: "queue.Queue" = queue.Queue()
    threading.Thread(target=reader, args=(server.stdout, messages), daemon=True).start()

    def send(message: dict):
        server.stdin.write(frame(message))
        server.stdin.flush()

    def wait_for(predicate):
        deadline = time.monotonic() + args.timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no answer from the server in time")
            message = messages.get(timeout=left)
            if message is None:
                raise RuntimeError("the server stopped")
            if predicate(message):
                return message

    def findings_for(version: int):
        return lambda m: (
            m.get("method") == "textDocument/publishDiagnostics"
            and m["params"].get("uri") == uri
            and m["params"].get("version") == version
        )

    send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
          "params": {"processId": None, "rootUri": programme.parent.as_uri(), "capabilities": {}}})
    wait_for(lambda m: m.get("id") == 1)
    send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
          "params": {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": good}}})
    wait_for(findings_for(1))

    times = []
    for edit in range(args.edits):
        version = edit + 2
        text = typo if edit % 2 == 0 else good
        start = time.perf_counter()
        send({"jsonrpc": "2.0", "method": "textDocument/didChange",
              "params": {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}})
        wait_for(findings_for(version))
        times.append((time.perf_counter() - start) * 1000)

    send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
    wait_for(lambda m: m.get("id") == 2)
    send({"jsonrpc": "2.0", "method": "exit"})
    server.wait(timeout=args.timeout)

    ordered = sorted(times)
    p90 = ordered[min(len(ordered) - 1, max(0, int(round(0.9 * len(ordered))) - 1))] if ordered else 0.0
    print(json.dumps({
        "edits": len(times),
        "median_ms": round(statistics.median(times), 2) if times else 0.0,
        "p90_ms": round(p90, 2),
    }))
    return 0 if server.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
