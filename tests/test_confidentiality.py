"""Confidential words reach exactly the audiences entitled to them, on every surface.

Pages, the API (JSON, CSV and iCalendar), the action CSV export, the calendar feeds, minutes
PDFs, the "Actions arising" report and its text twin, search and the filter drop-downs each
decided visibility for themselves, and confidential material reached the public.

``planted`` builds a small record in which every field that can carry confidential words
holds a unique marker. ``MARKERS`` says where each is planted and who may read it: that table
is the rule the site must implement, and nothing else here says what a page should print.
Each audience (the public, an action owner, a Panel member, democratic services) then crawls
every address it can reach from the site's entry points: links, the options of every filter
form, search for each marker, API ``next`` pages and formats, and every internal URL in a
JSON, CSV, text or calendar body; and, since a hidden link is no locked door, each row's own
address (by id), which anyone can guess. The markers it finds must be exactly those it is
entitled to. Markers everyone may read are controls: finding one in every kind of body and
on every surface proves the crawl reached it, so a silence means something.

The differential tests check that a page and the API list the same records for a visitor.
"""

import datetime
import io
import json
import re
from collections import Counter, deque
from dataclasses import dataclass
from html.parser import HTMLParser
from types import SimpleNamespace
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import pypdf
import pytest
import time_machine
from django.conf import settings
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import Resolver404, resolve, reverse

from actions import services as action_services
from actions.models import Action, Owner
from meetings import services as minutes_services
from meetings.models import (
    AgendaItem,
    Attendance,
    Body,
    Declaration,
    Meeting,
    Membership,
    Paper,
    Person,
    Resolution,
    WorkProgrammeEntry,
)

AUDIENCES = ("public", "owner", "member", "staff")
EVERYONE = frozenset(AUDIENCES)
MEMBERS_AND_STAFF = frozenset({"member", "staff"})
OWNER_MEMBERS_AND_STAFF = frozenset({"owner", "member", "staff"})
STAFF_ONLY = frozenset({"staff"})


@dataclass(frozen=True)
class Marker:
    """A unique string planted in one field, and the audiences that may read it."""

    name: str
    where: str
    audiences: frozenset

    @property
    def text(self):
        # The closing "-QZ" keeps one marker from being a substring of another.
        return f"ZQX-{self.name}-QZ"

    @property
    def search_term(self):
        # What the crawl types into search boxes: it finds the marker, but a page that echoes
        # the query back does not thereby show the marker itself.
        return self.name


MARKERS = {
    marker.name: marker
    for marker in (
        # A meeting whose minutes are published.
        Marker("EXEMPT-TITLE", "title of an exempt item", MEMBERS_AND_STAFF),
        Marker("EXEMPT-DESCRIPTION", "description of an exempt item", MEMBERS_AND_STAFF),
        Marker("EXEMPT-MINUTES", "minutes_text of an exempt item", MEMBERS_AND_STAFF),
        Marker(
            "EXEMPT-CORRECTED-EARLIER",
            "earlier minutes_text of the exempt item, kept by a correction",
            MEMBERS_AND_STAFF,
        ),
        Marker(
            "EXEMPT-RESOLUTION", "text of a resolution under the exempt item", MEMBERS_AND_STAFF
        ),
        Marker(
            "EXEMPT-DECLARATION",
            "reason of a declaration concerning only the exempt item",
            MEMBERS_AND_STAFF,
        ),
        Marker("REDACTED-DESCRIPTION", "description of a redacted item", MEMBERS_AND_STAFF),
        Marker("SENSITIVE-ITEM-TITLE", "title of an official-sensitive item", MEMBERS_AND_STAFF),
        Marker(
            "RESTRICTED-PAPER-TITLE",
            "title (and file) of a restricted paper on a public item",
            MEMBERS_AND_STAFF,
        ),
        Marker(
            "RESTRICTED-PAPER-AUTHOR",
            "report_of of the restricted paper (assumed: withheld with its title)",
            MEMBERS_AND_STAFF,
        ),
        Marker(
            "SENSITIVE-PAPER-TITLE",
            "title of an official-sensitive paper on a public item",
            MEMBERS_AND_STAFF,
        ),
        Marker(
            "EXEMPT-CORRECTION-NOTE",
            "note of the correction of the exempt item (assumed: as its earlier text)",
            MEMBERS_AND_STAFF,
        ),
        Marker(
            "EXEMPT-RESOLUTION-ACTION",
            "text of an unrestricted action tied to the exempt item's resolution, no item",
            MEMBERS_AND_STAFF,
        ),
        Marker(
            "OWNED-ACTION-TEXT", "text of the owner's restricted action", OWNER_MEMBERS_AND_STAFF
        ),
        Marker(
            "OWNED-ACTION-WORDING",
            "status_wording of the owner's restricted action",
            OWNER_MEMBERS_AND_STAFF,
        ),
        Marker(
            "OWNED-ACTION-FOLLOW-UP",
            "follow_up of the owner's restricted action",
            OWNER_MEMBERS_AND_STAFF,
        ),
        Marker(
            "OWNED-ACTION-NOTE",
            "note of a history event of the owner's restricted action",
            OWNER_MEMBERS_AND_STAFF,
        ),
        # Controls: everyone may read them, so each proves its surface is reached.
        Marker("MEETING-TITLE", "title of a meeting (control, also in calendars)", EVERYONE),
        Marker("PUBLIC-ITEM-TITLE", "title of a public item (control)", EVERYONE),
        Marker("PUBLIC-ITEM-DESCRIPTION", "description of a public item (control)", EVERYONE),
        Marker("PUBLIC-MINUTES", "minutes_text of a public item (control)", EVERYONE),
        Marker(
            "PUBLIC-CORRECTED-EARLIER",
            "earlier minutes_text of a public item, kept by a correction (control)",
            EVERYONE,
        ),
        Marker("PUBLIC-RESOLUTION", "text of a resolution under a public item (control)", EVERYONE),
        Marker("PUBLIC-PAPER-TITLE", "title (and file) of a public paper (control)", EVERYONE),
        Marker(
            "PUBLIC-CORRECTION-NOTE",
            "note of the correction of a public item (control, assumed: as its earlier text)",
            EVERYONE,
        ),
        Marker(
            "PUBLIC-ATTENDANCE-ROLE",
            "role of an attendance row, minutes published (control)",
            EVERYONE,
        ),
        Marker(
            "PUBLIC-DECLARATION", "reason of a declaration about a public item (control)", EVERYONE
        ),
        Marker("PUBLIC-ACTION", "text of an open public action (control)", EVERYONE),
        Marker("PUBLIC-CLOSED-ACTION", "text of a completed public action (control)", EVERYONE),
        # A meeting whose minutes are still a draft.
        Marker("DRAFT-ITEM-TITLE", "title of a public item on the agenda (control)", EVERYONE),
        Marker("DRAFT-MINUTES", "minutes_text of a public item, draft minutes", STAFF_ONLY),
        Marker("DRAFT-RESOLUTION", "text of a resolution, draft minutes", STAFF_ONLY),
        Marker("DRAFT-ATTENDANCE-ROLE", "role of an attendance row, draft minutes", STAFF_ONLY),
        Marker("DRAFT-DECLARATION", "reason of a declaration, draft minutes", STAFF_ONLY),
        Marker("DRAFT-START-NOTE", "note of the event that started the draft minutes", STAFF_ONLY),
        Marker(
            "DRAFT-RESOLUTION-ACTION",
            "text of an unrestricted action raised from a resolution of the draft minutes",
            MEMBERS_AND_STAFF,
        ),
        # A meeting held, with no minutes at all.
        Marker("UNMINUTED-ATTENDANCE-ROLE", "role of an attendance row, no minutes", STAFF_ONLY),
    )
}
MARKER_PATTERN = re.compile("|".join(re.escape(m.text) for m in MARKERS.values()), re.IGNORECASE)
# A word the record uses around most markers, so that search lists many results at once.
COMMON_WORD = "Panel"
SEARCH_TERMS = (COMMON_WORD, *(marker.search_term for marker in MARKERS.values()))

# The record's dates lie before this moment; the Panel's next meeting lies after it.
NOW = datetime.datetime(2024, 1, 15, 10, 0, tzinfo=datetime.UTC)
CRAWL_CAP = 3000
MIN_ADDRESSES = 50


# --- The record ---------------------------------------------------------------------------


@pytest.fixture
def owner_user(django_user_model):
    """A log-in that answers for the OPCC's actions, with no group."""
    return django_user_model.objects.create_user("crawl-owner", password="demo-owner-2023")


@pytest.fixture
def planted(db, settings, tmp_path, staff_user, member_user, owner_user):
    """The record with every marker planted, built and crawled at ``NOW``."""
    settings.MEDIA_ROOT = tmp_path / "media"
    with time_machine.travel(NOW, tick=True):
        record = build_record(staff=staff_user, owner_user=owner_user)
        record.users = {
            "public": None,
            "owner": owner_user,
            "member": member_user,
            "staff": staff_user,
        }
        yield record


def build_record(*, staff, owner_user):
    planted_names = set()

    def mark(name, sentence="The Panel noted {}."):
        planted_names.add(name)
        return sentence.format(MARKERS[name].text)

    panel = Body.objects.create(
        name="Crawl Police and Crime Panel",
        short_name="Panel",
        slug="panel",
        kind=Body.Kind.PANEL,
    )
    Body.objects.create(
        name="Corporate Governance Board", short_name="CGB", slug="cgb", kind=Body.Kind.BOARD
    )
    chair = Person.objects.create(
        slug="deborah-taylor", honorific="Councillor", given_name="Deborah", family_name="Taylor"
    )
    russell = Person.objects.create(
        slug="sarah-russell", honorific="Councillor", given_name="Sarah", family_name="Russell"
    )
    allnatt = Person.objects.create(slug="allnatt", honorific="Councillor", family_name="Allnatt")
    officer = Person.objects.create(
        slug="anita-james", honorific="Mrs", given_name="Anita", family_name="James"
    )
    seated = datetime.date(2023, 5, 1)
    Membership.objects.create(
        person=chair, body=panel, role=Membership.Role.CHAIR, start_date=seated
    )
    for person in (russell, allnatt):
        Membership.objects.create(person=person, body=panel, start_date=seated)

    def meeting(date, status=Meeting.Status.HELD, title=""):
        return Meeting.objects.create(
            body=panel,
            title=title,
            date=date,
            start_time=datetime.time(13, 0),
            end_time=datetime.time(15, 0) if status == Meeting.Status.HELD else None,
            venue="City Hall, Leicester",
            status=status,
        )

    def attend(meeting, present, officer_role):
        Attendance.objects.create(
            meeting=meeting, person=chair, status=Attendance.Status.PRESENT, is_chair=True
        )
        for order, person in enumerate(present, start=1):
            Attendance.objects.create(meeting=meeting, person=person, order=order)
        Attendance.objects.create(
            meeting=meeting,
            person=officer,
            status=Attendance.Status.IN_ATTENDANCE,
            role=officer_role,
            order=20,
        )

    # 26 July 2023: minutes published, then corrected twice.
    july = meeting(
        datetime.date(2023, 7, 26), title=mark("MEETING-TITLE", "Panel scrutiny session {}")
    )
    public_item = AgendaItem.objects.create(
        meeting=july,
        order=1,
        number="1",
        title=mark("PUBLIC-ITEM-TITLE", "Panel report {}"),
        description=mark("PUBLIC-ITEM-DESCRIPTION"),
        minutes_text=mark("PUBLIC-CORRECTED-EARLIER"),
    )
    exempt_item = AgendaItem.objects.create(
        meeting=july,
        order=2,
        number="2",
        title=mark("EXEMPT-TITLE", "Panel private session {}"),
        description=mark("EXEMPT-DESCRIPTION"),
        minutes_text=mark("EXEMPT-CORRECTED-EARLIER"),
        confidentiality=AgendaItem.Confidentiality.EXEMPT,
        exempt_paragraphs="1",
    )
    AgendaItem.objects.create(
        meeting=july,
        order=3,
        number="3",
        title="Corporate Governance Board section",
        description=mark("REDACTED-DESCRIPTION"),
        confidentiality=AgendaItem.Confidentiality.REDACTED,
    )
    AgendaItem.objects.create(
        meeting=july,
        order=4,
        number="4",
        title=mark("SENSITIVE-ITEM-TITLE", "Panel briefing {}"),
        description="A briefing from the Force.",
        confidentiality=AgendaItem.Confidentiality.OFFICIAL_SENSITIVE,
    )
    Resolution.objects.create(item=public_item, number=1, text=mark("PUBLIC-RESOLUTION"))
    exempt_resolution = Resolution.objects.create(
        item=exempt_item, text=mark("EXEMPT-RESOLUTION"), kind=Resolution.Kind.APPROVED
    )
    for name, extra in (
        ("PUBLIC-PAPER-TITLE", {}),
        (
            "RESTRICTED-PAPER-TITLE",
            {"is_restricted": True, "report_of": mark("RESTRICTED-PAPER-AUTHOR", "{}")},
        ),
        ("SENSITIVE-PAPER-TITLE", {"marking": Paper.Marking.OFFICIAL_SENSITIVE}),
    ):
        paper = Paper(item=public_item, title=mark(name, "Panel paper {}"), **extra)
        paper.file.save(f"{name.lower()}.txt", ContentFile(paper.title.encode()), save=False)
        paper.save()
    attend(july, [russell, allnatt], mark("PUBLIC-ATTENDANCE-ROLE", "Officer {}"))
    public_declaration = Declaration.objects.create(
        meeting=july,
        person=russell,
        interest_type=Declaration.InterestType.OTHER_REGISTRABLE,
        reason=mark("PUBLIC-DECLARATION", "as a relative works for {}"),
    )
    public_declaration.items.set([public_item])
    exempt_declaration = Declaration.objects.create(
        meeting=july,
        person=allnatt,
        interest_type=Declaration.InterestType.NON_REGISTRABLE,
        reason=mark("EXEMPT-DECLARATION", "as the candidate is known to {}"),
    )
    exempt_declaration.items.set([exempt_item])
    july_minutes = minutes_services.minutes_create(meeting=july, user=staff)
    minutes_services.minutes_publish(minutes=july_minutes, user=staff)
    minutes_services.minutes_correct(
        minutes=july_minutes,
        user=staff,
        note=mark("PUBLIC-CORRECTION-NOTE", "Minute 1 corrected: {}."),
        items={public_item: {"minutes_text": mark("PUBLIC-MINUTES")}},
    )
    minutes_services.minutes_correct(
        minutes=july_minutes,
        user=staff,
        note=mark("EXEMPT-CORRECTION-NOTE", "Minute 2 corrected: {}."),
        items={exempt_item: {"minutes_text": mark("EXEMPT-MINUTES")}},
    )

    # 9 October 2023: minutes still a draft.
    october = meeting(datetime.date(2023, 10, 9))
    draft_item = AgendaItem.objects.create(
        meeting=october,
        order=1,
        number="1",
        title=mark("DRAFT-ITEM-TITLE", "Panel budget {}"),
        minutes_text=mark("DRAFT-MINUTES"),
    )
    draft_resolution = Resolution.objects.create(
        item=draft_item, text=mark("DRAFT-RESOLUTION"), kind=Resolution.Kind.REQUEST
    )
    attend(october, [russell], mark("DRAFT-ATTENDANCE-ROLE", "Officer {}"))
    Declaration.objects.create(
        meeting=october,
        person=russell,
        interest_type=Declaration.InterestType.PERSONAL,
        all_items=True,
        reason=mark("DRAFT-DECLARATION", "as a governor of {}"),
    )
    minutes_services.minutes_create(
        meeting=october, user=staff, note=mark("DRAFT-START-NOTE", "Drafted from {}")
    )

    # 20 November 2023: held, no minutes yet.
    november = meeting(datetime.date(2023, 11, 20))
    november_item = AgendaItem.objects.create(
        meeting=november,
        order=1,
        number="1",
        title="Police and Crime Plan update",
        minutes_text="The Panel received an update on the plan.",
    )
    Resolution.objects.create(item=november_item, text="That the plan update be noted.")
    attend(november, [allnatt], mark("UNMINUTED-ATTENDANCE-ROLE", "Officer {}"))

    # 7 February 2024: still to come.
    february = meeting(datetime.date(2024, 2, 7), status=Meeting.Status.SCHEDULED)
    AgendaItem.objects.create(meeting=february, order=1, number="1", title="Apologies")
    WorkProgrammeEntry.objects.create(body=panel, meeting=february, title="Proposed precept")
    WorkProgrammeEntry.objects.create(
        body=panel,
        kind=WorkProgrammeEntry.Kind.VISIT,
        title="Visit to the force control room",
        status=WorkProgrammeEntry.Status.TO_BE_SCHEDULED,
    )

    # The action log.
    opcc = Owner.objects.create(name="OPCC")
    opcc.users.add(owner_user)
    force = Owner.objects.create(name="Force")
    action_services.action_create(
        meeting=july,
        item=public_item,
        reference="1",
        text=mark("PUBLIC-ACTION", "The Panel asked for {}."),
        owners=[opcc],
        due_date=datetime.date(2024, 3, 1),
        user=staff,
    )
    closed = action_services.action_create(
        meeting=july,
        item=public_item,
        reference="1b",
        text=mark("PUBLIC-CLOSED-ACTION", "The Panel asked for {}."),
        owners=[force],
        user=staff,
    )
    action_services.action_complete(action=closed, user=staff, status_wording="completed")
    owned = action_services.action_create(
        meeting=july,
        reference="5",
        text=mark("OWNED-ACTION-TEXT", "OPCC to brief the Panel on {}."),
        status_wording=mark("OWNED-ACTION-WORDING", "briefing on {} arranged"),
        follow_up=mark("OWNED-ACTION-FOLLOW-UP", "Back to the Panel with {}."),
        restricted=True,
        owners=[opcc],
        due_date=datetime.date(2024, 1, 10),
        user=staff,
    )
    action_services.action_start(
        action=owned, user=staff, note=mark("OWNED-ACTION-NOTE", "Work began on {}.")
    )
    action_services.action_create(
        meeting=july,
        resolution=exempt_resolution,
        reference="2",
        text=mark("EXEMPT-RESOLUTION-ACTION", "The Panel asked for {}."),
        owners=[force],
        user=staff,
    )
    action_services.action_create(
        meeting=july,
        item=exempt_item,
        reference="3",
        text="Write to the referees named in the private session.",
        owners=[force],
        user=staff,
    )
    action_services.action_create(
        meeting=october,
        item=draft_item,
        resolution=draft_resolution,
        reference="1",
        text=mark("DRAFT-RESOLUTION-ACTION", "The Panel asked for {}."),
        owners=[force],
        user=staff,
    )

    assert planted_names == set(MARKERS), "every marker in the table is planted exactly once"
    return SimpleNamespace(
        panel=panel, july=july, october=october, november=november, february=february
    )


def client_for(audience, planted):
    client = Client()
    user = planted.users[audience]
    if user is not None:
        client.force_login(user)
    return client


# --- Reading responses ----------------------------------------------------------------------


def pdf_text(data):
    """The text a PDF shows, as a reader copies it (pypdf), its title, and the raw file.

    A marker that a line ends at one of its hyphens is joined up again. The raw file adds
    whatever is stored outside the pages' text (the XMP metadata, for one).
    """
    reader = pypdf.PdfReader(io.BytesIO(data))
    title = (reader.metadata.title if reader.metadata else None) or ""
    text = "\n".join([title, *(page.extract_text() for page in reader.pages)])
    return "\n".join([re.sub(r"-[ \t]*\n\s*", "-", text), data.decode("latin-1")])


def readable_text(response):
    """What a reader of the response sees, as one string to search for markers."""
    data = b"".join(response.streaming_content) if response.streaming else response.content
    content_type = response.get("Content-Type", "")
    if content_type.startswith("application/pdf") or data.startswith(b"%PDF"):
        return pdf_text(data)
    text = data.decode(response.charset or "utf-8", "replace")
    if content_type.startswith("text/calendar"):
        # Unfold iCalendar's 75-octet lines, which can split a word anywhere.
        text = re.sub(r"\r?\n[ \t]", "", text)
    return text


class PageParser(HTMLParser):
    """Links, GET forms (their drop-down, checkbox and text fields) and table rows of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []  # (href, rel)
        self.forms = []
        self.rows = []  # [[cell, ...], ...]; a cell is {"text": str, "hrefs": [...]}
        self._form = None
        self._select = None
        self._cell = None
        self._cell_closed_text = False

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if tag in ("a", "link", "area", "iframe", "embed"):
            self._link(tag, attrs)
        elif tag in ("form", "select", "option", "input"):
            self._form_field(tag, attrs)
        elif tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th") and self.rows:
            self._cell = {"text": "", "hrefs": []}
            self._cell_closed_text = False
            self.rows[-1].append(self._cell)
        elif tag in ("p", "div", "ul", "ol") and self._cell is not None:
            # A cell's own words come before any block inside it (a motion's mover, say).
            self._cell_closed_text = True

    def _link(self, tag, attrs):
        target = attrs.get("src") if tag in ("iframe", "embed") else attrs.get("href")
        if not target:
            return
        self.links.append((target, attrs.get("rel", "")))
        if self._cell is not None and tag == "a":
            self._cell["hrefs"].append(target)

    def _form_field(self, tag, attrs):
        if tag == "form":
            self._form = {
                "method": (attrs.get("method") or "get").lower(),
                "action": attrs.get("action", ""),
                "choices": [],
                "texts": [],
            }
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "select":
            self._select = attrs.get("name")
        elif tag == "option" and self._select:
            self._form["choices"].append((self._select, attrs.get("value", "")))
        elif tag == "input" and attrs.get("name"):
            kind = attrs.get("type", "text").lower()
            if kind in ("checkbox", "radio"):
                self._form["choices"].append((attrs["name"], attrs.get("value", "on")))
            elif kind in ("text", "search"):
                self._form["texts"].append(attrs["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag in ("td", "th"):
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None and not self._cell_closed_text:
            self._cell["text"] += data


def parse_page(text):
    parser = PageParser()
    parser.feed(text)
    parser.close()
    return parser


# --- Addresses ----------------------------------------------------------------------------

HOST = "testserver"


def skipped_prefixes():
    return ("/admin/", "/accounts/logout", f"/{settings.STATIC_URL.strip('/')}/")


def internal_address(url, base="/"):
    """The internal address ``url`` names (path and sorted query), or None."""
    parts = urlsplit(urljoin(f"http://{HOST}{base}", url.strip()))
    if parts.scheme not in ("http", "https") or parts.netloc != HOST:
        return None
    path = parts.path or "/"
    if path.startswith(skipped_prefixes()):
        return None
    if path == reverse("login"):
        return path  # one sign-in page, whatever page it would return to
    query = sorted(parse_qsl(parts.query, keep_blank_values=True))
    return f"{path}?{urlencode(query)}" if query else path


SORT_PARAMETER = "ordering"


def unsorted(address):
    """A filtered list's address without its sort order, which changes no row it shows.

    Every filtered page links itself sorted the other way; following those would double the
    crawl for nothing. Each sort order is still crawled once, on the list unfiltered.
    """
    parts = urlsplit(address)
    query = parse_qsl(parts.query, keep_blank_values=True)
    names = {name for name, _value in query}
    if SORT_PARAMETER not in names or names <= {SORT_PARAMETER, "page"}:
        return address
    kept = [(name, value) for name, value in query if name != SORT_PARAMETER]
    return f"{parts.path}?{urlencode(kept)}"


def with_query(address, **params):
    """``address`` with ``params`` added to its query string."""
    parts = urlsplit(address)
    query = [*parse_qsl(parts.query, keep_blank_values=True), *params.items()]
    return f"{parts.path}?{urlencode(query)}"


def view_of(address):
    try:
        return resolve(urlsplit(address).path)
    except Resolver404:
        return None


def json_strings(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_strings(item)
    elif isinstance(value, str):
        yield value


ABSOLUTE_URL = re.compile(rf"https?://{HOST}/[^\s\"'<>\\,;]*")
LINK_HEADER_URL = re.compile(r"<([^>]+)>")


# --- The crawl ----------------------------------------------------------------------------


class Crawl:
    """Every address one client can reach by GET, and where each marker appeared."""

    def __init__(self, client, cap=CRAWL_CAP):
        self.client = client
        self.cap = cap
        self.queue = deque()
        self.queued = set()
        self.visited = 0
        self.statuses = Counter()
        self.errors = []
        self.found = {}  # marker text -> [addresses]
        self.found_by_kind = {}  # content type -> {marker text}
        self.found_by_view = {}  # URL name -> {marker text}

    def add(self, url, base="/"):
        address = internal_address(url, base)
        if address is not None:
            address = unsorted(address)
        if address is not None and address not in self.queued:
            self.queued.add(address)
            self.queue.append(address)

    def run(self, seeds):
        for seed in seeds:
            self.add(seed)
        while self.queue:
            if self.visited >= self.cap:
                pytest.fail(
                    f"The crawl reached its cap of {self.cap} addresses with {len(self.queue)} "
                    "still queued: raise the cap or stop the crawl multiplying addresses."
                )
            self.visit(self.queue.popleft())
        return self

    def visit(self, address):
        self.visited += 1
        try:
            response = self.client.get(address)
        except Exception as error:  # a page that crashes shows nothing, but must be reported
            self.errors.append(f"{address}: {error!r}")
            return
        self.statuses[response.status_code] += 1
        if response.status_code in (301, 302, 303, 307, 308):
            self.add(response["Location"], address)
            return
        if response.status_code >= 500:
            self.errors.append(f"{address}: status {response.status_code}")
        if response.status_code != 200:
            return  # 403, 404 and the like show nothing
        text = readable_text(response)
        kind = response.get("Content-Type", "").split(";")[0].strip()
        view = view_of(address)
        for found in {m.upper() for m in MARKER_PATTERN.findall(text)}:
            self.found.setdefault(found, []).append(address)
            self.found_by_kind.setdefault(kind, set()).add(found)
            if view is not None:
                self.found_by_view.setdefault(view.view_name, set()).add(found)
        self.discover(address, response, text)

    def discover(self, address, response, text):
        content_type = response.get("Content-Type", "")
        for url in LINK_HEADER_URL.findall(response.get("Link", "")):
            self.add(url, address)
        if content_type.startswith("text/html"):
            self.discover_in_page(address, parse_page(text))
        elif content_type.startswith("application/json"):
            self.discover_in_json(address, json.loads(text))
        else:
            for url in ABSOLUTE_URL.findall(text):
                self.add(url, address)
        self.derive(address)

    def discover_in_page(self, address, page):
        for href, _rel in page.links:
            self.add(href, address)
        for form in page.forms:
            if form["method"] != "get":
                continue
            action = internal_address(form["action"] or address.split("?")[0], address)
            if action is None:
                continue
            action = action.split("?")[0]
            for name, value in form["choices"]:
                if value:
                    self.add(with_query(action, **{name: value}))
            # The site search finds what no list shows: search it for every marker. Other
            # boxes only narrow a list the crawl reads whole: a common word is enough.
            terms = SEARCH_TERMS if action == reverse("meetings:search") else (COMMON_WORD,)
            for name in form["texts"]:
                if name == "q":
                    for term in terms:
                        self.add(with_query(action, q=term))

    def discover_in_json(self, address, data):
        for value in json_strings(data):
            if value.startswith((f"http://{HOST}/", f"https://{HOST}/")):
                self.add(value, address)
        match = view_of(address)
        results = data.get("results") if isinstance(data, dict) else None
        if match and match.url_name.endswith("-list") and isinstance(results, list):
            # The router's convention: a row's own address is the list's path and its key.
            path = urlsplit(address).path
            for row in results:
                for key in ("id", "slug"):
                    if isinstance(row, dict) and row.get(key) not in (None, ""):
                        self.add(f"{path}{row[key]}/")

    def derive(self, address):
        """Addresses a page implies but need not link: each meeting's minutes and reports."""
        match = view_of(address)
        if match is None:
            return
        if match.view_name == "meetings:meeting_detail":
            pk = match.kwargs["pk"]
            self.add(reverse("meetings:minutes_detail", kwargs={"pk": pk}))
            self.add(reverse("meetings:minutes_pdf", kwargs={"pk": pk}))
            self.add(reverse("actions:action_report", kwargs={"meeting_pk": pk}))
            self.add(reverse("actions:action_report_text", kwargs={"meeting_pk": pk}))
        elif match.view_name == "meetings:body_detail":
            self.add(reverse("meetings:body_calendar", kwargs={"slug": match.kwargs["slug"]}))
        if address.startswith(reverse("api-root")) and "format=" not in address:
            for format_ in ("csv", "ics"):
                self.add(with_query(address, format=format_))


def entry_points():
    names = [
        "meetings:home",
        "meetings:meeting_list",
        "meetings:person_list",
        "meetings:body_list",
        "meetings:resolution_list",
        "meetings:workprogramme_list",
        "meetings:search",
        "meetings:calendar",
        "actions:action_list",
        "actions:action_export",
        "actions:action_mine",
        "actions:action_report_choose",
        "api-root",
    ]
    return [*(reverse(name) for name in names), f"/{settings.MEDIA_URL.strip('/')}/"]


def guessable_addresses():
    """Each row's own address, by its id: anyone can type these without being given a link.

    A page that hides a link but answers at its address still discloses what it holds.
    """
    addresses = [
        row.get_absolute_url() for model in (Meeting, Action) for row in model.objects.all()
    ]
    for name, model in (
        ("event-detail", Meeting),
        ("action-detail", Action),
        ("motion-detail", Resolution),
    ):
        addresses += [
            reverse(name, kwargs={"pk": pk}) for pk in model.objects.values_list("pk", flat=True)
        ]
    addresses += [paper.file.url for paper in Paper.objects.exclude(file="")]
    return addresses


def examples(addresses, count=3):
    """Up to ``count`` of ``addresses``, of different pages where they can be."""
    by_page = {}
    for address in addresses:
        by_page.setdefault(address.split("?")[0], address)
    shown = [*by_page.values(), *(a for a in addresses if a not in by_page.values())][:count]
    more = len(addresses) - len(shown)
    return ", ".join(shown) + (f" (and {more} more)" if more else "")


def describe(audience, crawl):
    entitled = {m.text for m in MARKERS.values() if audience in m.audiences}
    by_text = {m.text: m for m in MARKERS.values()}
    leaked = sorted(set(crawl.found) - entitled)
    missing = sorted(entitled - set(crawl.found))
    lines = [
        f"{audience}: {crawl.visited} addresses crawled "
        f"({', '.join(f'{code}: {n}' for code, n in sorted(crawl.statuses.items()))})"
    ]
    if leaked:
        lines.append(f"  shown to {audience} but not entitled:")
        for text in leaked:
            lines.append(f"    {text} ({by_text[text].where}) at {examples(crawl.found[text])}")
    if missing:
        lines.append(f"  entitled but never shown to {audience}:")
        lines += [f"    {text} ({by_text[text].where})" for text in missing]
    return "\n".join(lines)


# --- The planted-marker crawl --------------------------------------------------------------

# Every kind of body a visitor can download, and every surface that prints the record. A
# control marker must turn up in each, or the crawl (or the way it reads that kind of body)
# is broken there and its silence proves nothing.
SURFACE_KINDS = {
    "text/html",
    "application/json",
    "text/csv",
    "text/calendar",
    "application/pdf",
    "text/plain",
}
SURFACE_VIEWS = {
    "meetings:home",
    "meetings:meeting_detail",
    "meetings:minutes_detail",
    "meetings:minutes_pdf",
    "meetings:person_detail",
    "meetings:resolution_list",
    "meetings:search",
    "meetings:calendar",
    "meetings:body_calendar",
    "actions:action_list",
    "actions:action_export",
    "actions:action_detail",
    "actions:action_report",
    "actions:action_report_text",
    "event-list",
    "event-detail",
    "motion-list",
    "action-list",
    "action-detail",
}


@pytest.mark.parametrize("audience", AUDIENCES)
def test_each_audience_sees_exactly_the_markers_it_is_entitled_to(audience, planted):
    crawl = Crawl(client_for(audience, planted)).run([*entry_points(), *guessable_addresses()])
    report = describe(audience, crawl)

    controls = {m.text for m in MARKERS.values() if m.audiences == EVERYONE}
    kinds = {kind for kind, found in crawl.found_by_kind.items() if found & controls}
    views = {view for view, found in crawl.found_by_view.items() if found & controls}
    assert crawl.visited > MIN_ADDRESSES, report
    assert kinds >= SURFACE_KINDS, f"no control marker in any {SURFACE_KINDS - kinds} body"
    assert views >= SURFACE_VIEWS, f"no control marker on any {SURFACE_VIEWS - views} page"
    assert not crawl.errors, "\n".join(["Pages that failed:", *crawl.errors])
    entitled = {m.text for m in MARKERS.values() if audience in m.audiences}
    assert set(crawl.found) == entitled, report


# --- Differential: a page and the API list the same records ---------------------------------


def html_pages(client, address):
    """Every page of a paginated HTML list, following its rel="next" links."""
    pages, seen = [], set()
    while address and address not in seen:
        seen.add(address)
        response = client.get(address)
        assert response.status_code == 200, address
        page = parse_page(response.content.decode())
        pages.append(page)
        following = [href for href, rel in page.links if "next" in rel.split()]
        address = internal_address(following[0], address) if following else None
    return pages


def api_rows(client, address):
    """Every row of a paginated API list, following ``next``."""
    rows, seen = [], set()
    while address and address not in seen:
        seen.add(address)
        response = client.get(address)
        assert response.status_code == 200, address
        data = response.json()
        rows += data["results"]
        address = internal_address(data["next"]) if data["next"] else None
    return rows


def linked_ids(hrefs, view_name, key="pk"):
    """The ids of the ``view_name`` pages among ``hrefs``, in order."""
    ids = []
    for href in hrefs:
        address = internal_address(href)
        match = view_of(address) if address else None
        if match and match.view_name == view_name:
            ids.append(match.kwargs[key])
    return ids


def page_links(pages):
    return [href for page in pages for href, _rel in page.links]


def differences(on_page, in_api):
    return (
        f"on the page only: {sorted(on_page - in_api)}; in the API only: {sorted(in_api - on_page)}"
    )


@pytest.mark.parametrize("audience", AUDIENCES)
def test_meetings_page_and_api_list_the_same_meetings(audience, planted):
    client = client_for(audience, planted)
    pages = html_pages(client, reverse("meetings:meeting_list"))
    on_page = set(linked_ids(page_links(pages), "meetings:meeting_detail"))
    in_api = {row["id"] for row in api_rows(client, reverse("event-list"))}

    assert on_page, "the meetings page links no meeting"
    assert on_page == in_api, differences(on_page, in_api)


@pytest.mark.parametrize("audience", AUDIENCES)
def test_action_log_and_api_list_the_same_actions(audience, planted):
    client = client_for(audience, planted)
    every_status = urlencode([("status", status) for status in Action.Status.values])
    pages = html_pages(client, f"{reverse('actions:action_list')}?{every_status}")
    on_page = set(linked_ids(page_links(pages), "actions:action_detail"))
    in_api = {row["id"] for row in api_rows(client, reverse("action-list"))}

    assert on_page, "the action log links no action"
    assert on_page == in_api, differences(on_page, in_api)


def words(text):
    return " ".join(text.split())


@pytest.mark.parametrize("audience", AUDIENCES)
def test_decisions_register_and_api_list_the_same_decisions(audience, planted):
    """Compared by meeting and printed wording ("1. That ..."): the page shows no ids."""
    client = client_for(audience, planted)
    on_page = set()
    for page in html_pages(client, reverse("meetings:resolution_list")):
        for cells in page.rows:
            # Meeting, item, decision, kind: the meeting's link names it.
            meeting = linked_ids(cells[0]["hrefs"], "meetings:meeting_detail") if cells else []
            if len(cells) >= 3 and meeting:
                on_page.add((meeting[0], words(cells[2]["text"])))
    in_api = {
        (
            row["event"]["id"],
            words(f"{row['number']}. {row['text']}" if row["number"] else row["text"]),
        )
        for row in api_rows(client, reverse("motion-list"))
    }

    assert on_page, "the decisions register lists no decision"
    assert on_page == in_api, differences(on_page, in_api)
