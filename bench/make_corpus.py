#!/usr/bin/env python3
"""Writes the benchmark corpora: realistic programmes and their library files.

    bench/make_corpus.py [--sizes 1000,10000] [--seed 1] [--out .build-bench] [--regimen BIN]
                         [--free-exercise-db ../shared/data/free-exercise-db]

Each corpus (OUT/corpus-SIZE-sSEED/) holds SIZE files: one library file in ten, the rest
programmes. The library files are slices of an exercise pool: free-exercise-db imported with
`regimen import free-exercise-db` (873 exercises) plus the hand-written libraries in
programmes/library/. When the data set is not there (it is beside the repository in CI, not on
users' machines), the pool is programmes/library/ alone, and this says so. Programmes take
their metadata (summary, delivery, exclusions, red flags, restrictions…), their phases and
their doses from the sample programmes in programmes/: each item's dose comes from a sample
item whose exercise has the same kind. Exercise ids get the library file's number, so every
id is defined once. The same seed gives the same bytes. Standard library only.
"""

import argparse
import os
import random
import re
import shutil
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PER_DIRECTORY = 100


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def exercise_blocks(text):
    """(id, kind, lines) for each exercise of a library file, in order."""
    lines = text.splitlines()
    try:
        start = lines.index("exercises:") + 1
    except ValueError:
        return []
    blocks, current = [], None
    for line in lines[start:]:
        match = re.match(r"^  ([a-z0-9][a-z0-9-]*):\s*$", line)
        if match:
            current = [match.group(1), "strength", []]
            blocks.append(current)
        elif current is not None:
            if line and not line.startswith("    ") and not line.startswith("  -"):
                break  # the next top-level key
            kind = re.match(r"^    kind: ([a-z-]+)", line)
            if kind:
                current[1] = kind.group(1)
            current[2].append(line)
    for block in blocks:
        while block[2] and not block[2][-1].strip():
            block[2].pop()
    return [tuple(b) for b in blocks]


def sample_programmes():
    """The sample programmes: header lines, phase blocks (header, items, tail), and
    (kind, dose and progress lines) per item."""
    kinds = {}
    for name in sorted(os.listdir(os.path.join(REPO, "programmes/library"))):
        if name.endswith(".yaml"):
            for ident, kind, _ in exercise_blocks(read(os.path.join(REPO, "programmes/library", name))):
                kinds[ident] = kind
    headers, phases, doses, notes = [], [], {}, []
    for name in sorted(os.listdir(os.path.join(REPO, "programmes"))):
        if not name.endswith(".yaml"):
            continue
        lines = read(os.path.join(REPO, "programmes", name)).splitlines()
        top = [i for i, line in enumerate(lines) if re.match(r"^[a-z-]+:", line)]
        sections = {}
        for n, i in enumerate(top):
            key = lines[i].split(":")[0]
            sections[key] = lines[i : top[n + 1] if n + 1 < len(top) else len(lines)]
        header = []
        for n, i in enumerate(top):
            key = lines[i].split(":")[0]
            if key in ("phases", "notes", "exercises"):
                continue
            header.extend(sections[key])
        headers.append(header)
        notes.append(sections.get("notes", []))
        body = sections["phases"][1:]
        starts = [i for i, line in enumerate(body) if line.startswith("  - id:")] + [len(body)]
        for a, b in zip(starts, starts[1:]):
            block = body[a:b]
            items_at = block.index("    items:")
            after = [i for i in range(items_at + 1, len(block)) if re.match(r"^    [a-z-]+:", block[i])]
            end = after[0] if after else len(block)
            head = [line for line in block[:items_at] if not line.startswith("    weeks:")]
            tail = block[end:]
            while tail and not tail[-1].strip():
                tail.pop()
            phases.append((head, tail))
            item_lines = block[items_at + 1 : end]
            item_starts = [i for i, line in enumerate(item_lines) if line.startswith("      - use:")] + [len(item_lines)]
            for c, d in zip(item_starts, item_starts[1:]):
                item = item_lines[c:d]
                used = item[0].split(":", 1)[1].strip()
                kept = [line for line in item[1:] if re.match(r"^        (dose|progress):", line)]
                if kept and used in kinds:
                    doses.setdefault(kinds[used], []).append(kept)
    return headers, phases, doses, notes


def import_library(regimen, dataset, out):
    """The imported library's directory, or None when the data set is not there."""
    if not dataset or not os.path.isfile(os.path.join(dataset, "exercises.json")):
        return None
    target = os.path.join(out, "free-exercise-db-library")
    if not os.path.isdir(target):
        subprocess.run([regimen, "import", "free-exercise-db", dataset, "-o", target], check=True, stdout=subprocess.DEVNULL)
    return target


def exercise_pool(imported):
    """[(source name, [(id, kind, lines)], images directory)], in a fixed order."""
    sources = []
    directories = [os.path.join(REPO, "programmes/library")] + ([imported] if imported else [])
    for directory in directories:
        for name in sorted(os.listdir(directory)):
            if name.endswith(".yaml"):
                # Five imported exercises have no steps (RG207 in every programme that uses them).
                blocks = [b for b in exercise_blocks(read(os.path.join(directory, name))) if "    steps:" in b[2]]
                if blocks:
                    sources.append((name, blocks, os.path.join(directory, "images")))
    return sources


def link_or_copy(source, target):
    if os.path.exists(target):
        return
    os.makedirs(os.path.dirname(target), exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def library_file(rng, number, source, corpus):
    """The text of library file `number`, drawn from `source`, and its exercises (id, kind)."""
    name, blocks, images = source
    count = min(len(blocks), rng.randint(15, 45))
    chosen = sorted(rng.sample(range(len(blocks)), count))
    suffix = "-l%04d" % number
    ids = {blocks[i][0] for i in chosen}
    out = [
        "regimen-library: 1",
        "title: %s exercises, clinic set %d" % (name[:-5].replace("-", " ").capitalize(), number),
        "credits:",
        "  - Generated for Regimen's benchmarks from %s." % name,
        "",
        "exercises:",
    ]
    exercises = []
    for i in chosen:
        ident, kind, lines = blocks[i]
        out.append("  %s%s:" % (ident, suffix))
        for line in lines:
            reference = re.match(r"^    (progress-to|regress-to): ([a-z0-9-]+)\s*$", line)
            if reference:
                if reference.group(2) not in ids:
                    continue
                line = "    %s: %s%s" % (reference.group(1), reference.group(2), suffix)
            image = re.match(r"^(\s*- path: )images/(\S+)$", line)
            if image:
                link_or_copy(os.path.join(images, image.group(2)), os.path.join(corpus, "images", image.group(2)))
                line = image.group(1) + "../images/" + image.group(2)
            out.append(line)
        out.append("")
        exercises.append((ident + suffix, kind))
    return "\n".join(out).rstrip() + "\n", exercises


def programme_file(rng, number, includes, samples):
    """The text of programme `number`, using the exercises of `includes` [(path, exercises)]."""
    headers, phases, doses, notes = samples
    header = list(rng.choice(headers))
    paths = ", ".join(path for path, _ in includes)
    out = []
    for line in header:
        if line.startswith("id:"):
            line = "id: programme-%05d" % number
        elif line.startswith("library:"):
            line = "library: [%s]" % paths
        out.append(line)
    while out and not out[-1].strip():
        out.pop()
    out += ["", "phases:"]
    available = [exercise for _, exercises in includes for exercise in exercises]
    week = 1
    for p in range(rng.randint(2, 4)):
        head, tail = rng.choice(phases)
        length = rng.randint(2, 4)
        for line in head:
            if line.startswith("  - id:"):
                out.append("  - id: phase-%d-%s" % (p + 1, line.split(":", 1)[1].strip()))
                out.append("    weeks: %d-%d" % (week, week + length - 1))
            else:
                out.append(line)
        week += length
        out.append("    items:")
        for ident, kind in rng.sample(available, min(len(available), rng.randint(4, 8))):
            out.append("      - use: " + ident)
            out.extend(rng.choice(doses.get(kind) or doses["strength"]))
        out.extend(tail)
        out.append("")
    out.extend(rng.choice(notes))
    return "\n".join(out).rstrip() + "\n"


def make_corpus(size, seed, out, pool, samples, local):
    corpus = os.path.join(out, "corpus-%d-s%d%s" % (size, seed, "-local" if local else ""))
    done = os.path.join(corpus, ".complete")
    if os.path.exists(done):
        return corpus
    if os.path.isdir(corpus):
        shutil.rmtree(corpus)
    os.makedirs(os.path.join(corpus, ".git"))  # marks the repository root that includes stay inside
    rng = random.Random("%d-%d" % (seed, size))
    libraries = max(1, size // 10)
    programmes = size - libraries
    catalogue = []
    os.makedirs(os.path.join(corpus, "library"))
    for n in range(1, libraries + 1):
        text, exercises = library_file(rng, n, rng.choice(pool), corpus)
        name = "library/lib-%04d.yaml" % n
        with open(os.path.join(corpus, name), "w", encoding="utf-8") as f:
            f.write(text)
        catalogue.append((name, exercises))
    for n in range(1, programmes + 1):
        chosen = rng.sample(catalogue, min(len(catalogue), rng.randint(2, 3)))
        directory = "programmes/g%03d" % ((n - 1) // PER_DIRECTORY + 1)
        includes = [("../../" + name, exercises) for name, exercises in chosen]
        os.makedirs(os.path.join(corpus, directory), exist_ok=True)
        with open(os.path.join(corpus, directory, "programme-%05d.yaml" % n), "w", encoding="utf-8") as f:
            f.write(programme_file(rng, n, includes, samples))
    with open(done, "w") as f:
        f.write("%d programmes, %d library files\n" % (programmes, libraries))
    return corpus


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", default=os.path.join(REPO, ".build-bench"))
    parser.add_argument("--regimen", default=os.path.join(REPO, ".build/release/regimen"))
    parser.add_argument("--free-exercise-db", default=os.path.join(REPO, "../shared/data/free-exercise-db"))
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    imported = import_library(args.regimen, args.free_exercise_db, args.out)
    if imported is None:
        print("make_corpus: free-exercise-db not found at %s: the exercises come from programmes/library/ only"
              % args.free_exercise_db, file=sys.stderr)
    pool = exercise_pool(imported)
    samples = sample_programmes()
    for size in [int(s) for s in args.sizes.split(",") if s.strip()]:
        corpus = make_corpus(size, args.seed, args.out, pool, samples, imported is None)
        print(corpus)


if __name__ == "__main__":
    main()
