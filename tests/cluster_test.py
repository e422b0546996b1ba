#!/usr/bin/env python3
"""sach-dask (scripts/cluster_clean.py) on a Dask LocalCluster of 2 worker
processes on 127.0.0.1, over shards made here from the samples: every shard's
output holds exactly its articles, also when a worker is killed mid-write (the
task runs again elsewhere; no line twice, no temp file left); a re-run redoes
only what has no output. Run by ctest with PYTHONPATH at the build's python/
folder and scripts/.   usage: cluster_test.py SOURCE_DIR"""
import gzip, json, os, signal, sys, tempfile, unittest

import sach
import cluster_clean

SOURCE = sys.argv.pop(1) if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HTML = ['baocantho', 'baochinhphu', 'baotintuc', 'vietnamplus', 'vtcnews', 'vtv']


def record(kind, uri, block, content_type, n):
    head = (f'WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{n}>\r\nWARC-Date: 2026-12-01T10:00:00Z\r\n'
            f'WARC-Target-URI: {uri}\r\nContent-Type: {content_type}\r\nContent-Length: {len(block)}\r\n\r\n')
    return gzip.compress(head.encode() + block + b'\r\n\r\n')


def make_shards(folder, count):
    shards = []
    for k in range(count):
        path = os.path.join(folder, f'shard-{k}.warc.gz')
        with open(path, 'wb') as out:
            for i, name in enumerate(HTML):
                with open(os.path.join(SOURCE, 'samples', 'html', name, 'input.html'), 'rb') as f:
                    page = f.read()
                uri = f'http://127.0.0.1:9/{k}/{name}.html'
                out.write(record('request', uri, b'GET / HTTP/1.1\r\n\r\n', 'application/http; msgtype=request',
                                 f'{k}-{i}-q'))
                out.write(record('response', uri, b'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n' + page,
                                 'application/http; msgtype=response', f'{k}-{i}-r'))
        shards.append(path)
    return shards


def lines_of(path):
    with gzip.open(path, 'rt', encoding='utf-8') as f:
        return sorted(f.read().splitlines())


def expected_lines(shard):
    out = []
    for a in sach.iter_warc(shard):
        del a['paragraphs']
        out.append(json.dumps(a, ensure_ascii=False))
    return sorted(out)


# Runs on the workers (cloudpickle sends it by value): the first time the
# marked shard is cleaned, its worker process is killed after two articles.
def killing_task(shard, out_dir, rules_dir=None, captions=True, marker=None, victim=None):
    def on_article(n):
        if n == 2 and shard == victim and not os.path.exists(marker):
            open(marker, 'w').close()
            os.kill(os.getpid(), signal.SIGKILL)
    return cluster_clean.clean_shard(shard, out_dir, rules_dir, captions, on_article)


class ClusterTest(unittest.TestCase):
    def test_a_worker_killed_mid_task_costs_nothing(self):
        from distributed import Client, LocalCluster
        import functools
        with tempfile.TemporaryDirectory() as tmp:
            shards = make_shards(tmp, 4)
            out = os.path.join(tmp, 'out')
            marker = os.path.join(tmp, 'killed')
            task = functools.partial(killing_task, marker=marker, victim=shards[1])
            with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host='127.0.0.1',
                              dashboard_address=None) as cluster, Client(cluster) as client:
                results, failed, already = cluster_clean.run(shards, out, client, task=task)
            self.assertTrue(os.path.exists(marker), 'the worker was not killed')
            self.assertEqual(failed, [])
            self.assertEqual(already, 0)
            self.assertEqual(sorted(r['shard'] for r in results), shards)
            for shard in shards:
                with self.subTest(shard):
                    got = lines_of(cluster_clean.output_path(shard, out))
                    self.assertEqual(got, expected_lines(shard))
                    self.assertEqual(len(got), len(set(got)))  # no line twice
            self.assertEqual(sorted(os.listdir(out)), [f'shard-{k}.jsonl.gz' for k in range(4)])  # no temp left
            for r in results:
                self.assertEqual((r['records'], r['articles'], r['skipped'], r['failures']), (12, 6, 6, 0))

    def test_the_command_cleans_and_a_rerun_redoes_only_what_is_missing(self):
        with tempfile.TemporaryDirectory() as tmp:
            shards = make_shards(tmp, 3)
            out = os.path.join(tmp, 'out')
            os.makedirs(out)
            first = cluster_clean.output_path(shards[0], out)
            with gzip.open(first, 'wt') as f:
                f.write('{"kept": "from an earlier run"}\n')
            self.assertEqual(cluster_clean.main(['--out', out, '--workers', '2'] + shards), 0)
            self.assertEqual(lines_of(first), ['{"kept": "from an earlier run"}'])  # not redone
            for shard in shards[1:]:
                self.assertEqual(lines_of(cluster_clean.output_path(shard, out)), expected_lines(shard))
            self.assertEqual(cluster_clean.main(['--out', out, '--workers', '1', shards[0],
                                                 os.path.join(tmp, 'missing.warc.gz')]), 1)


if __name__ == '__main__':
    unittest.main()
