"""Driving load and counting its cost: wrk runs, CPU time from /proc, and plain HTTP probes.

CPU per request comes from the kernel's accounting of the processes that did the work (the
gunicorn workers, the PostgreSQL backends serving the bench's database), read from
/proc/<pid>/stat before and after each wrk run. wrk's own CPU and the proxy's are not in it.
"""

import json
import os
import subprocess
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TICKS_PER_SECOND = os.sysconf("SC_CLK_TCK")


def _stat_fields(pid):
    """The fields of /proc/<pid>/stat after the command name (which may hold spaces)."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2 :].split()


def cpu_seconds(pid):
    """User plus system CPU time a process has used so far; 0 once it has gone."""
    fields = _stat_fields(pid)
    if fields is None:
        return 0.0
    # Fields 14 and 15 of proc(5), counted from the state field (3).
    return (int(fields[11]) + int(fields[12])) / TICKS_PER_SECOND


def _pids():
    return [int(name) for name in os.listdir("/proc") if name.isdigit()]


def children(parent):
    """Process ids whose parent is ``parent`` (a gunicorn master's workers)."""
    found = []
    for pid in _pids():
        fields = _stat_fields(pid)
        if fields and int(fields[1]) == parent:
            found.append(pid)
    return found


def postgres_backends(database):
    """Local PostgreSQL backends connected to ``database``, found by their process titles.

    A backend titles itself "postgres: <user> <database> <client> <state>"; a server on
    another machine, or with process titles turned off, yields none and its CPU is unknown.
    """
    marker = f" {database} "
    found = []
    for pid in _pids():
        try:
            title = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (OSError, UnicodeDecodeError):
            continue
        if title.startswith("postgres: ") and marker in title:
            found.append(pid)
    return found


class CpuMeter:
    """CPU used by a changing set of processes between ``start()`` and ``stop()``.

    The set is listed again at the end, so a process that appeared during the run (a new
    database connection) counts in full; one that ended during the run is lost, which
    persistent connections and long-lived workers make rare.
    """

    def __init__(self, list_pids):
        self.list_pids = list_pids
        self.before = {}

    def start(self):
        self.before = {pid: cpu_seconds(pid) for pid in self.list_pids()}

    def stop(self):
        pids = set(self.before) | set(self.list_pids())
        return sum(max(cpu_seconds(pid) - self.before.get(pid, 0.0), 0.0) for pid in pids)


def wrk(url, *, connections, seconds, headers=None):
    """One wrk run; its summary line from report.lua as a dict."""
    command = ["wrk", "-t", "1", "-c", str(connections), "-d", f"{seconds}s", "--timeout", "10s"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    command += ["-s", str(ROOT / "bench" / "report.lua"), url]
    out = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def measured(url, *, connections, seconds, headers=None, meters=None):
    """A wrk run with the CPU each meter saw, per request, in milliseconds."""
    meters = meters or {}
    for meter in meters.values():
        meter.start()
    result = wrk(url, connections=connections, seconds=seconds, headers=headers)
    requests = result["requests"]
    for name, meter in meters.items():
        used = meter.stop()
        result[f"{name}_cpu_ms"] = round(used * 1000 / requests, 2) if requests else None
    if not requests:
        # No request finished within the run: its latency is unknown, not zero.
        result.update(p50_ms=None, p95_ms=None, p99_ms=None)
    return result


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(NoRedirect)


def fetch(url, *, headers=None, data=None):
    """(status, headers, body) of one request, redirects not followed."""
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with _opener.open(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def _cookies(headers):
    """name -> value of every Set-Cookie (the Secure flag is for browsers, not for us)."""
    jar = {}
    for line in headers.get_all("Set-Cookie") or []:
        name, _, rest = line.partition("=")
        jar[name.strip()] = rest.split(";", 1)[0]
    return jar


def log_in(base_url, *, username, password):
    """Signs in through the public sign-in page; the request headers that carry the session."""
    status, headers, body = fetch(f"{base_url}/accounts/login/")
    csrf = _cookies(headers).get("csrftoken")
    token = body.decode().split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    form = urllib.parse.urlencode(
        {"username": username, "password": password, "csrfmiddlewaretoken": token, "next": "/"}
    ).encode()
    status, headers, _ = fetch(
        f"{base_url}/accounts/login/",
        data=form,
        headers={
            "Cookie": f"csrftoken={csrf}",
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    session = _cookies(headers).get("sessionid")
    if status != 302 or not session:
        raise SystemExit(f"The bench could not sign in as {username} (status {status}).")
    return {"Cookie": f"sessionid={session}"}


def cache_state(url, headers=None):
    """What the second of two identical requests says in X-Cache ("hit", "miss" or "")."""
    fetch(url, headers=headers)
    status, response_headers, _ = fetch(url, headers=headers)
    return response_headers.get("X-Cache", "") if status == 200 else f"status {status}"
