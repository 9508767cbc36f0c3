#!/usr/bin/env python3
"""Build ConflictMap's gazetteer files from the offline sources in .cache/sources/.

A thin wrapper that runs the gazetteer_build package beside this file (one module per step; its
__main__.py describes the sources, the output and the options).

Usage: python3 Scripts/build-gazetteer.py [--only-afghanistan] [--sources DIR] [--out DIR]
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from gazetteer_build.__main__ import main  # noqa: E402

if __name__ == "__main__":
    main()
