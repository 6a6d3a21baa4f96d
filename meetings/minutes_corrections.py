"""How a correction changes the rows of a published record and what its snapshot keeps.

Used by meetings.services.minutes_correct, inside its transaction: every function here either
returns or refuses the whole correction (MinutesInputRefused), so nothing is half-corrected.
"""

from django.core.exceptions import ValidationError

from meetings.models import AgendaItem, Attendance, Declaration, Resolution
from meetings.published_record import refuse_input

# How each model's rows are selected for a correction, and how they read in its snapshot.
_MEETING_PATH = {
    AgendaItem: "meeting",
    Resolution: "item__meeting",
    Attendance: "meeting",
    Declaration: "meeting",
}


def rows_of_meeting(model, mapping, meeting, name):
    """The rows named in ``mapping``, locked; refuses any that is missing or of another meeting."""
    if not mapping:
        return []
    wanted = {getattr(key, "pk", key) for key in mapping}
    if not all(isinstance(pk, int) for pk in wanted):
        refuse_input(
            f"Name the {name} to correct by their ids (whole numbers).",
            code="invalid_id",
            field=name,
        )
    queryset = model.objects.select_for_update().filter(
        pk__in=wanted, **{_MEETING_PATH[model]: meeting}
    )
    if model is Resolution:
        queryset = queryset.select_related("item")
    if model in (Attendance, Declaration):
        queryset = queryset.select_related("person")
    rows = list(queryset.order_by("pk"))
    missing = wanted - {row.pk for row in rows}
    if missing:
        label = model._meta.verbose_name
        refuse_input(
            f"The {label} {', '.join(str(pk) for pk in sorted(missing))} is not part of the "
            f"meeting of {meeting}: correct each meeting's minutes separately.",
            code="not_this_meeting",
            field=name,
        )
    # Let callers key their changes by instance or by id.
    for key in list(mapping):
        if hasattr(key, "pk"):
            mapping[key.pk] = mapping.pop(key)
    return rows


def apply_corrections(model, rows, mapping, name):
    """Save the changed values of ``rows``; return their snapshot entries (earlier values)."""
    entries = []
    # A chair moves from one person to another in one correction: unset before setting, so
    # that the meeting never has two chairs, even for a moment.
    rows = sorted(rows, key=lambda row: bool(mapping[row.pk].get("is_chair")))
    for row in rows:
        new = mapping[row.pk]
        earlier = {f: getattr(row, f) for f in new if getattr(row, f) != new[f]}
        if not earlier:
            continue
        described = _describe_row(row)
        for field_name in earlier:
            setattr(row, field_name, new[field_name])
        _validate_corrected(row, list(earlier), name)
        row.save(update_fields=list(earlier))
        entries.append({**described, "earlier": earlier})
    return entries


def _validate_corrected(row, changed, name):
    """The corrected row must still be a valid row: its fields and constraints."""
    others = [f.name for f in row._meta.concrete_fields if f.name not in changed]
    try:
        row.clean_fields(exclude=others)
        row.validate_constraints()
    except ValidationError as error:
        refuse_input(
            f"{_row_label(row)}: {' '.join(error.messages)}",
            code="invalid_correction",
            field=name,
        )


def _row_label(row):
    if isinstance(row, AgendaItem):
        return f"Item {row.number or row.order}"
    if isinstance(row, Resolution):
        number = f".{row.number}" if row.number else ""
        return f"Resolution {row.item.number or row.item.order}{number}"
    kind = "Attendance" if isinstance(row, Attendance) else "Declaration"
    return f"{kind} of {row.person.name}"


def _describe_row(row):
    """How a corrected row is named in the snapshot, and who may read its earlier text."""
    if isinstance(row, AgendaItem):
        return {
            "id": row.pk,
            "number": row.number,
            "title": row.title,
            "confidentiality": row.confidentiality,
        }
    if isinstance(row, Resolution):
        return {
            "id": row.pk,
            "item_id": row.item_id,
            "item_number": row.item.number,
            "number": row.number,
            "confidentiality": row.item.confidentiality,
        }
    if isinstance(row, Attendance):
        return {
            "id": row.pk,
            "person": row.person.name,
            "confidentiality": AgendaItem.Confidentiality.PUBLIC,
        }
    return {
        "id": row.pk,
        "person": row.person.name,
        "confidentiality": _declaration_confidentiality(row),
    }


def _declaration_confidentiality(declaration):
    """Public unless the declaration is about private business only (it could disclose it)."""
    if declaration.all_items:
        return AgendaItem.Confidentiality.PUBLIC
    kinds = set(declaration.items.values_list("confidentiality", flat=True))
    if not kinds or AgendaItem.Confidentiality.PUBLIC in kinds:
        return AgendaItem.Confidentiality.PUBLIC
    return sorted(kinds)[0]


def check_record_consistent(meeting):
    """After a correction of attendance, declarations and motions still name people present."""
    for declaration in meeting.declarations.select_related("person"):
        try:
            declaration.clean()
        except ValidationError as error:
            refuse_input(" ".join(error.messages), code="invalid_correction", field="declarations")
    for resolution in Resolution.objects.filter(item__meeting=meeting).select_related("item"):
        try:
            resolution.clean()
        except ValidationError as error:
            refuse_input(" ".join(error.messages), code="invalid_correction", field="attendances")
