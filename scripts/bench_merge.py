"""Merges benchmark sections into BENCHMARKS.md: bench_merge.py FILE SECTION_DIR RUN_LINE.

BENCHMARKS.md is an introduction followed by sections, each opened by a marker line
``<!-- section: ID -->``. A section written by this run (SECTION_DIR/ID.md) replaces the one with
the same id; the others stay as they were; sections are kept in id order. The run line goes under
each new section, so every figure says when, where and by which command it was measured.
"""
import pathlib
import re
import sys

INTRO = """# Benchmarks

Produced by `make bench` (`scripts/bench.sh`): every test class named `*Benchmark` runs (never part
of `make test`), and each writes its section below. Absolute times on a shared 2-core machine drift,
so each figure is given against a baseline measured in the same run; the targets of issue 7 are
checked in each section. `make bench BENCH=EngineBenchmark` reruns one section and keeps the others.
"""

MARKER = re.compile(r"^<!-- section: ([0-9]{2}-[a-z0-9-]+) -->$", re.M)


def sections(text):
    found = {}
    marks = list(MARKER.finditer(text))
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        found[m.group(1)] = text[m.end():end].strip() + "\n"
    return found


def main(target, section_dir, run_line):
    path = pathlib.Path(target)
    old = sections(path.read_text()) if path.exists() else {}
    for new in sorted(pathlib.Path(section_dir).glob("*.md")):
        old[new.stem] = new.read_text().strip() + "\n\n_" + run_line + "_\n"
    body = "".join(f"\n<!-- section: {key} -->\n{old[key]}" for key in sorted(old))
    path.write_text(INTRO + body)


if __name__ == "__main__":
    main(*sys.argv[1:4])
