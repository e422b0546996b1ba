#!/usr/bin/env python3
"""WARC throughput: records/s and MB/s (of the gzip input) of sach on a WARC
made from the AEB and wcxb-dev pages (../shared/corpora), one gzip member per
record as wget and Common Crawl write them: a request and a response record
per page, the response gzip-encoded in transit for every third page, plus a
warcinfo record.

Measured, best of three runs each (this machine varies by up to 40 %):
  reader   sach_bench --warc: every record read and turned into a page, no cleaning
  clean    sach clean --format jsonl -j N shard.warc.gz > /dev/null, N = 1, 2
  stdin    the same, the shard on standard input (the streaming filter)
  dask     sach-dask (scripts/cluster_clean.py) over the pages split in 8 shards, a local cluster of
           1 and of 2 worker processes (its wall clock includes starting the cluster)

usage: bench/warc.py [BUILD_DIR]      (default build; run bench/run.sh's build first)
"""
import glob, gzip, os, subprocess, sys, tempfile, time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
build = os.path.join(root, sys.argv[1] if len(sys.argv) > 1 else 'build')
corpora = os.environ.get('SACH_CORPORA', os.path.join(root, '..', 'shared', 'corpora'))


def record(kind, uri, block, content_type, n):
    head = (f'WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{n:012d}>\r\n'
            f'WARC-Date: 2026-12-01T10:00:00Z\r\n')
    if uri:
        head += f'WARC-Target-URI: {uri}\r\n'
    head += f'Content-Type: {content_type}\r\nContent-Length: {len(block)}\r\n\r\n'
    return gzip.compress(head.encode() + block + b'\r\n\r\n', 6)


def make_shard(path, part=0, parts=1):
    pages = sorted(glob.glob(os.path.join(corpora, 'aeb', 'html', '*.html.gz')) +
                   glob.glob(os.path.join(corpora, 'wcxb-dev', 'html', '*.html.gz')))
    with open(path, 'wb') as out:
        out.write(record('warcinfo', '', b'software: bench/warc.py\r\n', 'application/warc-fields', 0))
        for i, p in enumerate(pages):
            if i % parts != part:
                continue
            html = gzip.open(p).read()
            uri = f'https://example.{i % 50}.test/page/{i}.html'
            out.write(record('request', uri, f'GET /page/{i}.html HTTP/1.1\r\n\r\n'.encode(),
                             'application/http; msgtype=request', 2 * i + 1))
            headers = 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n'
            body = html
            if i % 3 == 0:
                headers += 'Content-Encoding: gzip\r\n'
                body = gzip.compress(html, 6)
            out.write(record('response', uri, headers.encode() + b'\r\n' + body,
                             'application/http; msgtype=response', 2 * i + 2))
    return len(pages)


def best(cmd, stdin_path=None):
    times = []
    for _ in range(3):
        with open(stdin_path, 'rb') if stdin_path else open(os.devnull, 'rb') as inp, \
                open(os.devnull, 'wb') as devnull:
            t = time.monotonic()
            subprocess.run(cmd, stdin=inp, stdout=devnull, stderr=subprocess.DEVNULL, check=False)
            times.append(time.monotonic() - t)
    return min(times)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        shard = os.path.join(tmp, 'shard.warc.gz')
        pages = make_shard(shard)
        mb = os.path.getsize(shard) / 1e6
        print(f'shard: {pages} pages, {2 * pages + 1} records, {mb:.1f} MB gzip')
        out = subprocess.run([os.path.join(build, 'sach_bench'), '--warc', '--rounds', '3', shard],
                             capture_output=True, text=True).stdout.strip()
        fields = dict(kv.split('=') for kv in out.split())
        print('| run | records/s | pages/s | MB/s (gzip input) |')
        print('|---|---|---|---|')
        print(f"| reader only | {float(fields['records_per_s']):.0f} | "
              f"{float(fields['records_per_s']) * pages / (2 * pages + 1):.0f} | {float(fields['mb_per_s']):.1f} |")
        sach = os.path.join(build, 'sach')
        for jobs in (1, 2):
            s = best([sach, 'clean', '-q', '--max-seconds', '0', '--format', 'jsonl', '-j', str(jobs), shard])
            print(f'| sach clean -j{jobs} | {(2 * pages + 1) / s:.0f} | {pages / s:.1f} | {mb / s:.2f} |')
        s = best([sach, 'clean', '-q', '--max-seconds', '0', '--format', 'jsonl', '-j', '2', '-'], shard)
        print(f'| sach clean -j2 - (stdin) | {(2 * pages + 1) / s:.0f} | {pages / s:.1f} | {mb / s:.2f} |')
        shards = [os.path.join(tmp, f'part-{k}.warc.gz') for k in range(8)]
        for k, path in enumerate(shards):
            make_shard(path, k, 8)
        env = dict(os.environ, PYTHONPATH=os.path.join(build, 'python') + ':' + os.path.join(root, 'scripts'),
                   SACH_RULES=os.path.join(root, 'rules'))
        for workers in (1, 2):
            runs = []
            for _ in range(3):
                out = os.path.join(tmp, f'dask-{workers}')
                t = time.monotonic()
                subprocess.run(['/usr/bin/python3', os.path.join(root, 'scripts', 'cluster_clean.py'), '--redo',
                                '--out', out, '--workers', str(workers)] + shards,
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
                runs.append(time.monotonic() - t)
            s = min(runs)
            print(f'| sach-dask, {workers} worker(s), 8 shards | {(2 * pages + 8) / s:.0f} | {pages / s:.1f} | '
                  f'{mb / s:.2f} |')


if __name__ == '__main__':
    main()
