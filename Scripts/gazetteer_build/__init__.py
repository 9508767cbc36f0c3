"""ConflictMap's gazetteer build, one module per step (run it with `python3
Scripts/build-gazetteer.py` or `cd Scripts && python3 -m gazetteer_build`; see __main__.py).

Importing the package runs nothing: Scripts/check-gazetteer.py imports its geometry module."""
