#!/usr/bin/python3
"""Peak memory of `sach clean` over a folder of N pages and of 10 x N pages:
streaming means the second is no larger than the first. The pages are copied
(gzipped as given) into a temp folder: once, then ten times in ten subfolders.

usage: bench/memory.py [--sach build/sach] PAGE...   (bench/run.sh passes the AEB pages)
Prints a markdown table: pages, seconds, pages/s, peak RSS (MiB) of the process.
"""
import argparse, os, shutil, subprocess, tempfile, time


def run(sach, folder, out):
    start = time.perf_counter()
    pid = os.spawnv(os.P_NOWAIT, sach, [sach, 'clean', '-q', '--out', out, folder])
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    return seconds, usage.ru_maxrss / 1024, code  # ru_maxrss is in KiB on Linux


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--sach', default='build/sach')
    ap.add_argument('pages', nargs='+')
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix='sach-memory-') as tmp:
        once, ten = os.path.join(tmp, 'once'), os.path.join(tmp, 'ten')
        for i in range(10):
            for p in args.pages:
                for folder in ([once] if i == 0 else []) + [os.path.join(ten, f'copy{i}')]:
                    os.makedirs(folder, exist_ok=True)
                    shutil.copy(p, folder)
        n = len(args.pages)
        print('| pages | seconds | pages/s | peak RSS MiB | exit |')
        print('|---:|---:|---:|---:|---:|')
        for folder, count in ((once, n), (ten, 10 * n)):
            seconds, rss, code = run(args.sach, folder, os.path.join(tmp, 'out-' + os.path.basename(folder)))
            print(f'| {count} | {seconds:.2f} | {count / seconds:.0f} | {rss:.1f} | {code} |')


main()
