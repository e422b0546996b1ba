#!/usr/bin/env bash
# Builds the Debian packages: build-deb/sach_VERSION_ARCH.deb (the command,
# rules, man page, crawl unit and timer) and build-deb/libsach-dev_VERSION_ARCH.deb
# (library, headers, CMake package, pkg-config file). A build of its own,
# prefix /usr, without tests or bench.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build-deb -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
  -DBUILD_TESTING=OFF -DSACH_BENCH=OFF ${SACH_CMAKE_ARGS:-}
cmake --build build-deb -j "${JOBS:-$(nproc)}"
rm -f build-deb/*.deb
(cd build-deb && cpack -G DEB)
