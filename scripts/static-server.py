#!/usr/bin/env python3
"""Serves a directory on 127.0.0.1 (used by serve.sh, the e2e suite and bench-web.mjs).

    python3 scripts/static-server.py DIR [PORT]

PORT 0 (the default) picks a free port. The first line on stdout is the URL being served,
so a parent process can read it. Quiet: requests are not logged unless SANDTABLE_SERVER_LOG=1.
"""
import functools
import http.server
import os
import sys


class Handler(http.server.SimpleHTTPRequestHandler):
    # Explicit types: a fresh machine's mimetypes table may lack .wasm, and a wrong type makes
    # the browser refuse WebAssembly.instantiateStreaming.
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".json": "application/json",
        ".webmanifest": "application/manifest+json",
        ".svg": "image/svg+xml",
        ".css": "text/css",
        ".html": "text/html; charset=utf-8",
    }

    def end_headers(self):
        # Revalidate every time: a rebuilt dist/ is picked up on reload (the service worker
        # does its own caching on top).
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format, *args):
        if os.environ.get("SANDTABLE_SERVER_LOG") == "1":
            super().log_message(format, *args)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    directory = os.path.abspath(sys.argv[1])
    if not os.path.isfile(os.path.join(directory, "index.html")):
        sys.exit(f"static-server: {directory}/index.html not found (build first)")
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", port), functools.partial(Handler, directory=directory)
    )
    server.daemon_threads = True
    print(f"http://127.0.0.1:{server.server_address[1]}/", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
