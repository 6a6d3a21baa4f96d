"""make bench: throughput and latency of the main pages, at demo and at national scale.

For each database (SQLite, and PostgreSQL when DATABASE_URL names a server; make bench starts
a throwaway one) and each dataset (the demo record, and the national dataset of
generate_scale_data), it builds a fresh database, starts gunicorn with production settings
(persistent connections), and drives each page with wrk after a warm-up, at 1 and at 8
concurrent connections. A static file of the same size as each page, served by the same
server, is measured too, and each page's throughput is reported as a ratio to it.
Results go to bench/results/results.json and results.md.
"""

import argparse
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PYTHON = sys.executable
TARGET_RPS, TARGET_P95_MS, TARGET_STATIC_RATIO, TARGET_SCALE_RATIO = 250, 50, 10, 1.5


def log(message):
    print(message, flush=True)


def free_port():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def twin_name(label):
    """The file name of a page's static twin: its label, as a URL path needs it."""
    return label.replace(" ", "-") + ".html"


class Site:
    """One dataset in its own database, served by gunicorn with production settings."""

    def __init__(self, *, engine, dataset, workdir, server_url, workers):
        self.engine, self.dataset, self.workers = engine, dataset, workers
        self.static_root = workdir / f"static-{engine}-{dataset}"
        self.media_root = workdir / "media"
        if engine == "sqlite":
            self.database_url = f"sqlite:///{workdir / f'{dataset}.sqlite3'}"
        else:
            parts = urlsplit(server_url)
            self.database_url = urlunsplit(parts._replace(path=f"/bench_{dataset}"))
            self._create_pg_database(server_url, f"bench_{dataset}")
        self.port = free_port()
        self.process = None

    @staticmethod
    def _create_pg_database(server_url, name):
        import psycopg

        with psycopg.connect(server_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')

    def env(self, mode="production"):
        env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
        env.update(
            DJANGO_ENV=mode,
            DJANGO_SETTINGS_MODULE="panel.settings",
            DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
            DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
            DJANGO_SECURE_SSL_REDIRECT="0",
            DJANGO_MEDIA_ROOT=str(self.media_root),
            DJANGO_STATIC_ROOT=str(self.static_root),
            DATABASE_URL=self.database_url,
            DATABASE_CONN_MAX_AGE="600",
        )
        return env

    def manage(self, *args):
        subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env=self.env(),
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def prepare(self):
        started = time.perf_counter()
        self.manage("migrate", "--no-input")
        if self.dataset == "demo":
            self.manage("load_demo")
        else:
            self.manage("generate_scale_data")
        self.manage("collectstatic", "--no-input")
        return time.perf_counter() - started

    def pages(self):
        out = subprocess.run(
            [PYTHON, "-m", "bench.pages"],
            cwd=ROOT,
            env=self.env(),
            check=True,
            capture_output=True,
            text=True,
        )
        return json.loads(out.stdout)

    def start(self):
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
            env=self.env(),
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url("/static/build/site.css"), timeout=2).read()
                return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise SystemExit("gunicorn did not start within 60 seconds")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)
        self.process = None

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"


def wrk(url, *, connections, seconds):
    out = subprocess.run(
        [
            "wrk",
            "-t",
            "1",
            "-c",
            str(connections),
            "-d",
            f"{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(ROOT / "bench" / "report.lua"),
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure(site, pages, *, seconds, warmup):
    """Sizes each page, writes same-size static twins, then measures page and twin."""
    site.start()
    sizes = {}
    try:
        for label, path in pages.items():
            with urllib.request.urlopen(site.url(path), timeout=30) as response:
                sizes[label] = len(response.read())
    finally:
        site.stop()
    twins = site.static_root / "bench"
    twins.mkdir(parents=True, exist_ok=True)
    for label, size in sizes.items():
        (twins / twin_name(label)).write_bytes(b"x" * size)

    site.start()
    rows = []
    try:
        for label, path in pages.items():
            row = {"page": label, "path": path, "bytes": sizes[label]}
            for kind, target in (("page", path), ("static", f"/static/bench/{twin_name(label)}")):
                wrk(site.url(target), connections=8, seconds=warmup)
                for connections in (1, 8):
                    row[f"{kind}_c{connections}"] = wrk(
                        site.url(target), connections=connections, seconds=seconds
                    )
            row["static_ratio"] = round(
                row["static_c8"]["rps"] / max(row["page_c8"]["rps"], 0.1), 2
            )
            log(
                f"  {label:<28} c1 {row['page_c1']['rps']:>7.0f} rps p95 "
                f"{row['page_c1']['p95_ms']:>6.1f} ms | c8 {row['page_c8']['rps']:>7.0f} rps p95 "
                f"{row['page_c8']['p95_ms']:>6.1f} ms | static x{row['static_ratio']}"
            )
            rows.append(row)
    finally:
        site.stop()
    return rows


def import_timing():
    out = subprocess.run(
        [PYTHON, "-c", "import json; from bench.import_seeds import run; print(json.dumps(run()))"],
        cwd=ROOT,
        env={**os.environ, "DJANGO_ENV": "test"},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def markdown(results):
    lines = []
    for run in results["runs"]:
        lines += [
            f"### {run['engine']} - {run['dataset']} dataset (built in {run['build_seconds']:.0f} s)",
            "",
            "| page | bytes | rps c1 | p50 c1 | p95 c1 | p99 c1 | rps c8 | p50 c8 | p95 c8 | p99 c8 "
            "| static rps c8 | static/page | errors |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for row in run["rows"]:
            c1, c8, st = row["page_c1"], row["page_c8"], row["static_c8"]
            errors = c1["errors"] + c8["errors"] + c1["non_2xx"] + c8["non_2xx"]
            lines.append(
                f"| {row['page']} | {row['bytes']:,} | {c1['rps']:.0f} | {c1['p50_ms']:.1f} | "
                f"{c1['p95_ms']:.1f} | {c1['p99_ms']:.1f} | {c8['rps']:.0f} | {c8['p50_ms']:.1f} | "
                f"{c8['p95_ms']:.1f} | {c8['p99_ms']:.1f} | {st['rps']:.0f} | "
                f"{row['static_ratio']}x | {errors} |"
            )
        lines.append("")
    if results.get("scale_ratios"):
        lines += [
            "### National vs demo latency (p50 at 1 connection)",
            "",
            "| engine | page | demo ms | national ms | ratio |",
            "|---|---|---:|---:|---:|",
        ]
        for r in results["scale_ratios"]:
            lines.append(
                f"| {r['engine']} | {r['page']} | {r['demo_ms']:.1f} | "
                f"{r['national_ms']:.1f} | {r['ratio']:.2f} |"
            )
        lines.append("")
    if results.get("import"):
        lines += [
            "### Importing the four seed files",
            "",
            "```",
            json.dumps(results["import"], indent=2),
            "```",
            "",
        ]
    lines += ["### Targets", ""] + [f"- {check}" for check in results["checks"]]
    return "\n".join(lines) + "\n"


def checks(results):
    out = []
    for run in results["runs"]:
        if run["engine"] != "postgresql" or run["dataset"] != "national":
            continue
        for row in run["rows"]:
            c8 = row["page_c8"]
            ok = c8["rps"] >= TARGET_RPS and c8["p95_ms"] <= TARGET_P95_MS
            out.append(
                f"{'met' if ok else 'MISSED'}: {row['page']} at 8 connections on PostgreSQL: "
                f"{c8['rps']:.0f} rps (target ≥ {TARGET_RPS}), p95 {c8['p95_ms']:.1f} ms "
                f"(target ≤ {TARGET_P95_MS})"
            )
            ok = row["static_ratio"] <= TARGET_STATIC_RATIO
            out.append(
                f"{'met' if ok else 'MISSED'}: {row['page']} costs {row['static_ratio']}x "
                f"a static file of its size (target ≤ {TARGET_STATIC_RATIO}x)"
            )
    for r in results.get("scale_ratios", []):
        ok = r["ratio"] <= TARGET_SCALE_RATIO
        out.append(
            f"{'met' if ok else 'MISSED'}: {r['engine']} {r['page']} national/demo "
            f"latency {r['ratio']:.2f} (target ≤ {TARGET_SCALE_RATIO})"
        )
    if results.get("import"):
        seconds = results["import"].get("seconds", 0)
        out.append(
            f"{'met' if seconds < 1 else 'MISSED'}: parsing the four seed files took "
            f"{seconds:.3f} s (target < 1 s)"
        )
    return out


def main():
    parser = argparse.ArgumentParser(prog="make bench", description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=8, help="length of each measured run")
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--datasets", default="demo,national")
    args = parser.parse_args()

    if shutil.which("wrk") is None:
        raise SystemExit("make bench needs wrk, the HTTP load generator: apt-get install wrk")
    server_url = os.environ.get("DATABASE_URL", "")
    engines = [e for e in args.engines.split(",") if e]
    if "postgresql" in engines and not server_url.startswith("postgres"):
        log("No PostgreSQL server (DATABASE_URL) given: measuring SQLite only.")
        engines.remove("postgresql")

    results = {
        "machine": {"cores": os.cpu_count()},
        "workers": args.workers,
        "seconds": args.seconds,
        "runs": [],
    }
    results["import"] = import_timing()
    with tempfile.TemporaryDirectory(prefix="panel-bench-") as tmp:
        for engine in engines:
            for dataset in args.datasets.split(","):
                log(f"== {engine}, {dataset} dataset")
                site = Site(
                    engine=engine,
                    dataset=dataset,
                    workdir=Path(tmp),
                    server_url=server_url,
                    workers=args.workers,
                )
                build = site.prepare()
                log(f"  built in {build:.0f} s")
                rows = measure(site, site.pages(), seconds=args.seconds, warmup=args.warmup)
                results["runs"].append(
                    {"engine": engine, "dataset": dataset, "build_seconds": build, "rows": rows}
                )

    by_key = {(r["engine"], r["dataset"]): r for r in results["runs"]}
    results["scale_ratios"] = []
    for engine in engines:
        demo, national = by_key.get((engine, "demo")), by_key.get((engine, "national"))
        if not (demo and national):
            continue
        demo_rows = {row["page"]: row for row in demo["rows"]}
        for row in national["rows"]:
            if row["page"] in demo_rows:
                d, n = demo_rows[row["page"]]["page_c1"]["p50_ms"], row["page_c1"]["p50_ms"]
                results["scale_ratios"].append(
                    {
                        "engine": engine,
                        "page": row["page"],
                        "demo_ms": d,
                        "national_ms": n,
                        "ratio": n / d if d else 0,
                    }
                )
    results["checks"] = checks(results)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "results.json").write_text(json.dumps(results, indent=2))
    (RESULTS / "results.md").write_text(markdown(results))
    log(f"\nWrote {RESULTS / 'results.md'} and results.json")
    print(markdown(results))


if __name__ == "__main__":
    main()
