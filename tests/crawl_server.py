#!/usr/bin/env python3
"""A loopback news site for the `sach crawl` tests: real HTTP, faults on purpose.

usage: crawl_server.py SAMPLES_HTML_DIR LOG [--article-delay SECONDS]

Binds 127.0.0.1 on port 0, prints the port on the first stdout line, serves
until GET /quit.  BASE below is http://127.0.0.1:PORT; OTHER is
http://localhost:PORT, the "other host" (served the same way, but a correct
crawler never asks it for anything: the test reads LOG to check that).

Site layout (routes match the raw request path, query included):
  /robots.txt             Disallow /private/ for *, everything for otherbot
  /tin-tuc                listing page 1: links to articles, every fault below,
                          /private/secret.html, OTHER/tin-tuc/offsite.html,
                          /lien-he, mailto:, and /tin-tuc?trang=2
  /tin-tuc?trang=2        baotintuc, baocantho again (duplicate), ?trang=3
  /tin-tuc?trang=3        deep.html (beyond max depth 2 from /tin-tuc)
  /rss.xml                RSS 2.0: vietnamplus, vtcnews (CDATA), baocantho
  /sitemap.xml            sitemapindex -> /sitemap-news.xml (vtv, baochinhphu)
  /tin-tuc/NAME.html      the sample NAME/input.html for the six sample names;
                          deep.html = vtv, offsite.html = baotintuc
  /lien-he                small page with no article text
  /private/secret.html    small page (disallowed by robots.txt)
  /quit                   200 "bye", then the server shuts down
  anything else           404
Faults ("first" = first request for that path in this process):
  flaky.html  500 first, then baochinhphu    busy.html  429 + Retry-After: 1
  reset.html  TCP reset first, then vietnamplus          first, then baotintuc
  truncated.html  first: 2000 of the vtcnews bytes, then close; later: full
  stall.html  always: Content-Length 100000, 100 bytes, 10 s silence, close
  loop.html   always 302 to itself     away.html  302 to OTHER/tin-tuc/vtv.html
  huge.html   30 000 000 bytes of HTML, streamed in 64 KiB chunks
  wrong-charset.html  vtv's UTF-8 bytes labelled charset=iso-8859-1
Every full 200 page carries ETag "<16 hex of sha1(body)>" and a fixed
Last-Modified, and a matching If-None-Match (or, without one, an
If-Modified-Since at or after that date) gets 304.  Faults win over 304.
HEAD is answered like GET without a body.  The server speaks HTTP/1.0 (one
request per connection), so no client silently retries on a reused socket.

LOG gets one line per request, written after the status is decided and before
the body: "<monotonic seconds .3f> <status> <host> <path> <cond>", where status
is the code sent or the word reset/truncated, host is the Host header without
its port, and cond is "cond" if the request had If-None-Match or
If-Modified-Since, else "-".
"""
import argparse, email.utils, hashlib, http.server, os, socket, socketserver
import struct, sys, threading, time
from datetime import timezone

SAMPLES = ('baocantho', 'baochinhphu', 'baotintuc', 'vietnamplus', 'vtcnews', 'vtv')
LAST_MODIFIED = 'Mon, 02 Sep 2024 08:00:00 GMT'
LM_DATE = email.utils.parsedate_to_datetime(LAST_MODIFIED)
HTML = 'text/html; charset=utf-8'
HUGE_SIZE, CHUNK = 30_000_000, 64 * 1024
HUGE_HEAD, HUGE_TAIL = b'<html><body><p>', b'</p></body></html>'
HUGE_FILLER = (b'tin tuc ' * (CHUNK // 8 + 1))[:CHUNK]

ap = argparse.ArgumentParser()
ap.add_argument('samples')
ap.add_argument('log')
ap.add_argument('--article-delay', type=float, default=0.0)
args = ap.parse_args()

sample = {n: open(f'{args.samples}/{n}/input.html', 'rb').read() for n in SAMPLES}
log = open(args.log, 'a', buffering=1)
lock = threading.Lock()
hits = {}


def etag_of(body):
    return '"%s"' % hashlib.sha1(body).hexdigest()[:16]


def huge_chunks():
    """The huge body, piece by piece, without holding 30 MB in memory."""
    yield HUGE_HEAD
    left = HUGE_SIZE - len(HUGE_HEAD) - len(HUGE_TAIL)
    while left > 0:
        yield HUGE_FILLER[:min(left, CHUNK)]
        left -= CHUNK
    yield HUGE_TAIL


_h = hashlib.sha1()
for _c in huge_chunks():
    _h.update(_c)
HUGE_ETAG = '"%s"' % _h.hexdigest()[:16]


def page(title, links):
    items = ''.join(f'    <li><a href="{href}">{text}</a></li>\n' for href, text in links)
    return (f'<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
            f'<title>{title}</title>\n</head>\n<body>\n<h1>{title}</h1>\n'
            f'<ul>\n{items}</ul>\n</body>\n</html>\n').encode()


def build_site(port):
    base, other = f'http://127.0.0.1:{port}', f'http://localhost:{port}'
    faults = ['flaky', 'busy', 'reset', 'truncated', 'stall', 'loop', 'away', 'huge',
              'wrong-charset']
    listing1 = page('Tin tức', [('/tin-tuc/baocantho.html', 'Cần Thơ thanh tra'),
                                ('/tin-tuc/baochinhphu.html', 'Chính phủ chỉ đạo')]
                    + [(f'/tin-tuc/{f}.html', f'Bài {f}') for f in faults]
                    + [('/private/secret.html', 'Bí mật'),
                       (f'{other}/tin-tuc/offsite.html', 'Trang khác'),
                       ('/lien-he', 'Liên hệ'), ('mailto:x@y.vn', 'Thư'),
                       ('/tin-tuc?trang=2', 'Trang 2')])
    listing2 = page('Tin tức - trang 2', [('/tin-tuc/baotintuc.html', 'Ngộ độc khí'),
                                          ('/tin-tuc/baocantho.html', 'Cần Thơ thanh tra'),
                                          ('/tin-tuc?trang=3', 'Trang 3')])
    listing3 = page('Tin tức - trang 3', [('/tin-tuc/deep.html', 'Bài sâu')])
    rss = f'''<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
<channel>
<title>Tin tức</title>
<link>{base}/tin-tuc</link>
<description>Tin mới nhất</description>
<item><title>Tin VietnamPlus</title><link>{base}/tin-tuc/vietnamplus.html</link>
<pubDate>Mon, 02 Sep 2024 07:00:00 +0700</pubDate></item>
<item><title>Tin VTC News</title><link><![CDATA[{base}/tin-tuc/vtcnews.html]]></link>
<pubDate>Mon, 02 Sep 2024 06:30:00 +0700</pubDate></item>
<item><title>Tin Cần Thơ</title><link>{base}/tin-tuc/baocantho.html</link>
<pubDate>Sun, 01 Sep 2024 20:15:00 +0700</pubDate></item>
</channel>
</rss>
'''.encode()
    ns = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    index = (f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex {ns}>\n'
             f'<sitemap><loc>{base}/sitemap-news.xml</loc></sitemap>\n</sitemapindex>\n').encode()
    lastmod = {'vtv': '2024-09-02', 'baochinhphu': '2024-09-02'}
    urls = ''.join(f'<url><loc>{base}/tin-tuc/{n}.html</loc><lastmod>{lastmod[n]}</lastmod></url>\n'
                   for n in ('vtv', 'baochinhphu'))
    urlset = f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset {ns}>\n{urls}</urlset>\n'.encode()
    small = lambda title, text: (f'<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
                                 f'<title>{title}</title></head><body><p>{text}</p></body></html>\n').encode()
    robots = b'User-agent: *\nDisallow: /private/\n\nUser-agent: otherbot\nDisallow: /\n'
    site = {'/robots.txt': (robots, 'text/plain'), '/tin-tuc': (listing1, HTML),
            '/tin-tuc?trang=2': (listing2, HTML), '/tin-tuc?trang=3': (listing3, HTML),
            '/rss.xml': (rss, 'application/rss+xml; charset=utf-8'),
            '/sitemap.xml': (index, 'application/xml'),
            '/sitemap-news.xml': (urlset, 'application/xml'),
            '/lien-he': (small('Liên hệ', 'Điện thoại: 0292 000 000'), HTML),
            '/private/secret.html': (small('Bí mật', 'Không được đọc.'), HTML)}
    articles = {f'/tin-tuc/{n}.html': sample[n] for n in SAMPLES}
    articles['/tin-tuc/deep.html'] = sample['vtv']
    articles['/tin-tuc/offsite.html'] = sample['baotintuc']
    return other, site, articles


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *a):
        pass

    def note(self, status):
        headers = getattr(self, 'headers', None) or {}  # none if the request was garbage
        host = (headers.get('Host') or '-').strip().lower()
        host = host[:host.find(']') + 1] if host.startswith('[') else host.split(':')[0]
        cond = 'cond' if ('If-None-Match' in headers or 'If-Modified-Since' in headers) else '-'
        with lock:
            log.write(f"{time.monotonic():.3f} {status} {host or '-'} "
                      f"{getattr(self, 'path', '-')} {cond}\n")

    def send_error(self, code, message=None, explain=None):  # bad requests, other methods
        self.note(code)
        super().send_error(code, message, explain)

    def head(self, code, length, headers=()):
        self.note(code)
        self.send_response(code)
        for k, v in headers:
            self.send_header(k, v)
        if length is not None:
            self.send_header('Content-Length', str(length))
        self.end_headers()

    def send(self, code, body=b'', headers=()):
        self.head(code, len(body), headers)
        if self.command != 'HEAD':
            self.wfile.write(body)

    def not_modified(self, etag):
        inm = self.headers.get('If-None-Match')
        if inm is not None:  # RFC 9110: If-None-Match wins over If-Modified-Since
            tags = [t.strip().removeprefix('W/') for t in inm.split(',')]
            return '*' in tags or etag in tags
        try:
            d = email.utils.parsedate_to_datetime(self.headers.get('If-Modified-Since', ''))
        except (TypeError, ValueError):
            return False
        return (d if d.tzinfo else d.replace(tzinfo=timezone.utc)) >= LM_DATE

    def page(self, body, ctype=HTML, etag=None, chunks=None):
        etag = etag or etag_of(body)
        meta = [('ETag', etag), ('Last-Modified', LAST_MODIFIED)]
        if self.not_modified(etag):
            return self.head(304, None, meta)  # a 304 has no body and no length
        if chunks is None:
            return self.send(200, body, [('Content-Type', ctype)] + meta)
        self.head(200, HUGE_SIZE, [('Content-Type', ctype)] + meta)
        if self.command != 'HEAD':
            for c in chunks:
                self.wfile.write(c)

    def do_GET(self):
        try:
            self.route()
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    do_HEAD = do_GET

    def route(self):
        path = self.path
        with lock:
            n = hits[path] = hits.get(path, 0) + 1
        first = n == 1
        if path == '/quit':
            self.send(200, b'bye', [('Content-Type', 'text/plain')])
            threading.Thread(target=self.server.shutdown).start()
        elif path in SITE:
            self.page(*SITE[path])
        elif path in ARTICLES:
            time.sleep(args.article_delay)
            self.page(ARTICLES[path])
        elif path == '/tin-tuc/flaky.html':
            self.send(500, b'oops') if first else self.page(sample['baochinhphu'])
        elif path == '/tin-tuc/busy.html':
            if first:
                self.send(429, b'slow down', [('Retry-After', '1')])
            else:
                self.page(sample['baotintuc'])
        elif path == '/tin-tuc/reset.html':
            if not first:
                return self.page(sample['vietnamplus'])
            self.note('reset')  # the request is read; answer with a RST
            self.close_connection = True
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
            os.close(self.connection.detach())  # fd closed now; the objects hold -1
        elif path == '/tin-tuc/truncated.html':
            body = sample['vtcnews']
            if not first:
                return self.page(body)
            self.close_connection = True
            self.note('truncated')
            self.send_response(200)
            self.send_header('Content-Type', HTML)
            self.send_header('Content-Length', str(len(body)))
            self.end_headers()
            if self.command != 'HEAD':
                self.wfile.write(body[:2000])
        elif path == '/tin-tuc/stall.html':
            self.head(200, 100000, [('Content-Type', HTML)])
            if self.command != 'HEAD':
                self.wfile.write(b'<html><body><p>' + b'x' * 85)
                self.wfile.flush()
                time.sleep(10)
            self.close_connection = True
        elif path == '/tin-tuc/loop.html':
            self.send(302, b'', [('Location', '/tin-tuc/loop.html')])
        elif path == '/tin-tuc/away.html':
            self.send(302, b'', [('Location', f'{OTHER}/tin-tuc/vtv.html')])
        elif path == '/tin-tuc/huge.html':
            self.page(b'', HTML, HUGE_ETAG, huge_chunks())
        elif path == '/tin-tuc/wrong-charset.html':
            self.page(sample['vtv'], 'text/html; charset=iso-8859-1')
        else:
            self.send(404, b'not found', [('Content-Type', 'text/plain')])


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


server = Server(('127.0.0.1', 0), Handler)
PORT = server.server_address[1]
OTHER, SITE, ARTICLES = build_site(PORT)
print(PORT, flush=True)
server.serve_forever(poll_interval=0.1)
server.server_close()
