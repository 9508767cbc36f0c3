"""What every step shares: the repository root, the progress log, place kinds and ids."""

import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

T0 = time.time()


def log(*a):
    print("[%6.1fs]" % (time.time() - T0), *a, file=sys.stderr, flush=True)


def kind_for(pop, code):
    if code in ("PPLC", "PPLA") or (pop or 0) >= 50000:
        return "city"
    if (pop or 0) >= 5000:
        return "town"
    return "village"


def unique_ids(items, key_base):
    """items: list of (parent_id, slug, sortkey, obj). Assigns ids: parent/slug, -2, -3..."""
    groups = {}
    for it in items:
        groups.setdefault((it[0], it[1]), []).append(it)
    ids = {}
    for (parent, slug), lst in groups.items():
        lst.sort(key=lambda it: it[2])
        for i, it in enumerate(lst):
            ids[id(it[3])] = "%s/%s" % (parent, slug) + ("" if i == 0 else "-%d" % (i + 1))
    return ids
