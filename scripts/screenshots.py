"""make screenshots: the main pages at 375 px and 1280 px, as each role sees them.

Builds the demo record in a throwaway SQLite database, serves it with Django's development
server, and drives Debian's Chromium with Playwright: the public, a Panel member, an action
owner and democratic services (the admin). PNG files go to docs/screenshots/, named
<role>-<page>-<width>.png, full page.
"""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
WIDTHS = (375, 1280)
LOGINS = {
    "member": ("member", "demo-member-2023"),
    "owner": ("owner", "demo-owner-2023"),
    "officer": ("officer", "demo-officer-2023"),
}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pages(env):
    """Paths of the demo's pages worth showing, found in its database."""
    code = (
        "import json; from meetings.models import Meeting, Person; from actions.models import Action;"
        "m = Meeting.objects.filter(minutes__status__in=['published','confirmed']).order_by('-date').first();"
        "p = Person.objects.filter(memberships__isnull=False).order_by('pk').first();"
        "a = Action.objects.order_by('pk').first();"
        "print(json.dumps({'meeting': m.pk, 'person': p.slug, 'action': a.pk}))"
    )
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    ids = __import__("json").loads(out.stdout.strip().splitlines()[-1])
    public = {
        "home": "/",
        "meeting": f"/meetings/{ids['meeting']}/",
        "minutes": f"/meetings/{ids['meeting']}/minutes/",
        "action-log": "/actions/",
        "member": f"/members/{ids['person']}/",
    }
    return {
        "public": public,
        "member": {"action-log": "/actions/", "my-actions": "/actions/mine/"},
        "owner": {"my-actions": "/actions/mine/", "action": f"/actions/{ids['action']}/"},
        "officer": {
            "admin-home": "/admin/",
            "admin-actions": "/admin/actions/action/",
            "admin-action": f"/admin/actions/action/{ids['action']}/change/",
            "admin-register": f"/admin/meetings/meeting/{ids['meeting']}/register/",
        },
    }


def shoot(base, plan):
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--no-first-run"]
        )
        for role, role_pages in plan.items():
            for width in WIDTHS:
                context = browser.new_context(viewport={"width": width, "height": 900})
                page = context.new_page()
                page.set_default_timeout(120_000)  # a busy machine serves slowly
                if role in LOGINS:
                    username, password = LOGINS[role]
                    page.goto(f"{base}/accounts/login/")
                    page.fill("#id_username", username)
                    page.fill("#id_password", password)
                    page.click("button[type=submit]")
                    page.wait_for_load_state()
                for name, path in role_pages.items():
                    page.goto(f"{base}{path}")
                    target = OUT / f"{role}-{name}-{width}.png"
                    page.screenshot(path=str(target), full_page=True)
                    written.append(target)
                context.close()
        browser.close()
    return written


def main():
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"make screenshots needs Chromium at {CHROMIUM}: apt-get install chromium")
    with tempfile.TemporaryDirectory(prefix="panel-shots-") as tmp:
        env = {
            **os.environ,
            "DJANGO_ENV": "development",
            "DJANGO_DEBUG": "0",
            "DATABASE_URL": f"sqlite:///{tmp}/demo.sqlite3",
            "DJANGO_MEDIA_ROOT": f"{tmp}/media",
        }
        for command in (["migrate", "--no-input"], ["load_demo"]):
            subprocess.run(
                [sys.executable, "manage.py", *command],
                cwd=ROOT,
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
            )
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(base + "/", timeout=2).read()
                    break
                except OSError:
                    time.sleep(0.2)
            written = shoot(base, pages(env))
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"Wrote {len(written)} screenshots to {OUT.relative_to(ROOT)}/")


if __name__ == "__main__":
    main()
