#!/usr/bin/python3
"""sach-dask: clean many WARC/WET shards on a Dask cluster, one task per shard.

Each shard becomes OUT/<shard name>.jsonl.gz (one JSON line per article, the
keys of `sach clean --format jsonl` with warc_record_id and warc_date), written
to a temp file and renamed, so a shard's output is whole or absent: a re-run
redoes only the shards without output, and a task retried after a lost worker
never leaves duplicate lines. Dask (Debian's python3-distributed) schedules;
its dashboard shows the live progress.

usage:
  sach-dask --out DIR [--workers N] SHARD...              a cluster on this machine, N worker processes
  sach-dask --out DIR --scheduler tcp://HOST:8786 SHARD... a running cluster (`dask scheduler` on one host,
                                                          `dask worker tcp://HOST:8786` on the others; the
                                                          shards and DIR on storage they all see)
options: --rules DIR (on the workers), --no-captions, --redo (clean shards that have output too)
Prints a summary: records, articles, failures, and pages/s per worker.
"""
import argparse
import glob
import gzip
import json
import os
import sys
import time

SUFFIXES = ('.warc.wet.gz', '.warc.gz', '.warc', '.wet.gz', '.wet')


def output_path(shard, out_dir):
    name = os.path.basename(shard)
    for suffix in SUFFIXES:
        if name.endswith(suffix):
            name = name[:-len(suffix)]
            break
    return os.path.join(out_dir, name + '.jsonl.gz')


def clean_shard(shard, out_dir, rules_dir=None, captions=True, on_article=None):
    """Cleans one shard into its output file (temp + rename); returns its
    figures. `on_article(n)` is called after the n-th article is written."""
    import sach  # on the worker

    try:
        from distributed import get_worker
        worker = get_worker().address
    except (ImportError, ValueError):
        worker = 'local'
    start = time.monotonic()
    final = output_path(shard, out_dir)
    tmp = f'{final}.tmp-{os.getpid()}'
    rules = sach.Rules(rules_dir) if rules_dir else None
    it = sach.iter_warc(shard, rules=rules, captions=captions)
    articles = 0
    try:
        with gzip.open(tmp, 'wt', encoding='utf-8') as out:
            for article in it:
                del article['paragraphs']  # "text" holds them, as the command's JSON lines do
                out.write(json.dumps(article, ensure_ascii=False) + '\n')
                articles += 1
                if on_article:
                    on_article(articles)
        os.replace(tmp, final)
        # What a worker killed mid-write left of this shard's output.
        for stale in glob.glob(glob.escape(final) + '.tmp-*'):
            os.remove(stale)
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise
    failures = len(it.errors)
    return {'shard': shard, 'output': final, 'worker': worker, 'articles': articles, 'skipped': it.skipped,
            'failures': failures, 'records': articles + it.skipped + failures,
            'errors': [f'{name}: {why}' for name, why in it.errors],
            'seconds': time.monotonic() - start}


def run(shards, out_dir, client, rules_dir=None, captions=True, redo=False, task=clean_shard):
    """Maps `task` over the shards that need it; returns (results, failed shards)."""
    os.makedirs(out_dir, exist_ok=True)
    outputs = {}
    for s in shards:
        if outputs.setdefault(output_path(s, out_dir), s) != s:
            raise ValueError(f'{s} and {outputs[output_path(s, out_dir)]} would write the same output')
    todo = [s for s in shards if redo or not os.path.exists(output_path(s, out_dir))]
    # pure=False: a re-submitted shard is cleaned again, never served from a cache.
    futures = client.map(task, todo, out_dir=out_dir, rules_dir=rules_dir, captions=captions, pure=False)
    results, failed = [], []
    from distributed import as_completed
    for future in as_completed(futures):
        try:
            results.append(future.result())
        except Exception as e:  # a shard that cannot be read, or a task that kept killing its worker
            failed.append((future.key, repr(e)))
    return results, failed, len(shards) - len(todo)


def summary(results, failed, already, wall):
    lines = []
    records = sum(r['records'] for r in results)
    articles = sum(r['articles'] for r in results)
    failures = sum(r['failures'] for r in results)
    lines.append(f'{len(results)} shards cleaned, {already} already done, {len(failed)} failed; '
                 f'{records} records, {articles} articles, {failures} records failed; '
                 f'{records / wall:.1f} records/s, {articles / wall:.1f} pages/s over {wall:.1f} s')
    by_worker = {}
    for r in results:
        w = by_worker.setdefault(r['worker'], [0, 0, 0.0])
        w[0] += 1
        w[1] += r['articles']
        w[2] += r['seconds']
    for worker, (n, pages, seconds) in sorted(by_worker.items()):
        lines.append(f'  {worker}: {n} shards, {pages} pages, {pages / seconds if seconds else 0:.1f} pages/s')
    for key, why in failed:
        lines.append(f'  failed: {key}: {why}')
    return '\n'.join(lines)


def main(argv=None):
    p = argparse.ArgumentParser(prog='sach-dask', description=__doc__.split('\n')[0])
    p.add_argument('shards', nargs='+', metavar='SHARD')
    p.add_argument('--out', required=True)
    p.add_argument('--scheduler', help='address of a running Dask scheduler (default: a local cluster)')
    p.add_argument('--workers', type=int, default=os.cpu_count() or 1, help='local cluster: worker processes')
    p.add_argument('--rules')
    p.add_argument('--no-captions', action='store_true')
    p.add_argument('--redo', action='store_true', help='clean shards that already have output too')
    a = p.parse_args(argv)
    missing = [s for s in a.shards if not os.path.isfile(s)]
    for s in missing:
        print(f'sach-dask: {s}: no such file', file=sys.stderr)
    shards = [s for s in a.shards if os.path.isfile(s)]
    from distributed import Client, LocalCluster
    start = time.monotonic()
    if a.scheduler:
        client = Client(a.scheduler)
        cluster = None
    else:
        cluster = LocalCluster(n_workers=a.workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        results, failed, already = run(shards, a.out, client, a.rules, not a.no_captions, a.redo)
    except ValueError as e:
        print(f'sach-dask: {e}', file=sys.stderr)
        return 2
    finally:
        client.close()
        if cluster:
            cluster.close()
    print(summary(results, failed, already, time.monotonic() - start))
    for r in results:
        for e in r['errors']:
            print(f'sach-dask: error: {e}', file=sys.stderr)
    return 1 if failed or missing or any(r['failures'] for r in results) else 0


if __name__ == '__main__':
    sys.exit(main())
