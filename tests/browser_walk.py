"""A role's walk through one daily job in headless Chromium, with axe at every page visited.

The browser machinery (Chromium in a worker thread, axe-core, signing in) is the accessibility
checks' (tests/test_accessibility.py). A ``Walk`` goes from page to page as a person would,
by links and buttons, and audits each page it stops at: the test then asserts that every page
of the job was audited and that axe found nothing on any of them.

Set JOBS_SCREENSHOTS to a folder to keep a screenshot of each admin page at 1280 px and
375 px wide, for a person to look at; the tests write none otherwise.
"""

import os
import re
from pathlib import Path

from tests.test_accessibility import Browser, axe_violations, require_browser

WIDE, NARROW = 1280, 375
SCREENSHOTS = os.environ.get("JOBS_SCREENSHOTS", "")


def chromium():
    """Headless Chromium for a module's walks (its ``browser`` fixture yields from this)."""
    require_browser()
    browser = Browser()
    yield browser
    browser.close()


class Walk:
    """One person's way through a job in ``page``: ``audits`` maps each page stopped at to
    axe's violations there, and ``errors`` gathers what the browser refused (for example a
    script or style blocked by the Content-Security-Policy)."""

    def __init__(self, page, live_server, job):
        self.page, self.base, self.job = page, live_server.url, job
        self.audits = {}
        page.set_viewport_size({"width": WIDE, "height": 900})
        # A control that is not there fails the walk in seconds, not Playwright's thirty.
        page.set_default_timeout(5000)

    def open(self, path):
        self.page.goto(f"{self.base}{path}")

    def follow(self, name, *, role="link", within="body"):
        """Click the link (or button) called ``name`` and wait for the page it leads to."""
        with self.page.expect_navigation():
            self.page.locator(within).get_by_role(role, name=name, exact=True).first.click()

    def press(self, name):
        self.follow(name, role="button")

    def submit(self, selector):
        with self.page.expect_navigation():
            self.page.click(selector)

    def sign_in(self, username, password):
        """Fill the sign-in page the browser is on (the site's or the admin's), audited."""
        self.audit("sign in")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", password)
        self.submit("[type=submit]")

    def audit(self, step):
        """Run axe on the page as it stands; keep a screenshot of an admin page."""
        assert step not in self.audits, f"{step!r} is audited twice: name the steps apart"
        self.audits[step] = axe_violations(self.page)
        if SCREENSHOTS and "/admin/" in self.page.url:
            self.screenshot(step)

    def screenshot(self, step):
        folder = Path(SCREENSHOTS)
        folder.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^a-z0-9]+", "-", f"{self.job} {step}".lower()).strip("-")
        for width in (WIDE, NARROW):
            self.page.set_viewport_size({"width": width, "height": 900})
            self.page.screenshot(path=folder / f"{name}-{width}.png", full_page=True)
        self.page.set_viewport_size({"width": WIDE, "height": 900})

    def text(self, selector="main, #content"):
        return self.page.locator(selector).first.inner_text()

    def messages(self):
        """The messages the page shows (the admin's list, or the site's banners)."""
        found = self.page.locator(".messagelist li, .govuk-notification-banner__content")
        return [text.strip() for text in found.all_inner_texts()]

    @property
    def errors(self):
        # A missing favicon or similar 404 is not the page's fault.
        return [error for error in self.page.errors if "404" not in error]


def without_violations(*steps):
    """What a walk's ``audits`` should be: each of ``steps`` audited, and none other, with no
    violation on any."""
    return {step: [] for step in steps}
