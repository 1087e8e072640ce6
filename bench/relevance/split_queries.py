"""Split corpus-queries.json once into a tune half and a test half.

Stratified by ``kind``: within each kind (taken in sorted order) the query ids
are sorted, shuffled with ``random.Random(20261202)`` and cut in two; the
first half (rounded down) goes to ``tune``, the rest to ``test``. The result
is written to split.json next to this script. Running it again gives the same
split as long as corpus-queries.json keeps the same ids and kinds.

    python bench/relevance/split_queries.py
"""

import json
import random
from collections import defaultdict
from pathlib import Path

SEED = 20261202
HERE = Path(__file__).resolve().parent


def split(queries, seed=SEED):
    rng = random.Random(seed)
    by_kind = defaultdict(list)
    for query in queries:
        by_kind[query["kind"]].append(query["id"])
    tune, test = [], []
    for kind in sorted(by_kind):
        ids = sorted(by_kind[kind])
        rng.shuffle(ids)
        half = len(ids) // 2
        tune.extend(ids[:half])
        test.extend(ids[half:])
    return {"seed": SEED, "stratified_by": "kind", "tune": sorted(tune), "test": sorted(test)}


def main():
    queries = json.loads((HERE / "corpus-queries.json").read_text(encoding="utf-8"))
    result = split(queries)
    (HERE / "split.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(f"tune: {len(result['tune'])} queries, test: {len(result['test'])} queries")


if __name__ == "__main__":
    main()
