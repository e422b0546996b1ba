#!/usr/bin/env python3
"""A loopback HTTP server for the fetch tests: real HTTP, faults on purpose.
Prints its port on the first line; every request path is appended to LOG.
usage: fetch_server.py ARTICLE.html LOG"""
import gzip, http.server, re, socketserver, sys, threading, time

article = open(sys.argv[1], 'rb').read()
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
        if path == '/article':
            self.send(200, article, html)
        elif path == '/flaky':  # 500 once, then the page
            self.send(500, b'oops') if n == 1 else self.send(200, article, html)
        elif path == '/busy':  # 429 with Retry-After once, then the page
            self.send(429, b'slow down', [('Retry-After', '1')]) if n == 1 else self.send(200, article, html)
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

server = Server(('127.0.0.1', 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
