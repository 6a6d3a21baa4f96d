"""Writing one row of an import: every rule checked first, every failure a refusal.

The importer, and the apps that extend it, write each row through ``save_checked``, so a value
the text gets wrong (a heading run together with the paragraph after it, too long for its
column) is refused with the line it came from, the same on SQLite (which would store it) and
PostgreSQL (which would raise DataError), and rolls the whole import back.
"""

from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import IntegrityError

from meetings.importing.report import ImportRefused
from meetings.importing.text import FOR_A_PDF

HOW_TO_FIX = f"Correct this line of the document {FOR_A_PDF}, then import again."


def save_checked(obj, *, line, what):
    """Validate and save ``obj``; a broken rule becomes a refusal naming the line.

    Fields and ``clean()`` are checked in Python. Foreign keys (rows this import has just
    made or found) and the table constraints are left to the database, since checking them in
    Python costs a query each; a violation is reported with the constraint's own message.
    """
    relations = [f.name for f in obj._meta.fields if f.is_relation]
    try:
        obj.full_clean(exclude=relations, validate_constraints=False)
        obj.save()
    except ValidationError as error:
        raise ImportRefused(
            f"could not record {what}: {validation_messages(obj, error)} {HOW_TO_FIX}", line=line
        ) from None
    except IntegrityError as error:
        raise ImportRefused(
            f"could not record {what}: {_constraint_message(obj, error)}", line=line
        ) from None
    return obj


def validation_messages(obj, error):
    """The messages of ``error``, each naming its field, an over-long value in plain words."""
    if not hasattr(error, "error_dict"):
        return " ".join(error.messages)
    messages = []
    for name, errors in error.error_dict.items():
        label = "" if name == NON_FIELD_ERRORS else _field_label(obj, name)
        for each in errors:
            if each.code == "max_length":
                limit, length = each.params["limit_value"], each.params["show_value"]
                messages.append(
                    f"the {label} would be {length} characters long, and the record holds at "
                    f"most {limit} (is a line break missing, joining it to the text after it?)."
                )
                continue
            text = " ".join(each.messages)
            messages.append(f"{label}: {text}" if label else text)
    return " ".join(messages)


def _field_label(obj, name):
    try:
        return str(obj._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:  # a clean() may name something that is not a column
        return name.replace("_", " ")


def _constraint_message(obj, error):
    text = str(error)
    for constraint in obj._meta.constraints:
        if constraint.name in text:
            return str(constraint.violation_error_message)
    return text
