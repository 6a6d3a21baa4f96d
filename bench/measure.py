"""Measuring one dataset's pages (hit and misses, against a static twin), and the two-server
cluster behind nginx.

Each page is measured three ways:

- hit: anonymous, the same request again and again, so the public cache answers;
- member: a signed-in Panel member (signed in once through the sign-in page, the session
  cookie sent by wrk), whom the public cache never serves;
- cold: anonymous with the public cache turned off (DJANGO_PUBLIC_CACHE=0), standing for the
  first anonymous view after an edit, which wrk cannot repeat.

A static file of the page's size, served by the same server, is measured beside the hit. The
two servers (public cache off and on) run side by side, and each page's rows are taken one
after the other, so that they share the machine's state.

Latency at one connection, which compares the national pages with the demo's, is measured in
a pass of its own when both datasets are run (``measure_paired``): each page and kind is
timed on the demo's server and then at once on the national one, in five short runs each
taking turns, so the two readings share the machine's state rather than being taken minutes
apart; the report compares them round by round and keeps the median ratio, which stands
against a single run's noise.
"""

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from bench.load import CpuMeter, cache_state, fetch, log_in, measured, postgres_backends, wrk
from bench.servers import AppServer, Proxy, free_port, log

# A hit shows what the proxy costs; misses, where the app servers' CPU is the limit, show
# throughput adding up.
CLUSTER_PAGES = (("home", "hit"), ("home", "member"), ("meeting page", "member"))


@dataclass
class Plan:
    """How long and how hard to drive each row."""

    seconds: int
    warmup: int
    workers: int
    single_connection: bool  # also measure at 1 connection (latency for the scale ratio)
    # Pages whose misses are measured at 1 connection even without single_connection: a
    # --quick run's decisions search, whose target is judged one request at a time.
    single_pages: tuple = ()


@dataclass
class Target:
    """A dataset ready to serve: its environment for a server, pages and member log-in."""

    engine: str
    dataset: str
    database: str | None  # PostgreSQL database name, for its backends' CPU
    env_for: object  # env_for(public_cache=True, proxies=0) -> environment dict
    pages: dict
    member: tuple  # (username, password)
    static_root: Path
    rows: list = field(default_factory=list)


def twin_path(target, label):
    return f"bench/{target.engine}-{target.dataset}/{label.replace(' ', '-')}.html"


def _meters(target, server):
    meters = {"app": CpuMeter(server.worker_pids)}
    if target.database:
        meters["pg"] = CpuMeter(lambda: postgres_backends(target.database))
    return meters


def _drive(target, server, path, plan, headers=None, single=False):
    """Warm-up, then 8 connections (and 1, if planned or ``single``), with CPU per request."""
    url = server.url(path)
    wrk(url, connections=8, seconds=plan.warmup, headers=headers)
    out = {
        "c8": measured(
            url,
            connections=8,
            seconds=plan.seconds,
            headers=headers,
            meters=_meters(target, server),
        )
    }
    if plan.single_connection or single:
        out["c1"] = measured(
            url,
            connections=1,
            seconds=plan.seconds,
            headers=headers,
            meters=_meters(target, server),
        )
    return out


def _size_pages(target, server):
    """Each page's row (its size and status), and its static twin of the same size, written
    before the server that serves the twins starts (it lists its static files then)."""
    for label, path in target.pages.items():
        status, _, body = fetch(server.url(path))
        row = {"page": label, "path": path, "bytes": len(body), "status": status}
        row["x_cache"] = {"cold": cache_state(server.url(path))}
        target.rows.append(row)
        twin = target.static_root / twin_path(target, label)
        twin.parent.mkdir(parents=True, exist_ok=True)
        twin.write_bytes(b"x" * len(body))


def _measure_page(target, row, plan, cold, cached, member):
    """A page's rows one after the other: cold on the server with the public cache off, then
    hit, member and the static twin on the one with it on."""
    path = row["path"]
    single = row["page"] in plan.single_pages
    row["cold"] = _drive(target, cold, path, plan, single=single)
    log(_line(row["page"], "cold", row["cold"]))
    row["x_cache"]["hit"] = cache_state(cached.url(path))
    row["x_cache"]["member"] = cache_state(cached.url(path), member)
    row["hit"] = _drive(target, cached, path, plan)
    row["member"] = _drive(target, cached, path, plan, headers=member, single=single)
    static = _drive(target, cached, f"/static/{twin_path(target, row['page'])}", plan)
    row["static"] = static
    row["static_ratio"] = round(static["c8"]["rps"] / max(row["hit"]["c8"]["rps"], 0.1), 2)
    log(_line(row["page"], "hit", row["hit"], f" | x{row['static_ratio']} static"))
    log(_line(row["page"], "member", row["member"]))


# The paired pass times each page and kind in this many short runs, the datasets taking turns;
# the report compares them round by round (bench.report.paired_ratio). One round's ratio of a
# page served from the cache, the same work on either dataset, read anywhere from 0.8 to 1.4
# on a machine whose speed wanders: five rounds of one second each (with the default five
# seconds a run) take no longer than three of two, and their median is steadier.
PAIRED_ROUNDS = 5


def _rounds(target, server, path, plan, headers, readings):
    """One more run at one connection into ``readings``; the first is preceded by a warm-up
    at 8 connections, so that every worker has served the page (a worker's first request
    of a page is many times slower) and the first run is not the one that finds them cold."""
    url = server.url(path)
    if not readings:
        wrk(url, connections=8, seconds=plan.warmup, headers=headers)
    readings.append(
        measured(
            url,
            connections=1,
            seconds=max(1, plan.seconds // 4),
            headers=headers,
            meters=_meters(target, server),
        )
    )


def median_run(readings):
    """The run whose p50 is the median of ``readings``' (a run that finished no request
    counts as slowest), with every run's p50 beside it."""
    ordered = sorted(
        readings, key=lambda r: float("inf") if r.get("p50_ms") is None else r["p50_ms"]
    )
    return {**ordered[(len(ordered) - 1) // 2], "p50_runs": [r.get("p50_ms") for r in readings]}


def measure_paired(targets, plan):
    """Latency at one connection (``c1``) of every page and kind, for each of ``targets``
    (the demo and the national dataset of one engine), page by page and kind by kind, in
    PAIRED_ROUNDS short runs taking turns: each target's rows get their ``c1`` readings, the
    run with the median p50 and every run's p50 in order (``p50_runs``, which the report
    pairs round by round)."""
    for public_cache, kinds in ((False, ("cold",)), (True, ("hit", "member"))):
        servers = [
            AppServer(env=target.env_for(public_cache=public_cache), workers=plan.workers)
            for target in targets
        ]
        try:
            for server in servers:
                server.start()
            members = [
                log_in(server.url(), username=target.member[0], password=target.member[1])
                for target, server in zip(targets, servers, strict=True)
            ]
            rows = [{row["page"]: row for row in target.rows} for target in targets]
            for label in rows[0]:
                if not all(label in by_page for by_page in rows):
                    continue
                for kind in kinds:
                    runs = [[] for _ in targets]
                    for _ in range(PAIRED_ROUNDS):
                        for target, server, by_page, member, readings in zip(
                            targets, servers, rows, members, runs, strict=True
                        ):
                            headers = member if kind == "member" else None
                            path = by_page[label]["path"]
                            _rounds(target, server, path, plan, headers, readings)
                    shown = []
                    for target, by_page, readings in zip(targets, rows, runs, strict=True):
                        c1 = by_page[label][kind]["c1"] = median_run(readings)
                        shown.append(f"{target.dataset} {c1['p50_ms']} ms {c1['p50_runs']}")
                    log(f"  {label:<20} {kind:<6} p50 at 1 connection: {', '.join(shown)}")
        finally:
            for server in servers:
                server.stop()


def measure_dataset(target, plan):
    """Every page's rows, page by page, with both servers up: a page's cold, hit and member
    rows are taken within a minute of each other, not one kind for every page and then the
    next, so the machine's drift over a run does not read as a difference between them."""
    cold = AppServer(env=target.env_for(public_cache=False), workers=plan.workers).start()
    cached = None
    try:
        _size_pages(target, cold)
        cached = AppServer(env=target.env_for(public_cache=True), workers=plan.workers).start()
        member = log_in(cached.url(), username=target.member[0], password=target.member[1])
        for row in target.rows:
            _measure_page(target, row, plan, cold, cached, member)
    finally:
        for server in (cold, cached):
            if server is not None:
                server.stop()
    return target.rows


def _line(label, kind, result, extra=""):
    c8 = result["c8"]
    cpu = f" app {c8['app_cpu_ms']:.1f} ms/req" if "app_cpu_ms" in c8 else ""
    return (
        f"  {label:<20} {kind:<6} {c8['rps']:>7,.0f} req/s p95 {c8['p95_ms']:>7.1f} ms{cpu}{extra}"
    )


def _signed_in(url, headers, username):
    status, _, body = fetch(url, headers=headers)
    # The header reads "Signed in as" (for screen readers) before the person's name.
    signed_in = re.search(rb"Signed in as (?:</span>)?" + re.escape(username.encode()), body)
    return status == 200 and signed_in is not None


def _shared_state(target, servers, proxy_url):
    """Whether a session and a cached page made on one server are seen by the other."""
    username = target.member[0]
    member = log_in(proxy_url, username=username, password=target.member[1])
    session = all(_signed_in(s.url("/"), member, username) for s in servers)
    # Both asked for the page under the proxy's address, as the proxy would ask them.
    path, host = target.pages.get("meetings list", "/"), {"Host": urlsplit(proxy_url).netloc}
    fetch(servers[0].url(path), headers=host)
    _, headers, _ = fetch(servers[1].url(path), headers=host)
    header = headers.get("X-Cache", "")
    return {"session": session, "cache": header == "hit", "cache_header": header}, member


def measure_cluster(target, plan, directory):
    """Throughput through nginx to one app server, then to two; each pinned to its own core."""
    cores = sorted(os.sched_getaffinity(0))
    pinned = len(cores) >= 2
    env = target.env_for(public_cache=True, proxies=1)
    servers = [
        AppServer(env=env, workers=plan.workers, cpus={cores[i]} if pinned else None)
        for i in range(2)
    ]
    one, two = free_port(), free_port()
    proxy = Proxy(
        directory=directory,
        routes=[("one", one, [servers[0].port]), ("two", two, [s.port for s in servers])],
    )
    try:
        for server in servers:
            server.start()
        proxy.start()
        shared, member = _shared_state(target, servers, f"http://127.0.0.1:{two}")
        rows = []
        for label, kind in CLUSTER_PAGES:
            path = target.pages.get(label)
            if path is None:
                continue
            headers = member if kind == "member" else None
            row = {"page": label, "kind": kind}
            for name, port in (("one", one), ("two", two)):
                url = f"http://127.0.0.1:{port}{path}"
                wrk(url, connections=8, seconds=plan.warmup, headers=headers)
                row[name] = wrk(url, connections=8, seconds=plan.seconds, headers=headers)
            log(
                f"  {label:<20} {kind:<6} one {row['one']['rps']:>7,.0f} req/s, "
                f"two {row['two']['rps']:>7,.0f} req/s"
            )
            rows.append(row)
    finally:
        proxy.stop()
        for server in servers:
            server.stop()
    note = (
        f"Each app server runs {plan.workers} gunicorn workers "
        + ("pinned to a core of its own" if pinned else "(one core: not pinned)")
        + ", standing for a machine; nginx and wrk share every core with them. Cache and "
        "sessions are shared through Redis."
    )
    return {"note": note, "shared": shared, "rows": rows}
