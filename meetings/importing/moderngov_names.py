"""Lists of names as ModernGov prints them: "Mr A, Mrs B (Chairman) and Mr C", with a count check.

A list is split at the commas and the "and" outside brackets, so a role in brackets keeps its
own commas ("Mrs S Hammond (Corporate Director Children, Young People and Education)"). Each
piece is then a name, letters after the previous name ("Mr R C Love, OBE"), or the previous
person's role ("Sue Chandler, Cabinet Member for ..."): every piece is accounted for, and one
that is none of these is reported, never stored as a person.
"""

import dataclasses
import re

from meetings.importing.names import POST_NOMINALS, parse_name

# Words that make a piece of a list a role or an organisation, never a person's name.
ROLE_WORDS = {
    "authority", "council", "dc", "bc", "borough", "district", "county", "officer", "officers",
    "director", "manager", "head", "chief", "executive", "services", "service", "member",
    "members", "commissioner", "clerk", "adviser", "advisor", "lead", "cabinet", "leader",
    "chairman", "chair", "deputy", "assistant", "team", "group", "police", "fire", "panel",
    "committee", "secretary", "solicitor", "counsel", "analyst", "headteacher", "for", "of",
    "the", "and", "representative", "partnership", "trust", "office",
}  # fmt: skip


def split_top_level(text):
    """The pieces of ``text`` between commas, semicolons and "and" outside brackets."""
    pieces, depth, start, index = [], 0, 0, 0
    while index < len(text):
        character = text[index]
        if character == "(":
            depth += 1
        elif character == ")":
            depth = max(depth - 1, 0)
        elif depth == 0 and character in ",;":
            pieces.append(text[start:index])
            start = index + 1
        elif depth == 0 and text.startswith(" and ", index):
            pieces.append(text[start:index])
            start = index + 5
            index += 4
        elif depth == 0 and text.startswith(" & ", index):
            pieces.append(text[start:index])
            start = index + 3
            index += 2
        index += 1
    pieces.append(text[start:])
    return [piece.strip(" .") for piece in pieces if piece.strip(" .")]


def plausible_name(name):
    """Whether a ParsedName is a person: titled or with a forename, and no word of a role."""
    if name is None:
        return False
    words = [w.lower().strip(".,'\u2019") for w in (*name.given, name.family)]
    if any(word in ROLE_WORDS or word.removesuffix("s") in ROLE_WORDS for word in words):
        return False
    return bool(name.honorific or name.given or name.initials)


def _post_nominals(piece):
    words = [w.strip(".").lower() for w in piece.split()]
    return bool(words) and all(word in POST_NOMINALS for word in words)


@dataclasses.dataclass
class NameList:
    """The names read from one printed list, and the pieces that were not names."""

    names: list
    pieces: int
    roles: int = 0
    unread: list = dataclasses.field(default_factory=list)

    @property
    def accounted(self):
        return len(self.names) + self.roles + self.post_nominals + len(self.unread)

    post_nominals: int = 0


def read_name_list(text):
    """A NameList of ``text`` ("Mr A, Mrs B (Chairman) and Mr C")."""
    text = re.sub(r"\s+", " ", text).strip(" .")
    pieces = split_top_level(text)
    result = NameList(names=[], pieces=len(pieces))
    for piece in pieces:
        if result.names and _post_nominals(piece):
            last = result.names[-1]
            extra = tuple(w.strip(".") for w in piece.split())
            result.names[-1] = dataclasses.replace(
                last, printed=f"{last.printed}, {piece}", post_nominals=last.post_nominals + extra
            )
            result.post_nominals += 1
            continue
        name = parse_name(piece)
        if plausible_name(name):
            result.names.append(name)
        elif result.names and _is_role(piece):
            last = result.names[-1]
            role = f"{last.role}, {piece}" if last.role else piece
            result.names[-1] = dataclasses.replace(last, role=role)
            result.roles += 1
        else:
            result.unread.append(piece)
    return result


def _is_role(piece):
    words = {w.lower().strip(".,'\u2019()") for w in piece.split()}
    words |= {w.removesuffix("s") for w in words}
    return piece[:1].isupper() and bool(words & ROLE_WORDS)
