"""WCAG 2.2 AA: every public page type, checked with axe-core in a real headless Chromium.

Debian's Chromium (/usr/bin/chromium) is driven by Playwright against the live test server,
with the site's real Content-Security-Policy in force; axe-core (node_modules/axe-core) is
evaluated in each page and run for the WCAG 2.0, 2.1 and 2.2 A and AA rules. Without
Chromium the tests skip, saying how to install it, except under CI, where they fail.

To check a new page type, add a line to PUBLIC_PAGES: a name, and a function from the
``record`` fixture (tests/conftest.py) to the page's URL.
"""

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import NoReverseMatch, reverse

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
STYLESHEET = Path(settings.BASE_DIR) / "static" / "build" / "site.css"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# Says nothing about the database: runs once, in the PostgreSQL half of `make test`.
pytestmark = [pytest.mark.browser, pytest.mark.sweeping, pytest.mark.django_db(transaction=True)]


def url(name, **kwargs):
    return lambda record: reverse(name, kwargs={k: v(record) for k, v in kwargs.items()})


PUBLIC_PAGES = [
    ("home", url("meetings:home")),
    ("meetings list", url("meetings:meeting_list")),
    ("meetings list, bad filter", lambda r: reverse("meetings:meeting_list") + "?year=1999"),
    ("meeting with a private item", url("meetings:meeting_detail", pk=lambda r: r.august.pk)),
    ("meeting with a webcast", url("meetings:meeting_detail", pk=lambda r: r.july.pk)),
    ("minutes, confirmed", url("meetings:minutes_detail", pk=lambda r: r.july.pk)),
    (
        "minutes, draft with a private item",
        url("meetings:minutes_detail", pk=lambda r: r.august.pk),
    ),
    ("sign in", url("login")),
    ("page not found", lambda r: "/no-such-page/"),
    # Members, decisions, work programme, search and the action log.
    ("members", url("meetings:person_list")),
    ("member", url("meetings:person_detail", slug=lambda r: r.people.taylor.slug)),
    ("bodies", url("meetings:body_list")),
    ("body", url("meetings:body_detail", slug=lambda r: r.panel.slug)),
    ("decisions", url("meetings:resolution_list")),
    ("work programme", url("meetings:workprogramme_list")),
    ("search", lambda r: reverse("meetings:search") + "?q=report"),
    ("action log", url("actions:action_list")),
]


def require_browser():
    """Skip (locally) or fail (under CI) when what the browser tests need is missing."""
    missing = []
    if not CHROMIUM.exists():
        missing.append(f"Chromium is not installed at {CHROMIUM}: run apt-get install chromium")
    if not AXE.exists():
        missing.append(f"axe-core is missing at {AXE}: run npm ci")
    if not STYLESHEET.exists():
        missing.append(f"the stylesheet is not built at {STYLESHEET}: run npm run build")
    if missing:
        message = "; ".join(missing)
        if os.environ.get("CI") == "true":
            pytest.fail(f"The accessibility checks must run in CI, but {message}.")
        pytest.skip(message)


class Browser:
    """Headless Chromium, driven from a thread of its own.

    Playwright's synchronous API keeps an event loop running in the thread that starts it,
    and Django refuses database work in such a thread; so the browser lives in a worker
    thread and each test hands it a function of a fresh page.
    """

    def __init__(self):
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="chromium")
        self.worker.submit(self._start).result()

    def _start(self):
        from playwright.sync_api import sync_playwright

        self.playwright = sync_playwright().start()
        self.browser = self.playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )

    def run(self, test, javascript=True):
        """``test(page)`` in a new browser context; returns what it returns."""
        return self.worker.submit(self._run, test, javascript).result()

    def _run(self, test, javascript):
        context = self.browser.new_context(java_script_enabled=javascript)
        try:
            page = context.new_page()
            page.errors = []
            page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda error: page.errors.append(str(error)))
            return test(page)
        finally:
            context.close()

    def close(self):
        def stop():
            self.browser.close()
            self.playwright.stop()

        self.worker.submit(stop).result()
        self.worker.shutdown()


@pytest.fixture(scope="module")
def browser():
    require_browser()
    browser = Browser()
    yield browser
    browser.close()


def axe_violations(page):
    """axe-core's violations for the page, one readable line per failing element."""
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        f"{' '.join(node['target'][0] if node['target'] else '?' for node in violation['nodes'])}"
        for violation in result["violations"]
    ]


def page_url(live_server, record, make_url):
    try:
        path = make_url(record)
    except NoReverseMatch as error:
        pytest.fail(f"The page is not installed: {error}")
    return f"{live_server.url}{path}"


@pytest.mark.parametrize("make_url", [p[1] for p in PUBLIC_PAGES], ids=[p[0] for p in PUBLIC_PAGES])
def test_public_page_has_no_accessibility_violations(browser, live_server, record, make_url):
    target = page_url(live_server, record, make_url)

    def check(page):
        page.goto(target)
        return axe_violations(page), page.errors

    violations, errors = browser.run(check)

    assert violations == []
    # A script or style refused by the Content-Security-Policy would show here.
    assert [e for e in errors if "404" not in e] == []


def sign_in(page, live_server, username, password, next_url=""):
    page.goto(f"{live_server.url}{reverse('login')}?next={next_url}")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")


def test_minutes_page_for_a_member_has_no_accessibility_violations(
    browser, live_server, record, member_user
):
    minutes = reverse("meetings:minutes_detail", kwargs={"pk": record.august.pk})

    def check(page):
        sign_in(page, live_server, "member", "demo-member-2023", minutes)
        page.wait_for_url(f"{live_server.url}{minutes}")
        return page.inner_text("main"), axe_violations(page)

    text, violations = browser.run(check)

    assert "Members felt that the candidate was very credible" in text
    assert violations == []


def test_failed_sign_in_page_has_no_accessibility_violations(browser, live_server, record):
    def check(page):
        sign_in(page, live_server, "member", "wrong")
        page.wait_for_selector(".govuk-error-summary")
        return page.evaluate("document.activeElement.className"), axe_violations(page)

    focused, violations = browser.run(check)

    # GOV.UK Frontend moves focus to the error summary, so it is read out first.
    assert "govuk-error-summary" in focused
    assert violations == []


def test_first_tab_reaches_the_skip_link_which_moves_focus_to_the_main_content(
    browser, live_server, record
):
    def keyboard(page):
        page.goto(f"{live_server.url}{reverse('meetings:meeting_list')}")
        page.keyboard.press("Tab")
        first = page.evaluate("[document.activeElement.className, document.activeElement.text]")
        page.keyboard.press("Enter")
        return first, page.evaluate("document.activeElement.id")

    first, after = browser.run(keyboard)

    assert first == ["govuk-skip-link", "Skip to main content"]
    assert after == "main-content"


def test_skip_link_works_without_javascript(browser, live_server, record):
    def keyboard(page):
        page.goto(f"{live_server.url}{reverse('meetings:home')}")
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        return page.evaluate("document.activeElement.id")

    assert browser.run(keyboard, javascript=False) == "main-content"


def test_meetings_filter_works_without_javascript(browser, live_server, record):
    def filter_meetings(page):
        page.goto(f"{live_server.url}{reverse('meetings:meeting_list')}")
        page.select_option("#id_kind", "confirmation")
        page.click("text=Apply filters")
        page.wait_for_url("**/meetings/?*kind=confirmation*")
        return page.inner_text("main [role=status]"), page.inner_text("main table")

    status, rows = browser.run(filter_meetings, javascript=False)

    assert status == "1 meeting match your filters."
    assert "Confirmation Hearing for appointment" in rows
    assert "Annual meeting" not in rows
