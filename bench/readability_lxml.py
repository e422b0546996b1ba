#!/usr/bin/python3
"""readability-lxml (Debian python3-readability) over the same pages as sach_bench.
usage: readability_lxml.py [--rounds R] FILE...   (one process, one thread)"""
import gzip, resource, sys, time
from readability import Document

args = sys.argv[1:]
rounds = 1
if args[:1] == ['--rounds']:
    rounds, args = int(args[1]), args[2:]
pages = []
for f in args:
    data = open(f, 'rb').read()
    if data[:2] == b'\x1f\x8b':
        data = gzip.decompress(data)
    pages.append(data.decode('utf-8', 'replace'))
size = sum(len(p.encode('utf-8')) for p in pages)
failed = 0
start = time.perf_counter()
for _ in range(rounds):
    for p in pages:
        try:
            Document(p).summary()
        except Exception:
            failed += 1
secs = time.perf_counter() - start
n = len(pages) * rounds
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f'tool=readability-lxml threads=1 pages={n} seconds={secs:.3f} pages_per_s={n / secs:.1f} '
      f'mb_per_s={size * rounds / secs / 1e6:.2f} peak_rss_mb={rss:.1f} failed={failed}')
