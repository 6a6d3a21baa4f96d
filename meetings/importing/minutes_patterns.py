"""The conventions minutes are read by: every pattern and keyword table of the two house styles."""

import re

from meetings.importing.text import DATE_PATTERN, TIME_PATTERN

CITY_HEADING_RE = re.compile(
    r"^Minutes of the Meeting of (?:the )?(?P<body>.+?)\s*(?:Held:\s*(?P<held>.+))?$", re.IGNORECASE
)
HELD_RE = re.compile(r"^Held:\s*(?P<held>.+)$", re.IGNORECASE)
COUNTY_HEADING_RE = re.compile(
    rf"^Minutes of (?:a|the) (?:meeting|hearing) of (?:the )?(?P<body>.+?) held "
    rf"(?:(?:at|in) (?P<venue>.+?) )?on (?P<date>(?:\w+day,?\s+)?{DATE_PATTERN})"
    rf"(?:,? (?:at|commencing at) (?P<time>{TIME_PATTERN}))?\.?$",
    re.IGNORECASE,
)
MINUTES_START_RE = re.compile(r"^Minutes of (?:a|the) (?:meeting|hearing) of\b", re.IGNORECASE)
KIND_SUFFIXES = [
    (re.compile(r"\s+CONFIRMATION HEARING$", re.IGNORECASE), "confirmation"),
    (re.compile(r"\s+CONFIRMATORY HEARING$", re.IGNORECASE), "confirmation"),
    (re.compile(r"\s+ANNUAL (?:GENERAL )?MEETING$", re.IGNORECASE), "annual"),
    (re.compile(r"\s+(?:EXTRAORDINARY|SPECIAL) MEETING$", re.IGNORECASE), "extraordinary"),
    (re.compile(r"\s+PRECEPT (?:MEETING|HEARING)$", re.IGNORECASE), "precept"),
]
SECTION_RES = [
    (re.compile(r"^present:?$", re.IGNORECASE), "present"),
    (re.compile(r"^apologies(?: for absence)?:?$", re.IGNORECASE), "apologies"),
    (re.compile(r"^in attendance:?$", re.IGNORECASE), "in_attendance"),
    (re.compile(r"^also (?:present|in attendance):?$", re.IGNORECASE), "also_present"),
    (re.compile(r"^absent:?$", re.IGNORECASE), "absent"),
]
SEPARATOR_RE = re.compile(r"^[*\s]{3,}$")
ITEM_RE = re.compile(r"^(?P<number>\d{1,3})\.\s*(?P<title>\S.*)$")
RESOLVED_RE = re.compile(r"^(?:RESOLVED|Resolved)\b\s*(?:that\b\s*)?[:\-\u2013]*\s*(?P<rest>.*)$")
RESOLUTION_NUMBER_RE = re.compile(r"^(?:[-•]\s*)?(?P<number>\d{1,2})[.)]\s+(?P<text>.+)$")
MOTION_RE = re.compile(
    r"^It was (?:moved|proposed) by (?P<mover>.+?),? and seconded by (?P<seconder>.+?)"
    r"(?:,? that\s*[:\-\u2013]*\s*(?P<rest>.*))?$",
    re.IGNORECASE,
)
PART_RE = re.compile(r"^(?:[-•]\s*)?\(?(?P<letter>[a-z])[.)]\s+(?P<text>.+)$")
OUTCOME_RE = re.compile(
    r"^(?:The|This|That) (?:motion|amendment|recommendation|proposal)(?: \(as amended\))? was "
    r"(?:then |therefore )?(?:put to the vote and )?"
    r"(?P<outcome>carried unanimously|unanimously carried|carried|lost|defeated|not carried|"
    r"withdrawn|fell)\b(?P<rest>.*)$",
    re.IGNORECASE,
)
VOTES_RE = re.compile(
    r"(?P<for>\d+) (?:votes )?(?:for|in favour)\b.*?(?P<against>\d+) (?:votes )?against"
    r"(?:.*?(?P<abstain>\d+) abstentions?)?",
    re.IGNORECASE,
)
CARRIED_VOTE_RE = re.compile(
    r"\bproposed,? seconded and (?:upon being put to the vote |on being put to the vote )?carried\b",
    re.IGNORECASE,
)
DECLARATION_RE = re.compile(
    r"^(?P<who>.+?) declared (?:an?|their|his|her) (?P<type>[\w\s,-]*?)\binterests?\b(?P<rest>.*)$",
    re.IGNORECASE,
)
NO_DECLARATIONS_RE = re.compile(
    r"\bthere were no (?:such )?declarations\b|\bno declarations (?:of interest )?were made\b"
    r"|\bno (?:such )?interests were declared\b",
    re.IGNORECASE,
)
APOLOGIES_RE = re.compile(
    r"^Apologies(?: for absence)? (?:were|was) (?:received|submitted|given|tendered) "
    r"(?:from|by|on behalf of) (?P<names>.+?)\.?$",
    re.IGNORECASE,
)
QUORATE_RE = re.compile(r"\bmeeting was (?P<not>not |in)?quorate\b", re.IGNORECASE)
UNNAMED_ABSENT_RE = re.compile(
    r"\babsence of .*\bwho had not (?:given|sent|submitted) (?:their )?apologies", re.IGNORECASE
)
CLOSED_RE = re.compile(
    rf"\bmeeting (?:closed|ended|finished) at (?P<time>{TIME_PATTERN})", re.IGNORECASE
)
TIME_RANGE_RE = re.compile(
    r"^(?P<start>\d{1,2}(?:[.:]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?)\s*(?:-|\u2013|to)\s*"
    r"(?P<end>\d{1,2}(?:[.:]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.))$",
    re.IGNORECASE,
)
SIGNATURE_RE = re.compile(r"^(?:CHAIRMAN|CHAIR|CHAIRWOMAN|Chairman|Chair)$")
DOCUMENT_BREAK_RE = re.compile(
    r"^(?:Report [oO]f\b|POLICE (?:AND|&) CRIME COMMISSIONER FOR\b|Minutes of (?:a|the) (?:meeting|hearing) of\b)",
    re.IGNORECASE,
)
EXCLUSION_RE = re.compile(r"\bexclu(?:de|ded|sion)\b", re.IGNORECASE)
PARAGRAPHS_RE = re.compile(
    r"paragraphs?\s+(?P<numbers>\d(?:\s*(?:,|and|&)\s*\d)*)\s+(?:of|to)\s+(?:Part\s+1\s+of\s+)?Schedule\s+12A",
    re.IGNORECASE,
)
PRIVATE_TITLE_RE = re.compile(
    r"\b(?:private session|exempt|confidential|in private)\b", re.IGNORECASE
)
REQUEST_START_RE = re.compile(
    r"^(?:It was (?:further |also |then )?requested that\b|(?:The )?(?:Chair|Chairman|Vice-Chair"
    r"|Vice-Chairman|Panel|Committee|Board)\s+(?:further |also )?requested that\b)",
    re.IGNORECASE,
)
SENTENCE_SPLIT_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")

INTEREST_TYPES = [
    (re.compile(r"disclosable pecuniary|\bdpi\b|\bpecuniary", re.IGNORECASE), "dpi"),
    (re.compile(r"other registrable|\bori\b", re.IGNORECASE), "other_registrable"),
    (re.compile(r"non[- ]?registrable|\bnri\b", re.IGNORECASE), "non_registrable"),
    (re.compile(r"personal|prejudicial", re.IGNORECASE), "personal"),
]
RESOLUTION_KINDS = [
    (
        re.compile(r"\bbe excluded\b|\bexclusion of the (?:press|public)\b", re.IGNORECASE),
        "procedural",
    ),
    (
        re.compile(
            r"\b(?:be )?(?:elected|appointed)\b.*\b(?:chair|vice-chair|chairman)\b", re.IGNORECASE
        ),
        "election",
    ),
    (
        re.compile(
            r"\brequests? that\b|\bbe brought (?:back )?to\b|\bbe provided\b|\bbe circulated\b"
            r"|\bconsider how\b|\bbe investigated\b|\bbe reported (?:back )?to\b|\bbe submitted to\b"
            r"|\bbe included in future\b",
            re.IGNORECASE,
        ),
        "request",
    ),
    (re.compile(r"\brecommends?\b|\bbe recommended\b", re.IGNORECASE), "recommendation"),
    (
        re.compile(
            r"\bapproved?\b|\bsupports?\b|\bsupported\b|\baccepts?\b|\bconfirmed as a correct record"
            r"|\bendorsed?\b|\bagreed\b|\bbe adopted\b",
            re.IGNORECASE,
        ),
        "approved",
    ),
    (re.compile(r"\bnoted?\b|\bnotes\b", re.IGNORECASE), "noted"),
]
