"""What the bench runs: a dataset's database, gunicorn app servers and an nginx proxy.

A dataset's database is built once and kept (PostgreSQL: a database named after the dataset
and a fingerprint of the code that shapes its rows; SQLite: a file under .tmp/bench/), so a
second `make bench` on the same server starts measuring at once. Anything that changes the
rows (a migration, the demo data, the national data generator) changes the fingerprint.
"""

import hashlib
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench.load import children, cpu_seconds

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SQLITE_DIR = ROOT / ".tmp" / "bench"
BUILT = "panel bench dataset {fingerprint}"
# What shapes a dataset's rows; a change to any of these rebuilds it.
SHAPING = [
    "requirements.txt",
    "actions/migrations",
    "meetings/migrations",
    "actions/models.py",
    "meetings/models.py",
    "actions/services.py",
    "meetings/services.py",
    "actions/scale_data.py",
    "actions/data",
    "actions/demo.py",
    "actions/management/commands/generate_scale_data.py",
    "actions/management/commands/load_demo.py",
    "demo",
]
# Environment variables a deployment sets that change how fast the site runs: the bench's
# servers read them as production would, and the bench warns about the slow ones.
PASSED_THROUGH = ("DATABASE_CONN_MAX_AGE", "DJANGO_PUBLIC_CACHE", "DJANGO_LOG_LEVEL")


def log(message):
    print(message, flush=True)


def free_port():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fingerprint(root=ROOT):
    digest = hashlib.sha256()
    for name in SHAPING:
        path = root / name
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in files:
            if file.is_file() and "__pycache__" not in file.parts:
                digest.update(str(file.relative_to(root)).encode())
                digest.update(file.read_bytes())
    return digest.hexdigest()[:10]


class Dataset:
    """One dataset (demo or national) in its own database, built or reused."""

    def __init__(self, *, engine, name, server_url, rebuild=False):
        self.engine, self.name, self.rebuild = engine, name, rebuild
        self.fingerprint = fingerprint()
        if engine == "sqlite":
            SQLITE_DIR.mkdir(parents=True, exist_ok=True)
            self.path = SQLITE_DIR / f"{name}-{self.fingerprint}.sqlite3"
            self.database_url = f"sqlite:///{self.path}"
            self.database = None
        else:
            parts = urlsplit(server_url)
            prefix = parts.path.strip("/")
            prefix = "bench" if prefix in ("", "postgres") else prefix
            # Creating and dropping databases goes through the server's maintenance database:
            # the one DATABASE_URL names need not exist.
            self.admin_url = urlunsplit(parts._replace(path="/postgres"))
            self.database = f"{prefix}_{name}_{self.fingerprint}"
            self.database_url = urlunsplit(parts._replace(path=f"/{self.database}"))
            self.stale_prefix = f"{prefix}_{name}_"

    def manage(self, *args, env):
        subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env={**env, "DATABASE_URL": self.database_url},
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def prepare(self, env):
        """Builds the database unless a complete one with this fingerprint exists.

        Returns the seconds spent building, or None when a built one was reused.
        """
        if not self.rebuild and self._is_built():
            return None
        started = time.perf_counter()
        self._create_empty()
        self.manage("migrate", "--no-input", env=env)
        self.manage("load_demo" if self.name == "demo" else "generate_scale_data", env=env)
        self._mark_built()
        return time.perf_counter() - started

    def _pg(self):
        import psycopg

        return psycopg.connect(self.admin_url, autocommit=True)

    def _is_built(self):
        if self.engine == "sqlite":
            return self.path.with_suffix(".built").exists()
        with self._pg() as conn:
            row = conn.execute(
                "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
                [self.database],
            ).fetchone()
        return bool(row) and row[0] == BUILT.format(fingerprint=self.fingerprint)

    def _create_empty(self):
        if self.engine == "sqlite":
            for stale in SQLITE_DIR.glob(f"{self.name}-*"):
                stale.unlink()
            return
        with self._pg() as conn:
            # Older builds of this dataset are dead weight on the server: drop them too.
            names = conn.execute(
                "SELECT datname FROM pg_database WHERE starts_with(datname, %s)",
                [self.stale_prefix],
            ).fetchall()
            for (name,) in names:
                conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{self.database}"')

    def _mark_built(self):
        if self.engine == "sqlite":
            self.path.with_suffix(".built").touch()
            return
        with self._pg() as conn:
            comment = BUILT.format(fingerprint=self.fingerprint)
            conn.execute(f"COMMENT ON DATABASE \"{self.database}\" IS '{comment}'")


class AppServer:
    """gunicorn serving the site with production settings, optionally pinned to CPUs."""

    def __init__(self, *, env, workers, cpus=None):
        self.env, self.workers, self.cpus = env, workers, cpus
        self.port = free_port()
        self.process = None

    def start(self):
        pin = (lambda: os.sched_setaffinity(0, self.cpus)) if self.cpus else None
        self.process = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "panel.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=self.env,
            preexec_fn=pin,
        )
        wait_for(self.url("/static/build/site.css"), self)
        return self

    def stop(self):
        stop(self.process)
        self.process = None

    def url(self, path=""):
        return f"http://127.0.0.1:{self.port}{path}"

    def worker_pids(self):
        return children(self.process.pid) if self.process else []

    def cpu_seconds(self):
        return sum(cpu_seconds(pid) for pid in self.worker_pids())


def wait_for(url, server, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            if server.process.poll() is not None:
                break
            time.sleep(0.2)
    server.stop()
    raise SystemExit(f"{url} did not answer within {seconds} seconds")


def stop(process):
    if process and process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


NGINX_CONF = """\
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
{upstreams}
}}
"""
UPSTREAM = """\
    upstream {name} {{
{servers}
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://{name};
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        }}
    }}
"""


def nginx_conf(directory, routes):
    """An nginx configuration: for each (name, port, [app ports]) a listener balancing them."""
    upstreams = "".join(
        UPSTREAM.format(
            name=name,
            port=port,
            servers="\n".join(f"        server 127.0.0.1:{app};" for app in apps),
        )
        for name, port, apps in routes
    )
    return NGINX_CONF.format(dir=directory, upstreams=upstreams)


class Proxy:
    """nginx in the foreground, as our child, with its files in a folder of its own."""

    def __init__(self, *, directory, routes):
        self.directory = Path(directory)
        self.routes = routes
        self.process = None

    def start(self):
        self.directory.mkdir(parents=True, exist_ok=True)
        conf = self.directory / "nginx.conf"
        conf.write_text(nginx_conf(self.directory, self.routes))
        self.process = subprocess.Popen(
            [
                *("nginx", "-c", str(conf), "-p", str(self.directory)),
                *("-e", str(self.directory / "error.log"), "-g", "daemon off;"),
            ],
            stderr=subprocess.DEVNULL,
        )
        for _name, port, _apps in self.routes:
            wait_for(f"http://127.0.0.1:{port}/static/build/site.css", self)
        return self

    def stop(self):
        stop(self.process)
        self.process = None
