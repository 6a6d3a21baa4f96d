"""make bench: throughput, latency and CPU per request of the site's pages, hit and miss.

For each database (PostgreSQL when DATABASE_URL names a server, which make bench starts
when none is given; SQLite on request) and dataset (the demo record, and the national one of
generate_scale_data), it builds the database (or reuses one built from the same code),
serves it with gunicorn and production settings, cache and sessions in Redis, and drives
each page with wrk: a cached anonymous hit, a signed-in member and an anonymous miss with the
public cache off, beside a static file of the page's size. It then puts two app servers
behind one nginx to show throughput adding up, and judges the issue's targets.
Results go to bench/results/results.json and results.md.
"""

import argparse
import json
import os
import secrets
import shutil
import subprocess
import tempfile
import time
from dataclasses import replace
from functools import partial
from pathlib import Path

from bench.measure import Plan, Target, measure_cluster, measure_dataset, measure_paired
from bench.pages import QUICK
from bench.report import SEARCH_PAGE, markdown, scale_ratios
from bench.report import checks as judge
from bench.servers import PASSED_THROUGH, PYTHON, ROOT, Dataset, log
from bench.settings_check import slow_settings

RESULTS = ROOT / "bench" / "results"
DEFAULT_REDIS = "redis://127.0.0.1:6379/9"


def arguments():
    parser = argparse.ArgumentParser(prog="make bench", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        help="five pages, PostgreSQL national only, 3 s runs, one connection only for the "
        "decisions search's misses (its target is judged there)",
    )
    parser.add_argument("--seconds", type=int, help="length of each measured run (default 5)")
    parser.add_argument("--warmup", type=int, help="warm-up before each run (default 1)")
    cores = os.cpu_count() or 1
    parser.add_argument(
        "--workers",
        type=int,
        default=2 * cores,
        help="gunicorn workers per server (default: 2 per core, %(default)s here)",
    )
    parser.add_argument("--engines", default="postgresql", help="postgresql, sqlite or both")
    parser.add_argument("--datasets", help="demo,national (default; national with --quick)")
    parser.add_argument("--no-cluster", action="store_true", help="skip the two-server run")
    parser.add_argument("--rebuild", action="store_true", help="build the databases afresh")
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS),
        help="Redis for the servers' cache and sessions (default %(default)s)",
    )
    args = parser.parse_args()
    args.seconds = args.seconds or (3 if args.quick else 5)
    args.warmup = args.warmup or 1
    args.datasets = args.datasets or ("national" if args.quick else "demo,national")
    return args


def run_python(args, env):
    """Runs Python in a child process; the JSON on its last line of output."""
    out = subprocess.run(
        [PYTHON, *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def run_module(module, env):
    return run_python(["-m", module], env)


def import_timing():
    code = "import json; from bench.import_seeds import run; print(json.dumps(run()))"
    return run_python(["-c", code], {**os.environ, "DJANGO_ENV": "test"})


def redis_answers(url):
    import redis

    try:
        return redis.Redis.from_url(url, socket_timeout=2).ping()
    except redis.RedisError:
        return False


def forget_cache(url, prefix):
    """Deletes the keys this run's servers wrote, so the bench leaves Redis as it found it."""
    import redis

    client = redis.Redis.from_url(url)
    for key in client.scan_iter(match=f"{prefix}*", count=1000):
        client.delete(key)


def server_env(*, base, database_url, public_cache=True, proxies=0):
    """A production environment for one app server; the caller's performance settings
    (PASSED_THROUGH) kept, so the bench measures what a deployment would run."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.pop("DATABASE_CONN_MAX_AGE", None)
    env.pop("WEB_CONCURRENCY", None)
    env.update({k: os.environ[k] for k in PASSED_THROUGH if k in os.environ})
    env.update(base)
    env.update(
        DATABASE_URL=database_url,
        DJANGO_TRUSTED_PROXY_COUNT=str(proxies),
    )
    if not public_cache:
        env["DJANGO_PUBLIC_CACHE"] = "0"
    return env


def prepare_target(*, engine, dataset, args, base, workdir):
    data = Dataset(
        engine=engine,
        name=dataset,
        server_url=os.environ.get("DATABASE_URL", ""),
        rebuild=args.rebuild,
    )
    # Each dataset's servers keep their entries apart: the paired pass serves both at once
    # from one Redis, and with one prefix they would share one record version, and each
    # would be served the other's kept pages, counts and drop-downs. The run's own prefix
    # leads, so forget_cache still finds them all.
    own = {**base}
    if "DJANGO_CACHE_PREFIX" in base:
        own["DJANGO_CACHE_PREFIX"] = f"{base['DJANGO_CACHE_PREFIX']}-{engine}-{dataset}"
    env_for = partial(server_env, base=own, database_url=data.database_url)
    build = data.prepare(env_for())
    log("  reused the built database" if build is None else f"  built in {build:.0f} s")
    password = secrets.token_urlsafe(16)
    chosen = run_module("bench.pages", {**env_for(), "BENCH_MEMBER_PASSWORD": password})
    pages = chosen["pages"]
    if args.quick:
        pages = {label: path for label, path in pages.items() if label in QUICK}
    target = Target(
        engine=engine,
        dataset=dataset,
        database=data.database if _local(os.environ.get("DATABASE_URL", "")) else None,
        env_for=env_for,
        pages=pages,
        member=(chosen["member"], password),
        static_root=workdir / "static",
    )
    return target, build


def _local(url):
    return any(host in url for host in ("@127.0.0.1", "@localhost", "@[::1]"))


def engines_to_run(args):
    engines = [e for e in args.engines.split(",") if e]
    if "postgresql" in engines and not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        log("No PostgreSQL server (DATABASE_URL) given: measuring SQLite only.")
        engines = ["sqlite"]
    return engines


def bench(args, results, workdir, base):
    plan = Plan(
        seconds=args.seconds,
        warmup=args.warmup,
        workers=args.workers,
        single_connection=not args.quick,
        single_pages=(SEARCH_PAGE,) if args.quick else (),
    )
    datasets = args.datasets.split(",")
    # With both datasets, latency at one connection is measured in one paired pass.
    paired = plan.single_connection and {"demo", "national"} <= set(datasets)
    cluster_target = None
    for engine in engines_to_run(args):
        targets = []
        for dataset in datasets:
            log(f"== {engine}, {dataset} dataset")
            target, build = prepare_target(
                engine=engine, dataset=dataset, args=args, base=base, workdir=workdir
            )
            rows = measure_dataset(
                target, replace(plan, single_connection=plan.single_connection and not paired)
            )
            results["runs"].append(
                {"engine": engine, "dataset": dataset, "build_seconds": build, "rows": rows}
            )
            targets.append(target)
            cluster_target = target
        if paired:
            log(f"== {engine}, demo and national in turn, 1 connection")
            measure_paired(
                [t for name in ("demo", "national") for t in targets if t.dataset == name], plan
            )
    if cluster_target and not args.no_cluster and shutil.which("nginx"):
        log("== two app servers behind nginx")
        per_server = Plan(
            seconds=args.seconds,
            warmup=args.warmup,
            workers=max(2, args.workers // (os.cpu_count() or 1)),
            single_connection=False,
        )
        results["cluster"] = measure_cluster(cluster_target, per_server, workdir / "nginx")
    elif not args.no_cluster:
        log("nginx is not installed (apt-get install nginx-light): skipping two app servers.")


def main():
    args = arguments()
    if shutil.which("wrk") is None:
        raise SystemExit("make bench needs wrk, the HTTP load generator: apt-get install wrk")
    started = time.monotonic()
    cores = os.cpu_count() or 1
    found = run_module("bench.settings_check", dict(os.environ))
    warnings = slow_settings(found, workers=args.workers, cores=cores)
    for warning in warnings:
        log(f"WARNING: {warning}")
    prefix = f"bench-{secrets.token_hex(4)}"
    base = {
        "DJANGO_ENV": "production",
        "DJANGO_SETTINGS_MODULE": "panel.settings",
        # One key for every server of the run: a session signed in on one is valid on all.
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_CACHE_PREFIX": prefix,
        # wrk's load all comes from 127.0.0.1: the anonymous API limit would answer it 429.
        "DJANGO_API_ANONYMOUS_RATE": "off",
    }
    redis_url = args.redis_url if redis_answers(args.redis_url) else None
    if redis_url:
        base["DJANGO_REDIS_URL"] = redis_url
    else:
        warnings.append(
            f"No Redis at {args.redis_url}: measured with each worker's own memory cache."
        )
        log(f"WARNING: {warnings[-1]}")
    results = {
        # The load average says whether other work shared the CPU while the bench ran.
        "machine": {"cores": cores, "load_before": round(os.getloadavg()[0], 2)},
        "workers": args.workers,
        "seconds": args.seconds,
        "quick": args.quick,
        "settings": found,
        "warnings": warnings,
        "runs": [],
        "import": import_timing(),
    }
    with tempfile.TemporaryDirectory(prefix="panel-bench-") as tmp:
        workdir = Path(tmp)
        base["DJANGO_STATIC_ROOT"] = str(workdir / "static")
        base["DJANGO_MEDIA_ROOT"] = str(workdir / "media")
        subprocess.run(
            [PYTHON, "manage.py", "collectstatic", "--no-input"],
            cwd=ROOT,
            env=server_env(base=base, database_url="sqlite:///:memory:"),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        try:
            bench(args, results, workdir, base)
        finally:
            if redis_url:
                forget_cache(redis_url, prefix)
    results["machine"]["load_after"] = round(os.getloadavg()[0], 2)
    results["scale_ratios"] = scale_ratios(results)
    results["checks"] = judge(results)
    results["minutes"] = round((time.monotonic() - started) / 60, 1)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "results.json").write_text(json.dumps(results, indent=2))
    (RESULTS / "results.md").write_text(markdown(results))
    log(f"\nWrote {RESULTS / 'results.md'} and results.json in {results['minutes']} minutes")
    print(markdown(results))


if __name__ == "__main__":
    main()
