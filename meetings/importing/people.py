"""Matching the names in a document to Person records, and to each other.

Each spelling is matched first to the people recorded (their names and other spellings), then
to the people already met earlier in the same document; a spelling that matches nobody starts
a new identity, created as a Person only on confirmation. Loose matches are preferred among the
people who sit on or attend the body concerned: "Councillor Taylor" is the Panel's Taylor, not
a Taylor on another county's panel. Every match that is not exact goes into the report, and a
near miss ("Alnatt" for "Allnatt") is matched only once a person confirms it (``near_misses``).
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.text import slugify

from meetings.importing.names import (
    EXACT,
    INITIALS,
    LEVEL_WORDING,
    NEAR,
    SURNAME,
    ParsedName,
    compare,
    parse_name,
)
from meetings.importing.near_misses import NearMisses
from meetings.importing.saving import save_checked
from meetings.importing.text import clip
from meetings.models import Person, PersonAlias, normalise_name


@dataclass(eq=False)
class Identity:
    """One human being as this document knows them: a recorded Person, or someone new."""

    person: Person | None = None
    spellings: list = field(default_factory=list)
    needed: bool = False
    ambiguous: tuple = ()
    created: bool = False
    # Spellings matched by surname alone ("Mr Cole"): never saved as other spellings, since
    # the next document's "Mr Cole" may be another Cole.
    surname_only: set = field(default_factory=set)

    @property
    def best(self):
        """The fullest spelling seen; between equals, the commonest, then the first."""
        counts = Counter(name.core for name, _ in self.spellings)
        order = {id(name): index for index, (name, _) in enumerate(self.spellings)}
        return max(
            (name for name, _ in self.spellings),
            key=lambda n: (n.completeness[0], counts[n.core], -order[id(n)]),
        )

    @property
    def first_line(self):
        return min((line for _, line in self.spellings), default=None)

    @property
    def label(self):
        if self.person is not None and not self.created:
            return self.person.formal_name or self.person.name
        return self.best.printed

    def sexes(self):
        sexes = {name.sex_from_title for name, _ in self.spellings} - {None}
        if self.person is not None and self.person.honorific:
            recorded = parse_name(f"{self.person.honorific} {self.person.family_name}")
            if recorded and recorded.sex_from_title:
                sexes.add(recorded.sex_from_title)
        return sexes


@dataclass(eq=False)
class _Candidate:
    person: Person
    names: list
    in_body: bool


class PeopleResolver:
    """Resolves spellings to Identities for one document, reporting every doubt."""

    def __init__(self, *, bodies, report, confirmed=()):
        self.bodies = [b for b in bodies if b is not None]
        self.report = report
        self.near_misses = NearMisses(confirmed)
        self.identities = []
        self._by_person = {}
        self._candidates = {}
        self._alias_index = {}
        self._reported = set()
        self._ambiguous = {}

    # -- loading --------------------------------------------------------------------------
    def prepare(self, names):
        """Load, in a few queries, every recorded person any of ``names`` could be."""
        families = {n.family.lower() for n in names}
        printed = {normalise_name(n.printed) for n in names} | {n.core for n in names}
        people = Person.objects.prefetch_related("aliases")
        body_people = set()
        if self.bodies:
            body_people = set(
                people.filter(
                    Q(memberships__body__in=self.bodies)
                    | Q(attendances__meeting__body__in=self.bodies)
                ).values_list("pk", flat=True)
            )
        by_name = people.annotate(family_lower=Lower("family_name")).filter(
            Q(family_lower__in=families)
            | Q(aliases__normalised__in=printed)
            | Q(pk__in=body_people)
        )
        for person in by_name.distinct():
            self._add_candidate(person, person.pk in body_people)

    def _add_candidate(self, person, in_body):
        names = []
        base = parse_name(
            " ".join(p for p in (person.honorific, person.given_name, person.family_name) if p)
        )
        names.append(base or ParsedName(printed=person.name, family=person.family_name))
        for alias in person.aliases.all():
            self._alias_index.setdefault(alias.normalised, set()).add(person.pk)
            parsed = parse_name(alias.name)
            if parsed is not None:
                names.append(parsed)
        self._alias_index.setdefault(person.search_name, set()).add(person.pk)
        self._candidates[person.pk] = _Candidate(person, names, in_body)

    def identity_for_person(self, person):
        identity = self._by_person.get(person.pk)
        if identity is None:
            identity = Identity(person=person)
            self._by_person[person.pk] = identity
            self.identities.append(identity)
        return identity

    # -- matching -------------------------------------------------------------------------
    def resolve(self, name, line, *, needed=True, avoid=()):
        """The Identity ``name`` (printed at ``line``) belongs to; records the spelling.

        A loose match to one of ``avoid`` is taken as someone else: "Mr Wright" sending
        apologies is not the "Mr J Wright" listed as present.
        """
        identity, level, ratio, target = self._match(name, line, avoid)
        if identity is not None and identity in avoid and level != EXACT:
            identity, level = None, None
        if identity is None:
            identity = Identity()
            self.identities.append(identity)
        identity.spellings.append((name, line))
        if level == SURNAME:
            identity.surname_only.add(normalise_name(name.printed))
        identity.needed = identity.needed or needed
        if identity.ambiguous:
            return identity
        if level not in (None, EXACT):
            self._report_loose(name, line, identity, level, ratio, target)
        self._check_title(name, line, identity)
        return identity

    def _match(self, name, line, avoid=()):
        known = self._alias_index.get(normalise_name(name.printed), set())
        if len(known) == 1:
            return (
                self.identity_for_person(self._candidates[next(iter(known))].person),
                EXACT,
                1.0,
                None,
            )
        found = self._best_recorded(name)
        if found and self._may_match(name, line, found, avoid=avoid):
            return found
        best = None
        for identity in self.identities:
            if identity.person is not None or identity.ambiguous:
                continue
            for other, other_line in identity.spellings:
                comparison = compare(name, other)
                if comparison and (best is None or comparison < best[0]):
                    best = (comparison, identity, other, other_line)
        if best is None:
            return None, None, None, None
        comparison, identity, other, other_line = best
        found = (
            identity,
            comparison.level,
            comparison.ratio,
            f"\u201c{other.printed}\u201d (line {other_line})",
        )
        if not self._may_match(name, line, found, other=other, avoid=avoid):
            return None, None, None, None
        return found

    def _may_match(self, name, line, found, *, other=None, avoid=()):
        """False for a near miss nobody has confirmed (reported, for a person to confirm).

        A near miss to one of ``avoid`` is not asked about: ``resolve`` takes it as someone
        else whatever the answer.
        """
        identity, level, ratio, target = found
        if level != NEAR or identity.ambiguous or identity in avoid:
            return True
        if other is None:
            target_key = f"person {identity.person.pk}"
            looks_like = (
                f"{identity.person.formal_name or identity.person.name}, the person recorded"
            )
        else:
            target_key = normalise_name(other.printed)
            looks_like = f"{target} earlier in this document"
        miss = self.near_misses.hold(
            name, line, target_key=target_key, looks_like=looks_like, ratio=ratio
        )
        if miss.confirmed:
            return True
        if miss.line == line:  # reported once, where the spelling is first printed
            self.report.add(
                "near_miss",
                f"\u201c{name.printed}\u201d looks like {looks_like} ({miss.alike}), but is matched "
                "only if you confirm it is the same person (tick it on the import page, or "
                "--confirm-names). Unconfirmed, it is taken as someone new.",
                line,
            )
        return False

    def _best_recorded(self, name):
        scored = []
        for candidate in self._candidates.values():
            comparisons = [c for c in (compare(name, known) for known in candidate.names) if c]
            if not comparisons:
                continue
            best = min(comparisons)
            # Outside the body, only a full or initialled name is safe to match.
            if not candidate.in_body and best.level not in (EXACT, INITIALS):
                continue
            scored.append((best, not candidate.in_body, candidate))
        if not scored:
            return None
        scored.sort(key=lambda entry: (entry[0], entry[1]))
        top, top_outside, top_candidate = scored[0]
        rivals = [c for s, outside, c in scored if s == top and outside == top_outside]
        if len(rivals) > 1:
            key = normalise_name(name.printed)
            identity = self._ambiguous.get(key)
            if identity is None:
                identity = Identity(ambiguous=tuple(c.person for c in rivals))
                self._ambiguous[key] = identity
                self.identities.append(identity)
            return identity, top.level, top.ratio, None
        person = top_candidate.person
        return self.identity_for_person(person), top.level, top.ratio, "the person recorded"

    # -- reporting ------------------------------------------------------------------------
    def _report_loose(self, name, line, identity, level, ratio, target):
        key = ("loose", normalise_name(name.printed), id(identity))
        if key in self._reported:
            return
        self._reported.add(key)
        how = LEVEL_WORDING[level]
        if level == NEAR:
            how = f"{how} ({round(ratio * 100)}% alike)"
        if identity.person is not None:
            to = f"{identity.person.formal_name or identity.person.name}, the person recorded"
        else:
            to = f"{target} earlier in this document"
        self.report.add("name", f"\u201c{name.printed}\u201d was matched {how} to {to}.", line)

    def _check_title(self, name, line, identity):
        sex = name.sex_from_title
        others = identity.sexes() - ({sex} if sex else set())
        if sex and others:
            key = ("title", normalise_name(name.printed), id(identity))
            if key in self._reported:
                return
            self._reported.add(key)
            recorded = (
                identity.person.honorific
                if identity.person is not None and identity.person.honorific
                else ", ".join(sorted({n.honorific for n, _ in identity.spellings if n.honorific}))
            )
            self.report.add(
                "honorific",
                f"\u201c{name.printed}\u201d is titled \u201c{name.honorific}\u201d, but "
                f"{identity.label} is elsewhere \u201c{recorded}\u201d: check which is right.",
                line,
            )

    def report_outcomes(self):
        """Add the report lines for names that match nobody, or more than one person."""
        for identity in self.identities:
            if not identity.needed:
                continue
            name, line = identity.spellings[0]
            if identity.ambiguous:
                who = " or ".join(
                    f"{p.formal_name or p.name} ({p.slug})" for p in identity.ambiguous
                )
                self.report.add(
                    "ambiguous",
                    f"\u201c{name.printed}\u201d could be {who}: add this spelling to the right "
                    "person (other spellings, in the admin), then import again.",
                    line,
                )
            elif identity.person is None and not self.near_misses.for_spelling(name.printed):
                self.report.add(
                    "new_person",
                    f"\u201c{identity.best.printed}\u201d matches nobody recorded: a new person "
                    "will be created if you confirm that (the box on the import page, or --create-people).",
                    identity.first_line,
                )

    @property
    def new_identities(self):
        return [i for i in self.identities if i.needed and i.person is None and not i.ambiguous]

    @property
    def ambiguous_identities(self):
        return [i for i in self.identities if i.needed and i.ambiguous]

    # -- writing --------------------------------------------------------------------------
    def create_people(self):
        """Create a Person for every new identity the document needs; returns them."""
        created = []
        taken = set()
        for identity in self.new_identities:
            best = identity.best
            given = " ".join(best.given) or " ".join(f"{i}." for i in best.initials)
            base = slugify(f"{given} {best.family}") or "person"
            slug = _unique_slug(base, taken)
            taken.add(slug)
            person = Person(
                honorific=best.honorific,
                given_name=given,
                family_name=best.family,
                post_nominals=", ".join(best.post_nominals),
                slug=slug,
            )
            save_checked(
                person,
                line=identity.first_line,
                what=f"the person \u201c{clip(best.printed)}\u201d",
            )
            identity.person = person
            identity.created = True
            self._by_person[person.pk] = identity
            created.append(person)
        return created

    def add_aliases(self):
        """Record every spelling matched to a person that is not already one of theirs."""
        aliases = []
        for identity in self.identities:
            person = identity.person
            if person is None:
                continue
            known = {
                person.search_name,
                normalise_name(person.name),
                normalise_name(person.formal_name),
            }
            known |= set(person.aliases.values_list("normalised", flat=True))
            for name, line in identity.spellings:
                normalised = normalise_name(name.printed)
                if normalised in known or normalised in identity.surname_only:
                    continue
                known.add(normalised)
                alias = PersonAlias(person=person, name=name.printed)
                aliases.append(
                    save_checked(
                        alias,
                        line=line,
                        what=f"\u201c{clip(name.printed)}\u201d as a spelling of {person}",
                    )
                )
        return aliases


def _unique_slug(base, taken):
    base = base[:110]
    existing = (
        set(Person.objects.filter(slug__startswith=base).values_list("slug", flat=True)) | taken
    )
    if base not in existing:
        return base
    number = 2
    while f"{base}-{number}" in existing:
        number += 1
    return f"{base}-{number}"
