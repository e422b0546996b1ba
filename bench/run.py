"""Runs sach_bench, readability_lxml.py and readability_js.mjs on the same
pages, on one core and on all cores, and prints a markdown table. Called by
bench/run.sh, which installs and builds first."""
import os, subprocess, sys, time

pages = sys.argv[1:]
cores = os.cpu_count() or 1
# Enough rounds for each run to last a few seconds: sach is fast, peers slow.
SACH_ROUNDS, PEER_ROUNDS = 16, 1
# Shared virtual machines are noisy (runs of the same program differ by up to
# 40% here); every configuration runs this many times and the best run counts,
# for every tool alike.
REPEATS = 3

def parse(line):
    return dict(kv.split('=', 1) for kv in line.split())

def run_once(cmd):
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
    return parse(out)

def best(f, *args):
    return max((f(*args) for _ in range(REPEATS)), key=lambda r: float(r['pages_per_s']))

def run(cmd):
    return best(run_once, cmd)

def peers_parallel(cmd, n):
    return best(peers_parallel_once, cmd, n)

def peers_parallel_once(cmd, n):
    """n processes, each with a 1/n share of the pages; pages/s over the wall clock."""
    shares = [pages[i::n] for i in range(n)]
    start = time.perf_counter()
    procs = [subprocess.Popen(cmd + ['--rounds', str(PEER_ROUNDS)] + s, stdout=subprocess.PIPE, text=True)
             for s in shares if s]
    results = [parse(p.communicate()[0].strip().splitlines()[-1]) for p in procs]
    wall = time.perf_counter() - start
    total = sum(int(r['pages']) for r in results)
    mb = sum(float(r['mb_per_s']) * float(r['seconds']) for r in results)
    return {'tool': results[0]['tool'], 'threads': str(n), 'pages': str(total),
            'pages_per_s': f'{total / wall:.1f}', 'mb_per_s': f'{mb / wall:.2f}',
            'peak_rss_mb': max(r['peak_rss_mb'] for r in results)}

sach = ['build/sach_bench']
lxml = ['/usr/bin/python3', 'bench/readability_lxml.py']
js = ['node', 'bench/readability_js.mjs']
rows = []
for threads in sorted({1, cores}):
    rows.append(run(sach + ['--threads', str(threads), '--rounds', str(SACH_ROUNDS)] + pages))
    for peer in (lxml, js):
        rows.append(run(peer + ['--rounds', str(PEER_ROUNDS)] + pages) if threads == 1
                    else peers_parallel(peer, threads))

# Peak RSS must not grow with the number of pages: the same pages once vs 4x.
rss_once = run_once(sach + ['--rounds', '1'] + pages)['peak_rss_mb']
rss_four = run_once(sach + ['--rounds', '4'] + pages)['peak_rss_mb']

print(f'{len(pages)} pages, {cores} cores ({subprocess.run(["uname", "-m"], capture_output=True, text=True).stdout.strip()})\n')
print('| tool | threads | pages/s | MB/s | peak RSS MB | sach is x faster |')
print('|---|---|---|---|---|---|')
for r in rows:
    same = [float(x['pages_per_s']) for x in rows if x['threads'] == r['threads'] and x['tool'] != 'sach']
    ratio = ''
    if r['tool'] == 'sach' and same:
        ratio = f"{float(r['pages_per_s']) / max(same):.1f}x the faster peer"
    print(f"| {r['tool']} | {r['threads']} | {r['pages_per_s']} | {r['mb_per_s']} | {r['peak_rss_mb']} | {ratio} |")
print(f'\nsach peak RSS: {rss_once} MB for {len(pages)} pages, {rss_four} MB for {4 * len(pages)} (the same pages four times) '
      f'- memory does not grow with the number of pages.')
