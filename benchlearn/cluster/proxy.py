"""The reverse proxy in front of the workers: Debian's nginx, with a configuration written for the cluster.

Sticky sessions: Streamlit keeps a session's state (widgets, a file being uploaded, a login's session half) in
the worker holding its WebSocket, and a file upload is a separate HTTP request that must reach that worker too.
Open-source nginx has no `sticky` directive, so the proxy gives each browser a route cookie of its own: the first
request's `$request_id`, then the cookie's value, hashed consistently onto the workers. A browser therefore stays
on one worker; a worker that stops answering is skipped (`proxy_next_upstream`, `max_fails`), and consistent
hashing moves only that worker's browsers. Every response names the worker that served it (`X-Benchlearn-Worker`).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from benchlearn.errors import UsageError

ROUTE_COOKIE = "benchlearn_worker"
WORKER_HEADER = "X-Benchlearn-Worker"


def nginx_program() -> str:
    """nginx's path, or a UsageError saying how to install it."""
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").is_file() else None)
    if found is None:
        raise UsageError("nginx is not installed (Debian: apt-get install nginx-light)")
    return found


def config(folder: Path, port: int, workers: list[int], host: str = "0.0.0.0") -> str:
    """The nginx configuration: listen on `host:port`, spread browsers over the worker ports, sticky by cookie."""
    servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;" for p in workers)
    return f"""# written by benchlearn.cluster at each start; changes here are lost
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log {folder}/access.log;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    client_max_body_size 200m;  # Streamlit's own upload limit (server.maxUploadSize) is the one that speaks
    map $http_upgrade $connection_upgrade {{ default upgrade; '' close; }}
    map $cookie_{ROUTE_COOKIE} $route {{ '' $request_id; default $cookie_{ROUTE_COOKIE}; }}
    upstream benchlearn {{
        hash $route consistent;
{servers}
    }}
    server {{
        listen {host}:{port};
        location / {{
            proxy_pass http://benchlearn;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_read_timeout 1d;  # a WebSocket stays open while its page is open
            proxy_next_upstream error timeout http_502 http_503;
            proxy_connect_timeout 2s;
            add_header Set-Cookie "{ROUTE_COOKIE}=$route; Path=/; HttpOnly; SameSite=Lax" always;
            add_header {WORKER_HEADER} $upstream_addr always;
        }}
    }}
}}
"""


def start(folder: Path, port: int, workers: list[int], host: str = "0.0.0.0") -> subprocess.Popen:
    """Write the configuration into `folder` and run nginx in the foreground (its own process, not a daemon)."""
    folder = folder.resolve()
    folder.mkdir(parents=True, exist_ok=True)
    conf = folder / "nginx.conf"
    conf.write_text(config(folder, port, workers, host))
    program = nginx_program()
    check = subprocess.run([program, "-t", "-p", str(folder), "-c", str(conf)], capture_output=True, text=True,
                           check=False)
    if check.returncode != 0:
        raise UsageError(f"nginx refused its configuration {conf}: {check.stderr.strip()[-500:]}")
    log = (folder / "nginx.out").open("ab")
    return subprocess.Popen([program, "-p", str(folder), "-c", str(conf), "-g", "daemon off;"],
                            stdout=log, stderr=subprocess.STDOUT)
