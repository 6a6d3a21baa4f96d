"""WCAG 2.2 reflow (1.4.10): every page type at 320 px and 375 px wide, no horizontal scroll.

The same headless Chromium as the accessibility checks (tests/test_accessibility.py), for the
public, a Panel member, an action owner and democratic services in the admin. A page that
scrolls sideways names the elements sticking out, so the failure says what to fix.
"""

import pytest
from django.urls import reverse

from tests.test_accessibility import PUBLIC_PAGES, Browser, page_url, require_browser, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.sweeping, pytest.mark.django_db(transaction=True)]

WIDTHS = [320, 375]
# Signed-in pages: (who, page name, URL from the record fixture).
SIGNED_IN_PAGES = [
    ("member", "action log", lambda r: reverse("actions:action_list")),
    ("member", "my actions", lambda r: reverse("actions:action_mine")),
    ("member", "minutes, draft", lambda r: reverse("meetings:minutes_detail", args=[r.august.pk])),
    ("officer", "admin home", lambda r: reverse("admin:index")),
    ("officer", "admin actions", lambda r: reverse("admin:actions_action_changelist")),
    (
        "officer",
        "admin meeting",
        lambda r: reverse("admin:meetings_meeting_change", args=[r.july.pk]),
    ),
    (
        "officer",
        "admin register",
        lambda r: reverse("admin:meetings_meeting_register", args=[r.july.pk]),
    ),
]
PASSWORDS = {"member": "demo-member-2023", "officer": "demo-officer-2023"}

OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= width) return [];
  return [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > width + 1)
    .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > width + 1))
    .slice(0, 5)
    .map(e => `${e.tagName.toLowerCase()}.${String(e.className).split(' ')[0]}`
              + ` "${(e.textContent || '').trim().slice(0, 30)}"`);
}"""


@pytest.fixture(scope="module")
def browser():
    require_browser()
    browser = Browser()
    yield browser
    browser.close()


def overflow_at(browser, target, width, who=None, live_server=None):
    def check(page):
        page.set_viewport_size({"width": width, "height": 900})
        if who:
            sign_in(page, live_server, who, PASSWORDS[who], target.removeprefix(live_server.url))
            page.wait_for_load_state()
        page.goto(target)
        return page.evaluate(OVERFLOW)

    return browser.run(check)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("make_url", [p[1] for p in PUBLIC_PAGES], ids=[p[0] for p in PUBLIC_PAGES])
def test_public_pages_reflow(browser, live_server, record, make_url, width):
    target = page_url(live_server, record, make_url)
    assert overflow_at(browser, target, width) == []


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(
    ("who", "make_url"),
    [(p[0], p[2]) for p in SIGNED_IN_PAGES],
    ids=[f"{p[0]}-{p[1]}" for p in SIGNED_IN_PAGES],
)
def test_signed_in_pages_reflow(
    browser, live_server, record, member_user, staff_user, who, make_url, width
):
    target = page_url(live_server, record, make_url)
    assert overflow_at(browser, target, width, who, live_server) == []
