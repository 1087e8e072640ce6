#!/usr/bin/env python3
# ruff: noqa: E402 - run as a script, the project's path is added before bench.corpus
"""Generate a large, valid ``portal-bundle/1`` corpus for benchmarks.

    python bench/generate_corpus.py --items 10000 --out /tmp/corpus/bundle.json \
        [--seed 1] [--pdfs 20]

The corpus is deterministic for a given ``--seed`` and ``--items``. Items are
split about 15 % organisations, 45 % routines, 25 % guidance and 15 % news;
their text is Swedish built from the vocabulary of the field, with English for
about 70 % of the items and Italian, Greek or Latvian titles and summaries for
a few. About 5 % of the items are restricted. Routines have 2-6 steps whose
responsible party is one of the generated organisations. Every key is unique.

``--pdfs K`` writes K tiny valid PDFs to ``files/`` next to the JSON file and
attaches them to the first K guidance items; without it no document is
referenced. The script uses only the standard library so it also runs outside
the project's virtualenv. The generator is the ``bench/corpus`` package; this
file is its command line.
"""

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.corpus.files import write_corpus
from bench.corpus.generator import SHARES


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=1000, help="number of items (default 1000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--out", required=True, help="where to write the bundle's JSON")
    parser.add_argument(
        "--pdfs",
        type=int,
        default=0,
        metavar="K",
        help="write K tiny PDFs to files/ and attach them to K guidance items",
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    bundle = write_corpus(args.out, args.items, args.seed, args.pdfs)
    counts = ", ".join(f"{len(bundle[name])} {name}" for name in SHARES)
    size = Path(args.out).stat().st_size / 1e6
    print(
        f"{args.out}: {counts}; {size:.1f} MB in {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
