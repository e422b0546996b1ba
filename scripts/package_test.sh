#!/usr/bin/env bash
# The Debian packages as a user meets them (root, as CI runs): build them,
# `apt install` them, clean a sample with the installed sach from another
# directory, check what the package put in place (man page, unit and timer,
# the sach user), build examples/embed.cc against the installed library with
# find_package(sach) and with pkg-config, run it, then remove the packages.
set -euo pipefail
cd "$(dirname "$0")/.."
src=$PWD
fail() { echo "package_test: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || fail "needs root (apt install); SACH_SKIP_PACKAGE=1 skips it"

bash scripts/package.sh
deb=$(ls build-deb/sach_*.deb) dev=$(ls build-deb/libsach-dev_*.deb)
depends=$(dpkg-deb -f "$deb" Depends)
for lib in libgumbo1 libicu libcurl4 libsqlite3 passwd; do
  grep -q "$lib" <<<"$depends" || fail "$deb: Depends lacks $lib: $depends"
done

cleanup() { apt-get purge -y -qq sach libsach-dev >/dev/null 2>&1 || true; rm -rf "$work"; }
work=$(mktemp -d)
trap cleanup EXIT
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "./$deb" "./$dev" >/dev/null

# The installed command, from elsewhere, with nothing but what it installed.
cd "$work"
[ "$(command -v sach)" = /usr/bin/sach ] || fail "sach is not /usr/bin/sach"
example=/usr/share/doc/sach/examples/input.html
env -u SACH_RULES sach clean "$example" > cleaned.txt
# The sample's labels leave out url: and site: (as tests/samples_test.cc compares).
grep -v -e '^url: ' -e '^site: ' cleaned.txt | cmp - "$src/samples/html/baocantho/expected.txt" ||
  fail "installed sach cleans the example differently from samples/html/baocantho/expected.txt"
env -u SACH_RULES sach rules lint | grep -q "^/usr/share/sach/rules: ok" || fail "rules lint does not read /usr/share/sach/rules"
! grep -q "$src" /usr/bin/sach || fail "/usr/bin/sach names the source tree $src"
[ -f /usr/share/man/man1/sach.1.gz ] || fail "no man page"
zcat /usr/share/man/man1/sach.1.gz | grep -q '^\.TH SACH 1' || fail "the man page is not sach(1)"
for unit in sach-crawl.service sach-crawl.timer; do
  [ -f /usr/lib/systemd/system/$unit ] || fail "no $unit"
done
grep -q '^ExecStart=/usr/bin/sach crawl --once --config /etc/sach/sites.toml --out /var/lib/sach/articles$' \
  /usr/lib/systemd/system/sach-crawl.service || fail "the unit does not run the installed sach"
[ -f /etc/sach/sites.toml ] || fail "no /etc/sach/sites.toml"
getent passwd sach | grep -q ':/var/lib/sach:' || fail "no system user sach"
[ "$(stat -c %U /var/lib/sach)" = sach ] || fail "/var/lib/sach is not the user sach's"

# The Python module, from the source tree as the README shows it (Debian's
# python3: the module is in /usr/lib/python3/dist-packages, the rules found
# in /usr/share/sach/rules beside it).
title=$(cd "$src" && env -u SACH_RULES -u PYTHONPATH /usr/bin/python3 -c \
  "import sach; print(sach.clean(open('samples/html/vtv/input.html','rb').read())['title'])")
grep -qxF "title: \"$title\"" "$src/samples/html/vtv/expected.txt" ||
  fail "the installed Python module gives the title '$title', not samples/html/vtv/expected.txt's"
/usr/bin/sach-dask --help | grep -q "^usage: sach-dask" || fail "sach-dask --help does not run"

# The library, as an embedder uses it.
cmake -S /usr/share/doc/sach/examples -B embed-cmake -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build embed-cmake >/dev/null
embed-cmake/embed "$example" > embed-cmake.txt
cmp embed-cmake.txt cleaned.txt || fail "embed (find_package) cleans differently from sach"
# shellcheck disable=SC2046  # pkg-config's flags are words
c++ -O1 -o embed-pc /usr/share/doc/sach/examples/embed.cc $(pkg-config --static --cflags --libs sach)
./embed-pc "$example" > embed-pc.txt
cmp embed-pc.txt cleaned.txt || fail "embed (pkg-config) cleans differently from sach"

apt-get purge -y -qq sach libsach-dev >/dev/null
[ ! -e /usr/bin/sach ] || fail "/usr/bin/sach left after purge"
echo "package_test: $(basename "$deb") and $(basename "$dev") installed, used, embedded and removed"
