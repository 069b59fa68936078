"""The reverse proxy in front of the workers: Debian's nginx, with a configuration written for the cluster.

Sticky sessions: Streamlit keeps a session's state (widgets, a file being uploaded, a login's session half) in
the worker holding its WebSocket, and a file upload is a separate HTTP request that must reach that worker too.
Open-source nginx has no `sticky` directive, so the proxy writes one itself: a request without a route cookie
goes to the pool `any`, to the worker with the fewest open connections through it (`least_conn`; equal counts take
the workers in turn, so new browsers are dealt out evenly), and every response sets the route cookie to the worker
that served it (`w<port>`). A browser with the cookie goes to its worker's own pool, where the other workers are
`backup`: a worker that stops answering is skipped (`proxy_next_upstream`, `max_fails`) and only its browsers move.
Every response names the worker that served it (`X-Benchlearn-Worker`).

Balance matters under load: hashing a random id per browser (the first design) put 27.75 of 50 sessions on the
busier of two workers on average over 40 trials (up to 34), and the busier worker sets the slowest sessions' wait.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from benchlearn.errors import UsageError

ROUTE_COOKIE = "benchlearn_worker"
WORKER_HEADER = "X-Benchlearn-Worker"
#: where the workers listen (`make cluster` starts them on this machine)
WORKER_HOST = "127.0.0.1"


def nginx_program() -> str:
    """nginx's path, or a UsageError saying how to install it."""
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").is_file() else None)
    if found is None:
        raise UsageError("nginx is not installed (Debian: apt-get install nginx-light)")
    return found


def route(port: int) -> str:
    """The route cookie's value that leads a browser to the worker on `port`."""
    return f"w{port}"


def _pools(workers: list[int]) -> str:
    """One upstream per worker (the others its backups) for browsers with a route cookie; `any` for the rest."""
    def server(port: int, backup: bool) -> str:
        return f"        server {WORKER_HOST}:{port}{' backup' if backup else ' max_fails=1 fail_timeout=5s'};"
    pools = ["    upstream any {\n        least_conn;\n" + "\n".join(server(p, False) for p in workers) + "\n    }"]
    for port in workers:
        members = [server(port, False)] + [server(p, True) for p in workers if p != port]
        pools.append(f"    upstream {route(port)} {{\n" + "\n".join(members) + "\n    }")
    return "\n".join(pools)


def config(folder: Path, port: int, workers: list[int], host: str = "0.0.0.0") -> str:
    """The nginx configuration: listen on `host:port`, new browsers to the least busy worker, sticky by cookie."""
    by_cookie = "\n".join(f"        {route(p)} {route(p)};" for p in workers)
    # $upstream_addr lists every worker tried ("A, B" after a failover): the cookie names the last, which answered
    by_server = "\n".join(
        f'        "~{re.escape(WORKER_HOST)}:{p}$" "{ROUTE_COOKIE}={route(p)}; Path=/; HttpOnly; SameSite=Lax";'
        for p in workers)
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
    map $cookie_{ROUTE_COOKIE} $pool {{
        default any;
{by_cookie}
    }}
    map $upstream_addr $route_cookie {{
        default "";
{by_server}
    }}
{_pools(workers)}
    server {{
        listen {host}:{port};
        location / {{
            proxy_pass http://$pool;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_read_timeout 1d;  # a WebSocket stays open while its page is open
            proxy_next_upstream error timeout http_502 http_503;
            proxy_connect_timeout 2s;
            add_header Set-Cookie $route_cookie always;
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
