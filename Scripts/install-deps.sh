#!/usr/bin/env bash
# Installs what ConflictMap needs and finds missing, saying what it installs.
#   Scripts/install-deps.sh          build and draw: Cairo, Pango, fonts for Latin and Arabic script
#   Scripts/install-deps.sh --test   also the independent readers the tests check files with, Chromium
#                                    for the report's browser test, and Java 17 and Python's venv for
#                                    the Spark test
set -euo pipefail

if ! command -v swift >/dev/null 2>&1; then
    echo "install-deps: the Swift toolchain is not on PATH; install Swift 6 first (https://swift.org/install)" >&2
    exit 1
fi

need=()
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
pkg-config --exists cairo 2>/dev/null || need+=(libcairo2-dev)
pkg-config --exists pangocairo 2>/dev/null || need+=(libpango1.0-dev)
pkg-config --exists zlib 2>/dev/null || need+=(zlib1g-dev)
if command -v fc-list >/dev/null 2>&1; then
    # Read the list whole: `fc-list | grep -q` under pipefail fails when grep stops early.
    families=$(fc-list : family 2>/dev/null || true)
    grep -q "DejaVu Sans" <<<"$families" || need+=(fonts-dejavu-core)
    grep -q "Noto Sans Arabic" <<<"$families" || need+=(fonts-noto-core)
else
    need+=(fontconfig fonts-dejavu-core fonts-noto-core)
fi
if [ "${1:-}" = "--test" ]; then
    command -v pdfinfo >/dev/null 2>&1 || need+=(poppler-utils)
    command -v rsvg-convert >/dev/null 2>&1 || need+=(librsvg2-bin)
    command -v ogrinfo >/dev/null 2>&1 || need+=(gdal-bin)
    # The HTML report's tests: headless Chromium drives it, HTML Tidy checks it.
    command -v chromium >/dev/null 2>&1 || need+=(chromium)
    command -v tidy >/dev/null 2>&1 || need+=(tidy)
    # The timeline's animated PNG is read back with Pillow.
    /usr/bin/python3 -c "import PIL" >/dev/null 2>&1 || need+=(python3-pil)
    # The Spark test: Java for Spark, and Python with venv for pyspark.
    command -v java >/dev/null 2>&1 || need+=(openjdk-17-jre-headless)
    if ! command -v python3 >/dev/null 2>&1; then
        need+=(python3 python3-venv)
    elif ! python3 -c "import venv, ensurepip" >/dev/null 2>&1; then
        need+=(python3-venv)
    fi
fi

if [ ${#need[@]} -eq 0 ]; then
    echo "install-deps: everything needed is installed"
    exit 0
fi

echo "install-deps: installing ${need[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
        echo "install-deps: need root to install ${need[*]}; run as root or install them yourself" >&2
        exit 1
    fi
fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
echo "install-deps: installed ${need[*]}"
