#!/usr/bin/env python3
"""The Python module (python/sach_module.cc), as a user imports it: run by
ctest with PYTHONPATH at the build's python/ folder and SACH_RULES at rules/.
usage: python_test.py SOURCE_DIR"""
import gzip, os, sys, tempfile, threading, time, unittest

import sach

SOURCE = sys.argv.pop(1) if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HTML = ['baocantho', 'baochinhphu', 'baotintuc', 'vietnamplus', 'vtcnews', 'vtv']


def read(*parts, mode='rb'):
    with open(os.path.join(SOURCE, *parts), mode, **({} if 'b' in mode else {'encoding': 'utf-8'})) as f:
        return f.read()


def expected(kind, name):
    """(front matter dict, body paragraphs) of a sample's expected.txt."""
    text = read('samples', kind, name, 'expected.txt', mode='r')
    head, _, body = text[4:].partition('\n---\n')
    meta = {}
    for line in head.splitlines():
        key, _, value = line.partition(': ')
        meta[key] = value[1:-1] if value.startswith('"') else value
    return meta, [p for p in body.split('\n') if p]


def record(kind, uri, block, content_type):
    head = (f'WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{kind}-{len(block)}>\r\n'
            f'WARC-Date: 2026-12-01T10:00:00Z\r\nWARC-Target-URI: {uri}\r\n'
            f'Content-Type: {content_type}\r\nContent-Length: {len(block)}\r\n\r\n')
    return gzip.compress(head.encode() + block + b'\r\n\r\n')


class CleanTest(unittest.TestCase):
    def test_samples_come_out_as_expected(self):
        for name in HTML:
            with self.subTest(name):
                page = read('samples', 'html', name, 'input.html')
                got = sach.clean(page)
                meta, body = expected('html', name)
                self.assertEqual(got['title'], meta['title'])
                self.assertEqual(got['paragraphs'], body)
                self.assertEqual(got['text'], '\n\n'.join(body))
                self.assertEqual(set(got), {'title', 'date', 'author', 'source', 'url', 'site', 'text', 'paragraphs'})

    def test_str_and_a_dump_and_the_url(self):
        dump = read('samples', 'dumps', '000_17fa29c206418ba5', 'input.txt', mode='r')
        meta, body = expected('dumps', '000_17fa29c206418ba5')
        got = sach.clean(dump)
        self.assertEqual(got['paragraphs'], body)
        self.assertEqual(sach.clean(dump, url='https://example.org/a.html')['url'], 'https://example.org/a.html')

    def test_rules_loaded_once_and_captions(self):
        rules = sach.Rules(os.path.join(SOURCE, 'rules'))
        page = read('samples', 'html', 'vtv', 'input.html')
        with_captions = sach.clean(page, rules=rules)
        without = sach.clean(page, rules=rules, captions=False)
        self.assertLessEqual(len(without['paragraphs']), len(with_captions['paragraphs']))
        self.assertTrue(set(without['paragraphs']) <= set(with_captions['paragraphs']))
        with self.assertRaises(ValueError):
            sach.Rules('/nonexistent/rules')

    def test_no_article_raises(self):
        for bad in (b'', b'\x00\x01\x02PNG' * 10, '<html><body><nav>Trang chủ</nav></body></html>'):
            with self.assertRaises(sach.CleanError):
                sach.clean(bad)
        with self.assertRaises(TypeError):
            sach.clean(12)

    def test_another_thread_runs_while_a_long_clean_is_in_progress(self):
        # A page that takes a while to clean (distinct paragraphs: repeats would be dropped early).
        page = ('<html><body><article><h1>Bài dài</h1>' +
                ''.join(f'<p>Đoạn {i}: một đoạn văn của bài báo, đủ dài để được giữ lại trong bài, '
                        f'kể lại sự việc thứ {i} cho người đọc. ' * 3 + '</p>\n' for i in range(20000)) +
                '</article></body></html>').encode()
        window = {}

        def long_clean():
            window['start'] = time.monotonic()
            sach.clean(page)
            window['end'] = time.monotonic()

        stamps = []
        t = threading.Thread(target=long_clean)
        t.start()
        while t.is_alive():
            stamps.append(time.monotonic())
            for _ in range(1000):
                pass
        t.join()
        # With the GIL held through the clean, this thread could run only
        # around its start and end (a switch interval, 5 ms), never in the
        # middle half of it.
        quarter = (window['end'] - window['start']) / 4
        self.assertGreater(quarter, 0.02)
        middle = [x for x in stamps if window['start'] + quarter < x < window['end'] - quarter]
        self.assertGreater(len(middle), 0)


class WarcTest(unittest.TestCase):
    def test_iter_warc_yields_the_pages_cleaned(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, 'shard.warc.gz')
            members = []
            for i, name in enumerate(HTML):
                page = read('samples', 'html', name, 'input.html')
                uri = f'http://127.0.0.1:9/tin-tuc/{name}.html'
                members.append(record('request', uri, b'GET / HTTP/1.1\r\n\r\n', 'application/http; msgtype=request'))
                http = b'HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n' + page
                members.append(record('response', uri, http, 'application/http; msgtype=response'))
            members[3] = members[3][:len(members[3]) // 2]  # the second page's member cut short
            with open(path, 'wb') as f:
                f.write(b''.join(members))
            it = sach.iter_warc(path)
            got = list(it)
            # Every page but the one whose member was cut, in order.
            self.assertEqual([a['title'] for a in got],
                             [expected('html', n)[0]['title'] for n in HTML if n != 'baochinhphu'])
            self.assertEqual(len(got), 5)
            for a in got:
                self.assertTrue(a['warc_record_id'].startswith('<urn:uuid:response-'))
                self.assertEqual(a['warc_date'], '2026-12-01T10:00:00Z')
                self.assertTrue(a['input'].startswith(path + '@'))
            self.assertEqual(it.skipped, 6)  # the requests
            self.assertEqual(len(it.errors), 1)
            self.assertIn('gzip member', it.errors[0][1])

    def test_iter_warc_on_a_wet(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, 'shard.warc.wet.gz')
            dump = read('samples', 'dumps', '000_17fa29c206418ba5', 'input.txt')
            with open(path, 'wb') as f:
                f.write(record('conversion', 'https://example.org/a', dump, 'text/plain'))
            got = list(sach.iter_warc(path))
            self.assertEqual(len(got), 1)
            self.assertEqual(got[0]['paragraphs'], expected('dumps', '000_17fa29c206418ba5')[1])


if __name__ == '__main__':
    unittest.main()
