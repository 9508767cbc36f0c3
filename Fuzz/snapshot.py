#!/usr/bin/env python3
"""Copies the package's sources into the fuzz build's snapshot folder (Scripts/fuzz.sh), so that a
build never sees a file change half way. Files whose bytes are unchanged are left alone (times
and all), so the build stays incremental; files gone from the source are removed.

    python3 Fuzz/snapshot.py SNAPSHOT_FOLDER FROM_FOLDER PATH... [-- FROM2 PATH...]
"""
import filecmp
import os
import shutil
import sys


def sync(src_root, dst_root, rel):
    src, dst = os.path.join(src_root, rel), os.path.join(dst_root, rel)
    if os.path.isdir(src):
        os.makedirs(dst, exist_ok=True)
        names = set(os.listdir(src))
        for name in os.listdir(dst):
            if name not in names:
                gone = os.path.join(dst, name)
                shutil.rmtree(gone) if os.path.isdir(gone) and not os.path.islink(gone) else os.remove(gone)
        for name in sorted(names):
            sync(src_root, dst_root, os.path.join(rel, name))
    elif os.path.isfile(src):
        if os.path.isdir(dst):
            shutil.rmtree(dst)
        if not (os.path.isfile(dst) and filecmp.cmp(src, dst, shallow=False)):
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            shutil.copyfile(src, dst)


def main():
    args = sys.argv[1:]
    if len(args) < 3:
        sys.exit(__doc__)
    dst = args.pop(0)
    while args:
        root = args.pop(0)
        while args and args[0] != "--":
            sync(root, dst, args.pop(0))
        if args:
            args.pop(0)


if __name__ == "__main__":
    main()
