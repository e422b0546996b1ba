#!/usr/bin/env bash
# Installs sach's build and test dependencies from Debian's archive.
# Idempotent: packages already present are not asked for again, and apt-get
# update runs only when something is missing.
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config python3
  libgumbo-dev libicu-dev libcurl4-openssl-dev libspdlog-dev
  doctest-dev libtomlplusplus-dev zlib1g-dev nlohmann-json3-dev
  libsqlite3-dev libpugixml-dev  # crawl state; feeds and sitemaps
  chromium  # the check report is tested in a real browser, headless
  clang libclang-rt-14-dev  # libFuzzer targets (scripts/fuzz.sh)
  wget  # the WARC tests read what `wget --warc-file` writes
  pybind11-dev python3-dev  # the Python module (python/)
  python3-distributed  # scripts/cluster_clean.py: Dask's scheduler and workers
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
