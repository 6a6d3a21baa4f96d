"""Who may read what of the record: the one place that decides.

Every page, API viewset and serializer, export, feed, PDF, report, search and email asks an
``Audience`` for the rows it lists and for the fields that can carry confidential words;
none decides for itself. The rules:

- **Agenda items.** Every visitor may know an item's place on the agenda, its number and why
  it was taken in private. Its title, description and minute are for members and staff when
  it is exempt (Schedule 12A), redacted or official-sensitive.
- **The minuted record** of a meeting (the minutes text, resolutions, attendance and
  declarations) is part of its minutes: the public and members read it once the minutes are
  published; only staff, who keep the minutes, read it while they are a draft or before they
  exist.
- **Declarations** about private business only are for members and staff: their reason could
  disclose that business.
- **Papers** restricted, marked official-sensitive or laid for a private item are for members
  and staff.
- **Actions** (the action log applies these in ``ActionQuerySet.visible_to``): an action is
  public unless it is marked restricted, or it arose from a private item, or from a resolution
  the public may not read (a private item's, or one in unpublished minutes). Members and staff
  see every action; an action owner also sees the actions they answer for.

Four audiences follow: the public, an action owner (the public, plus their own actions),
a Panel member (everything but draft minutes) and democratic services (everything).
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Q

from meetings.models import (
    AgendaItem,
    Attendance,
    Declaration,
    Meeting,
    Minutes,
    Paper,
    Resolution,
)
from panel.prebuilt import prebuilt

CONFIDENTIAL_PERMISSION = "meetings.view_agendaitem"
DRAFTS_PERMISSION = "meetings.change_minutes"
ALL_ACTIONS_PERMISSION = "actions.view_restricted_action"


class MinutesReader:
    """May minutes, and the minuted record of their meeting, be read? As ``Audience.minutes``
    and ``Audience.minuted_meetings`` decide, for minutes already loaded; it holds nothing of
    the visitor but whether they may read drafts, so querysets kept per process may hold it."""

    def __init__(self, drafts):
        self.drafts = drafts

    def may_read_minutes(self, minutes):
        return minutes is not None and (self.drafts or minutes.status in Minutes.PUBLISHED_STATUSES)

    def may_read_record(self, minutes):
        """The minuted record (attendance, declarations) of the minutes' meeting."""
        return self.drafts or self.may_read_minutes(minutes)


class Audience:
    """What one visitor may read. Ask it for rows (QuerySets) and for fields (predicates)."""

    PUBLIC = "public"
    OWNER = "owner"
    MEMBER = "member"
    STAFF = "staff"

    def __init__(self, user=None):
        self.user = user if user is not None else AnonymousUser()
        signed_in = self.user.is_authenticated
        staff = signed_in and self.user.is_staff
        #: May read exempt, redacted and official-sensitive items, papers and declarations.
        self.confidential = staff or (signed_in and self.user.has_perm(CONFIDENTIAL_PERMISSION))
        #: May read minutes (and the minuted record) before they are published.
        self.drafts = staff or (signed_in and self.user.has_perm(DRAFTS_PERMISSION))
        #: May see every action, restricted or not.
        self.all_actions = staff or (signed_in and self.user.has_perm(ALL_ACTIONS_PERMISSION))
        #: May see who did what (officers' names in histories).
        self.sees_actors = self.confidential or self.all_actions

    @classmethod
    def of(cls, request):
        """The audience of a request, worked out once per request."""
        audience = getattr(request, "_audience", None)
        if audience is None or audience.user is not request.user:
            audience = cls(getattr(request, "user", None))
            request._audience = audience
        return audience

    @property
    def rights(self):
        """What the rows this audience may read depend on, besides the record and (for actions)
        the user: a key for querysets built once per audience (panel.prebuilt)."""
        return (self.confidential, self.drafts, self.all_actions, self.sees_actors)

    @property
    def kind(self):
        if self.drafts:
            return self.STAFF
        if self.confidential or self.all_actions:
            return self.MEMBER
        if self.user.is_authenticated and self.user.action_owners.exists():
            return self.OWNER
        return self.PUBLIC

    def __repr__(self):
        return f"<Audience {self.kind} {self.user}>"

    # --- Rows -----------------------------------------------------------------------------

    def minutes(self):
        return Minutes.objects.all() if self.drafts else Minutes.objects.published()

    def minuted_meetings(self):
        """Meetings whose minuted record (attendance, declarations, minutes) may be read."""
        if self.drafts:
            return Meeting.objects.all()
        return Meeting.objects.filter(minutes__in=Minutes.objects.published())

    @property
    def minutes_reader(self):
        """The rules of ``minutes``, and of whether a meeting's minuted record may be read,
        as predicates on a meeting's minutes row (or None), for rows loaded with it."""
        return MinutesReader(self.drafts)

    def meeting_records(self, *, minuted=True, papers=True):
        """Meetings (with their bodies) and their record as this audience may read it
        (``MeetingQuerySet.with_record``), built once per process (panel.prebuilt)."""
        return prebuilt(
            ("meeting-records", self.rights, minuted, papers),
            lambda: Meeting.objects.select_related("body").with_record(
                self, minuted=minuted, papers=papers
            ),
        )

    def items(self):
        """Items whose title, description and minute may be read."""
        return AgendaItem.objects.all() if self.confidential else AgendaItem.objects.public()

    def papers(self):
        return Paper.objects.all() if self.confidential else Paper.objects.public()

    def resolutions(self):
        """Resolutions that may be read: of readable items, in readable minutes."""
        if self.drafts:
            return Resolution.objects.all()
        if self.confidential:
            return Resolution.objects.published()
        return Resolution.objects.public()

    def attendances(self, *, of_readable_records=False):
        """Attendances that may be read. ``of_readable_records``: the caller loads them only
        for meetings whose ``record_visible`` it has checked (``MeetingQuerySet.with_record``),
        so the query need not check the minutes again."""
        if of_readable_records:
            return Attendance.objects.all()
        return Attendance.objects.filter(meeting__in=self.minuted_meetings())

    def declarations(self, *, of_readable_records=False):
        """Declarations that may be read: in a readable record, and not only about private
        business unless the audience may read private business. ``of_readable_records`` as
        for ``attendances``."""
        if of_readable_records:
            declarations = Declaration.objects.all()
        else:
            declarations = Declaration.objects.filter(meeting__in=self.minuted_meetings())
        if self.confidential:
            return declarations
        through = Declaration.items.through.objects.filter(declaration=OuterRef("pk"))
        return declarations.filter(
            Q(all_items=True)
            | ~Exists(through)
            | Exists(through.filter(agendaitem__confidentiality=AgendaItem.Confidentiality.PUBLIC))
        )

    # --- Fields ---------------------------------------------------------------------------

    def may_read_item(self, item):
        return item is not None and (self.confidential or item.is_public)

    def may_read_confidentiality(self, confidentiality):
        """For rows that carry only an item's confidentiality (e.g. correction snapshots)."""
        return self.confidential or confidentiality == AgendaItem.Confidentiality.PUBLIC

    def may_read_resolution(self, resolution):
        return resolution is not None and self.resolutions().filter(pk=resolution.pk).exists()

    def may_read_draft_steps(self):
        """Steps taken while minutes were a draft, and officers' notes on them."""
        return self.drafts
