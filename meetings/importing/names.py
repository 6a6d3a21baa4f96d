"""Reading the names the papers print, and deciding whether two spellings are one person.

"Cllr. M. Sood", "Cllr. Manjula Sood, MBE" and "Councillor Sood" are one person; so, probably,
are "Councillor Alnatt" and "Councillor Allnatt". This module only reads and compares
spellings (no database): ``people.py`` uses it to match them to Person records.
"""

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from meetings.models import normalise_name

# Two spellings whose family names (or given names) are at least this similar are taken as a
# near miss of one another ("Alnatt"/"Allnatt" 0.92, "Mansoor"/"Manzoor" 0.86,
# "Melise"/"Malise" 0.83) and reported; "Wise"/"Wyatt" (0.44) are two people.
NEAR_MISS_THRESHOLD = 0.8
# Family names must be closer still: "Watts"/"Wyatt" (0.80) are two people, while
# "Mansoor"/"Manzoor" (0.86) is one name misspelt.
FAMILY_NEAR_MISS_THRESHOLD = 0.85

HONORIFICS = {
    "mr": "Mr",
    "mrs": "Mrs",
    "ms": "Ms",
    "miss": "Miss",
    "mx": "Mx",
    "dr": "Dr",
    "cllr": "Cllr.",
    "councillor": "Councillor",
    "col": "Col.",
    "colonel": "Colonel",
    "lord": "Lord",
    "lady": "Lady",
    "sir": "Sir",
    "dame": "Dame",
    "baroness": "Baroness",
    "baron": "Baron",
    "prof": "Prof.",
    "professor": "Professor",
    "rev": "Rev.",
    "revd": "Revd",
    "cc": "CC",
    "acc": "ACC",
    "dcc": "DCC",
    "aco": "ACO",
    "supt": "Supt",
    "insp": "Insp.",
}
# Titles that say which sex the papers take a person to be: a clash between two of these for
# one person ("Mr Elizabeth Starr" for a Mrs Starr) is worth a human look.
GENDERED = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "lord": "m", "lady": "f",
            "sir": "m", "dame": "f", "baroness": "f", "baron": "m"}  # fmt: skip
POST_NOMINALS = {
    "jp", "cc", "mbe", "obe", "cbe", "kbe", "dbe", "dl", "qpm", "kpm", "bem", "mp", "mep",
    "kc", "qc", "frsa", "phd", "ll", "dl.", "ma", "msc", "ba", "bsc", "llb",
}  # fmt: skip
# Words that end a heading such as "Independent Members", never a family name.
NOT_FAMILY_NAMES = {
    "members", "member", "officers", "officer", "councillors", "present", "attendance",
    "apologies", "panel", "council", "board", "committee", "none", "chair",
}  # fmt: skip
PARTICLES = {"de", "da", "del", "della", "di", "du", "le", "la", "van", "von", "der", "st", "st."}

TITLE_TOKEN = (
    r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Cllr|Councillor|Col|Colonel|Lord|Lady|Sir|Dame|Baroness|Prof|"
    r"Professor|Rev|Revd)\.?"
)
TITLE_SPLIT_RE = re.compile(rf"(?<=\S)\s+(?={TITLE_TOKEN}\s+[A-Z])")
DASH_SPLIT_RE = re.compile(r"\s+[\u2013\u2014-]\s+|\s+[\u2013\u2014]|[\u2013\u2014]\s+")
PAREN_RE = re.compile(r"\(([^()]*(?:\([^()]*\)[^()]*)*)\)")
CHAIR_RE = re.compile(r"^(?:in the )?chair(?:man|woman|person)?$", re.IGNORECASE)
VICE_RE = re.compile(r"^vice[- ]?chair(?:man|woman|person)?$", re.IGNORECASE)
FOR_ITEMS_RE = re.compile(r"^for (?:minutes?|items?)\s+(.+)$", re.IGNORECASE)
NAME_WORD_RE = re.compile(r"^[A-Z][A-Za-z'\u2019\-]*\.?$|^[A-Z]\.(?:[A-Z]\.)*$")


@dataclass(frozen=True)
class ParsedName:
    """A name as printed, taken apart: title, given names or initials, family name, suffixes."""

    printed: str
    family: str
    given: tuple = ()
    initials: tuple = ()
    honorific: str = ""
    post_nominals: tuple = ()
    role: str = ""
    chair: bool = False
    vice_chair: bool = False
    for_items: tuple = ()

    @property
    def family_key(self):
        return normalise_name(self.family).replace(" ", "")

    @property
    def given_keys(self):
        return tuple(normalise_name(g) for g in self.given)

    @property
    def all_initials(self):
        """Initials of every forename, whether printed in full or as initials."""
        if self.given:
            return tuple(g[0].upper() for g in self.given) + self.initials
        return self.initials

    @property
    def core(self):
        """The name without titles or letters after it, normalised: "manjula sood"."""
        parts = [*self.given, *(f"{i}" for i in self.initials), self.family]
        return normalise_name(" ".join(parts))

    @property
    def honorific_key(self):
        return normalise_name(self.honorific).replace(" ", "")

    @property
    def sex_from_title(self):
        return GENDERED.get(self.honorific_key)

    @property
    def completeness(self):
        """How much of the name the spelling gives: full forenames beat initials beat none."""
        return (2 * len(self.given) + len(self.initials), len(self.printed))

    @property
    def display(self):
        return " ".join(
            p for p in (*self.given, *(f"{i}." for i in self.initials), self.family) if p
        )


def parse_name(text):
    """A ParsedName for one entry ("Mr. J. T. Orson JP CC (in the Chair)"), or None."""
    text = " ".join(text.replace("\t", " ").split()).strip(" ,;.")
    if not text:
        return None
    chair = vice = False
    for_items = ()
    extra = []

    def take_parenthesis(match):
        nonlocal chair, vice, for_items
        inner = match.group(1).strip()
        if CHAIR_RE.match(inner):
            chair = True
        elif VICE_RE.match(inner):
            vice = True
        elif FOR_ITEMS_RE.match(inner):
            for_items = tuple(re.findall(r"\d+[a-z]?", FOR_ITEMS_RE.match(inner).group(1)))
        else:
            extra.append(f"({inner})")
        return " "

    text = PAREN_RE.sub(take_parenthesis, text)
    text = " ".join(text.split())
    role = ""
    pieces = DASH_SPLIT_RE.split(text, maxsplit=1)
    if len(pieces) == 2:
        text, role = pieces[0].strip(" ,"), pieces[1].strip()
    else:
        name_part, _, rest = text.partition(",")
        if rest and not _all_post_nominals(rest):
            # "Lord Willy Bach, Police and Crime Commissioner": the role follows a comma, but
            # "Col. Robert Martin OBE, DL" keeps its letters after the name.
            head, _, tail = (
                rest.partition(",") if _starts_with_post_nominals(rest) else ("", "", rest)
            )
            text = f"{name_part},{head}" if head else name_part
            role = tail.strip()
        elif rest:
            text = f"{name_part},{rest}"
    if extra:
        role = " ".join((role, *extra)) if role else " ".join(e.strip("()") for e in extra)
    return _parse_core(text, role=role, chair=chair, vice=vice, for_items=for_items)


def _all_post_nominals(text):
    words = [w.strip(" .,").lower() for w in re.split(r"[\s,]+", text) if w.strip(" .,")]
    return bool(words) and all(w in POST_NOMINALS for w in words)


def _starts_with_post_nominals(text):
    first = text.partition(",")[0]
    return _all_post_nominals(first)


def _parse_core(text, *, role="", chair=False, vice=False, for_items=()):
    tokens = [t.strip(",") for t in text.split() if t.strip(",")]
    honorifics = []
    while tokens and tokens[0].rstrip(".").lower() in HONORIFICS and len(tokens) > 1:
        honorifics.append(tokens.pop(0))
    post = []
    while tokens and tokens[-1].rstrip(".").lower() in POST_NOMINALS and len(tokens) > 1:
        post.insert(0, tokens.pop().rstrip("."))
    if not tokens:
        return None
    # "J.T." and "J. T." are initials; anything else before the family name is a forename.
    family_tokens = [tokens.pop()]
    while tokens and tokens[-1].lower() in PARTICLES:
        family_tokens.insert(0, tokens.pop())
    family = " ".join(family_tokens).strip(".")
    if not family or not family[0].isupper() or not re.match(r"^[\w'\u2019\- ]+$", family):
        return None
    if family.lower() in NOT_FAMILY_NAMES:
        return None
    if any(not NAME_WORD_RE.match(t) for t in tokens) or len(tokens) > 4:
        return None
    given, initials = [], []
    for token in tokens:
        bare = token.replace(".", "")
        if len(bare) == 1 or (token.count(".") >= 1 and bare.isupper() and len(bare) <= 3):
            initials.extend(bare)
        else:
            given.append(bare)
    printed = " ".join(text.split()).strip(" ,")
    honorific = " ".join(HONORIFICS.get(h.rstrip(".").lower(), h) for h in honorifics)
    return ParsedName(
        printed=printed,
        family=family,
        given=tuple(given),
        initials=tuple(i.upper() for i in initials),
        honorific=honorific,
        post_nominals=tuple(post),
        role=role,
        chair=chair,
        vice_chair=vice,
        for_items=for_items,
    )


def split_entries(line):
    """The separate names on one line of an attendance list.

    PDF conversion runs the two columns of a list together: "Cllr. John Boyce<TAB>Cllr. Abdul
    Osman", "Mr Rupert Matthews - Police and Crime Commissioner Ms Claire Trewartha -
    preferred candidate", "Parisha Chavda - Independent Member Salma Mansoor - Independent
    Member". "Councillors Agath, Allnatt and Woodman" lists several councillors at once.
    """
    entries = []
    for chunk in line.split("\t"):
        chunk = chunk.strip()
        if not chunk:
            continue
        plural = re.match(r"^Councillors\s+(.+)$", chunk)
        if plural:
            for name in re.split(r",\s*|\s+and\s+", plural.group(1)):
                if name.strip(" ."):
                    entries.append(f"Councillor {name.strip(' .')}")
            continue
        for piece in TITLE_SPLIT_RE.split(chunk):
            # "Cllr A, Cllr B and Cllr C": the middle name keeps its name without the "and".
            piece = re.sub(r"(?:\s*,|\s+(?:and|&))$", "", piece.strip())
            entries.extend(_split_on_roles(piece))
    return [e for e in entries if e]


def _split_on_roles(piece):
    parts = DASH_SPLIT_RE.split(piece)
    if len(parts) <= 2:
        return [piece]
    # name - role+name - role+name - role: the next name is the last two capitalised words.
    entries = []
    name = parts[0]
    for middle in parts[1:-1]:
        words = middle.split()
        if len(words) >= 3 and all(w[:1].isupper() for w in words[-2:]):
            entries.append(f"{name} \u2013 {' '.join(words[:-2])}")
            name = " ".join(words[-2:])
        else:
            name = f"{name} \u2013 {middle}"
    entries.append(f"{name} \u2013 {parts[-1]}")
    return entries


def split_name_list(text):
    """Names listed in a sentence: "Councillor Blackshaw, Councillor Clarke and Councillor Wise"."""
    text = text.strip().rstrip(".")
    pieces = [p.strip() for p in re.split(r",\s*|\s+and\s+|;\s*", text) if p.strip()]
    names = []
    for piece in pieces:
        if names and _all_post_nominals(piece):
            names[-1] = f"{names[-1]}, {piece}"
        else:
            names.append(piece)
    return names


EXACT, INITIALS, SURNAME, NEAR = "exact", "initials", "surname", "near"
LEVEL_ORDER = {EXACT: 0, INITIALS: 1, SURNAME: 2, NEAR: 3}
LEVEL_WORDING = {
    INITIALS: "by initials",
    SURNAME: "by surname alone",
    NEAR: "as a near miss",
}


@dataclass(frozen=True, order=True)
class Comparison:
    """How one spelling compares with another: the level and, for near misses, the ratio."""

    rank: int
    ratio_gap: float
    level: str = field(compare=False)
    ratio: float = field(compare=False)


def ratio(a, b):
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def compare(mention, candidate):
    """How ``mention`` matches ``candidate`` (a Comparison), or None when they are two people."""
    if not mention.family_key or not candidate.family_key:
        return None
    family_ratio = (
        1.0
        if mention.family_key == candidate.family_key
        else ratio(mention.family_key, candidate.family_key)
    )
    if family_ratio < FAMILY_NEAR_MISS_THRESHOLD:
        return None
    given_level, given_ratio = _compare_given(mention, candidate)
    if given_level is None:
        return None
    if _titles_differ(mention, candidate) and not (given_level == EXACT and mention.given):
        # "Mr J Meade" and "Ms J Meade", "Mr P Cole" and "Mrs P T Cole": two councillors.
        # Only the same forename printed in both keeps them one person with a wrong title.
        return None
    if family_ratio < 1.0 or given_level == NEAR:
        score = min(family_ratio, given_ratio)
        return Comparison(LEVEL_ORDER[NEAR], 1 - score, NEAR, round(score, 2))
    return Comparison(LEVEL_ORDER[given_level], 0.0, given_level, 1.0)


def _titles_differ(mention, candidate):
    sexes = {mention.sex_from_title, candidate.sex_from_title}
    return None not in sexes and len(sexes) == 2


def _compare_given(mention, candidate):
    m_given, c_given = mention.given_keys, candidate.given_keys
    if m_given and c_given:
        if m_given[0] == c_given[0]:
            return EXACT, 1.0
        score = ratio(m_given[0], c_given[0])
        if score >= NEAR_MISS_THRESHOLD:
            return NEAR, score
        return None, 0.0
    m_init, c_init = mention.all_initials, candidate.all_initials
    if m_init and c_init:
        shared = min(len(m_init), len(c_init))
        if m_init[:shared] != c_init[:shared]:
            return None, 0.0
        if not mention.given and not candidate.given and m_init == c_init:
            return EXACT, 1.0
        return INITIALS, 1.0
    if not m_init and not c_init:
        return EXACT, 1.0
    return SURNAME, 1.0
