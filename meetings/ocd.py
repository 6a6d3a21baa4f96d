"""The record in the vocabulary of Open Civic Data (OCD) and Popolo: identifiers and mappings.

The API keeps its own words (``carried``, ``held``, ``for``) and serves the OCD ones beside
them, from the tables here, so the two cannot drift apart. docs/open-data.md documents each.

Identifiers. OCD identifies a person, organization, event, membership or vote event by
``ocd-<type>/<uuid>``. Ours are derived, not stored: the uuid is the version-5 (name-based)
uuid of the name ``<jurisdiction id>/<type>/<integer id>`` in the fixed namespace below. The
same row therefore has the same identifier in every response, on every host name, for as
long as its integer id and the deployment's jurisdiction stay the same, with no column to
fill in or migrate; and two Panels running this software do not share identifiers. The
jurisdiction belongs to the deployment: set ``OCD_JURISDICTION_ID`` once, before the data is
published, because changing it changes every identifier.

A resolution is served as an OCD vote event (``ocd-vote/``): OCD has no motion of its own
(the motion's text is a field of the vote event), and every resolution is decided once.
"""

import re
import uuid
from functools import lru_cache
from urllib.parse import urlsplit

from django.conf import settings

# Fixed for ever: every identifier ever published is derived from it.
NAMESPACE = uuid.UUID("cbf8691f-de7f-4d6d-8a1b-705f8755ef45")

# The Leicester, Leicestershire and Rutland Panel's police force area, as OCD's division list
# names it (opencivicdata/ocd-division-ids, identifiers/country-gb/police_force_areas.csv;
# GSS code E23000021). Another Panel sets OCD_DIVISION_ID to its own force area.
DEFAULT_DIVISION_ID = "ocd-division/country:gb/part:eng/pfa:leicestershire"
# OCD jurisdiction ids are the division's path and the kind of government that sits there.
DEFAULT_JURISDICTION_ID = (
    "ocd-jurisdiction/country:gb/part:eng/pfa:leicestershire/police_and_crime_panel"
)

PERSON = "person"
ORGANIZATION = "organization"
EVENT = "event"
MEMBERSHIP = "membership"
VOTE = "vote"
KINDS = (PERSON, ORGANIZATION, EVENT, MEMBERSHIP, VOTE)

# Meeting.Status -> OCD event status (cancelled, tentative, confirmed, passed). A postponed
# meeting will not take place on its date but is expected later: tentative, as the calendar
# feeds say. Decided from the status alone, never from today's date, so that an event's
# representation changes only when the event does.
EVENT_STATUS = {
    "scheduled": "confirmed",
    "held": "passed",
    "postponed": "tentative",
    "cancelled": "cancelled",
}
OCD_EVENT_STATUSES = ("cancelled", "tentative", "confirmed", "passed")

# Resolution.Outcome -> OCD / Popolo result. A withdrawn motion was neither passed nor
# failed, and a resolution with no recorded outcome (one merely noted) has no result: null.
RESULT = {
    "carried": "pass",
    "carried_unanimously": "pass",
    "lost": "fail",
}
OCD_RESULTS = ("pass", "fail")

# RecordedVote.Vote -> OCD / Popolo vote option.
VOTE_OPTION = {
    "for": "yes",
    "against": "no",
    "abstain": "abstain",
}
OCD_VOTE_OPTIONS = ("yes", "no", "abstain")


def division_id():
    """The OCD division of the Panel's police force area."""
    return getattr(settings, "OCD_DIVISION_ID", DEFAULT_DIVISION_ID)


def jurisdiction_id():
    """The OCD jurisdiction: the Panel, in its police force area."""
    return getattr(settings, "OCD_JURISDICTION_ID", DEFAULT_JURISDICTION_ID)


def ocd_uuid(kind, pk):
    """The uuid part of the OCD identifier of row ``pk`` of ``kind`` (one of KINDS)."""
    return _uuid(jurisdiction_id(), kind, int(pk))


@lru_cache(maxsize=32768)
def _uuid(jurisdiction, kind, pk):
    # A list asks for the same few people and bodies on every row: worked out once each.
    if kind not in KINDS:
        raise ValueError(f"No OCD identifier for {kind!r}: use one of {', '.join(KINDS)}.")
    return uuid.uuid5(NAMESPACE, f"{jurisdiction}/{kind}/{pk}")


def ocd_id(kind, pk):
    """``ocd-<kind>/<uuid>``: the OCD identifier of row ``pk`` of ``kind``."""
    return f"ocd-{kind}/{ocd_uuid(kind, pk)}"


def site_domain():
    """The site's host name from SITE_URL: fixed by configuration, whichever host name a
    request came in by."""
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def calendar_uid(meeting_pk):
    """The iCalendar UID of a meeting, the same in every feed and API response."""
    return f"{ocd_uuid(EVENT, meeting_pk)}@{site_domain()}"


# A path that ``build_absolute_uri`` only puts the scheme and host before: from the root, with
# no dot segment to resolve and nothing to quote.
_PLAIN_PATH = re.compile(r"/(?!/)[-A-Za-z0-9_.~/]*")


def absolute_url(url, request=None):
    """``url`` (a path on the site, or already absolute) as a full address: from the request
    when there is one, as the other links of a response are, else from SITE_URL.

    The same as ``request.build_absolute_uri(url)``; a plain path is put after the request's
    scheme and host, read once per request, which spares the six addresses of each meeting
    in a page of events a parse and a quote each."""
    if request is not None:
        if _PLAIN_PATH.fullmatch(url) and "/./" not in url and "/../" not in url:
            root = getattr(request, "_absolute_root", None)
            if root is None:
                root = request._absolute_root = request.build_absolute_uri("/")[:-1]
            return root + url
        return request.build_absolute_uri(url)
    if urlsplit(url).scheme:
        return url
    return f"{settings.SITE_URL}{url}"
