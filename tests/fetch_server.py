#!/usr/bin/env python3
"""A loopback HTTP server for the fetch tests: real HTTP, faults on purpose.
Prints its port on the first line; every request path is appended to LOG.
usage: fetch_server.py ARTICLE.html LOG"""
import email.utils, gzip, http.server, re, socketserver, sys, threading, time

article = open(sys.argv[1], 'rb').read()
pdf = b'%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n'
png = b'\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0'
log = open(sys.argv[2], 'a', buffering=1)
hits = {}

class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send(self, code, body=b'', headers=()):
        self.send_response(code)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        path = self.path
        log.write(f'{time.monotonic():.3f} {path}\n')
        n = hits[path] = hits.get(path, 0) + 1
        html = [('Content-Type', 'text/html; charset=utf-8')]
        if path == '/article' or path.startswith('/article?'):  # the query names the copy
            self.send(200, article, html)
        elif path == '/flaky':  # 500 once, then the page
            self.send(500, b'oops') if n == 1 else self.send(200, article, html)
        elif path.startswith('/busy'):  # 429 with Retry-After once, then the page
            # /busy: "1"; /busy?N: N seconds; ?soon, ?past, ?far: an HTTP date 30 s on, gone, in 2099
            # (/busy?N&x: the same, counted apart)
            q = path.partition('?')[2].partition('&')[0]
            when = {'soon': time.time() + 30, 'past': 1445412480, 'far': 4102444799}.get(q)
            ra = email.utils.formatdate(when, usegmt=True) if when else (q or '1')
            self.send(429, b'slow down', [('Retry-After', ra)]) if n == 1 else self.send(200, article, html)
        elif path == '/pdf':
            self.send(200, pdf, [('Content-Type', 'application/pdf')])
        elif path == '/bigpdf':  # over a 1 MiB limit, no Content-Length: refused on its first bytes
            self.send_response(200)
            self.send_header('Content-Type', 'application/pdf')
            self.end_headers()
            self.wfile.write(pdf + b'0' * (2 << 20))
        elif path == '/json':
            self.send(200, b'{"title": "%PDF-1.4", "items": []}', [('Content-Type', 'application/json; charset=utf-8')])
        elif path == '/pdf-as-html':  # the type says page, the bytes say PDF
            self.send(200, pdf, html)
        elif path == '/png-octet':
            self.send(200, png, [('Content-Type', 'application/octet-stream')])
        elif path == '/brace.txt':  # a text that starts with "{" is still a text
            self.send(200, b'{Tin nhanh} ' + article, [('Content-Type', 'text/plain; charset=utf-8')])
        elif path == '/feed':
            self.send(200, b'<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>',
                      [('Content-Type', 'application/rss+xml')])
        elif path == '/always500':
            self.send(503, b'down')
        elif path == '/big':
            self.send(200, b'<p>' + b'x' * (2 << 20) + b'</p>', html)
        elif path == '/loop':
            self.send(302, b'', [('Location', '/loop')])
        elif path == '/moved':
            self.send(301, b'', [('Location', '/article')])
        elif path == '/stall':
            self.send_response(200)
            self.send_header('Content-Length', '100000')
            self.end_headers()
            self.wfile.write(b'<p>start')
            self.wfile.flush()
            time.sleep(3)
        elif path == '/gzip':  # only for a client that asks for gzip and names itself sach/VERSION
            agent = self.headers.get('User-Agent', '')
            if 'gzip' not in self.headers.get('Accept-Encoding', ''):
                self.send(406, b'ask for gzip')
            elif not re.match(r'sach/\d+\.\d+\.\d+ ', agent):
                self.send(403, b'who are you')
            else:
                self.send(200, gzip.compress(article), html + [('Content-Encoding', 'gzip')])
        elif path == '/quit':
            self.send(200, b'bye')
            threading.Thread(target=self.server.shutdown).start()
        else:
            self.send(404, b'not here')

class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A client that hangs up on purpose (a body over its limit, not a page) is no error.
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)

server = Server(('127.0.0.1', 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
