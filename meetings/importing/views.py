"""The admin import page: upload PDF, Word or text, preview what it would create, confirm.

Mount with ``path("admin/import/", include("meetings.importing.views"))`` before the admin's
own URLs. Only staff who may add meetings can use it. The uploaded text is kept in the session
between the preview and the confirmation, so what is confirmed is what was previewed.

A document the importer refuses is answered as the admin answers a form with errors: the page
again (status 200), with the refusal, its line and how to fix it in the error summary at the
top, and nothing written.
"""

import secrets
from functools import wraps

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.views.decorators.http import require_http_methods, require_POST

from meetings.importing.forms import ConfirmForm, UploadForm
from meetings.importing.load import import_text
from meetings.importing.report import ImportRefused
from meetings.importing.text import page_of_line
from meetings.models import Body

SESSION_KEY = "meetings_import"
PERMISSION = "meetings.add_meeting"


def staff_who_add_meetings(view):
    """Admin log-in required (admin_view), then the permission to add meetings (else 403)."""

    @wraps(view)
    def checked(request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied("Importing minutes needs the permission to add meetings.")
        return view(request, *args, **kwargs)

    return admin.site.admin_view(checked)


def _context(request, **extra):
    return {
        **admin.site.each_context(request),
        "title": "Import minutes or an agenda pack",
        **extra,
    }


def _pending(request, token):
    pending = request.session.get(SESSION_KEY)
    if not pending or not token or not secrets.compare_digest(pending["token"], token):
        return None
    return pending


def _body(pending):
    return Body.objects.filter(pk=pending["body"]).first() if pending.get("body") else None


def _placed(refusal, pending):
    """``refusal``, saying on which page of the PDF its line is printed (for a PDF upload)."""
    page = page_of_line(refusal.line, pending.get("page_starts"))
    if page is None:
        return refusal
    return ImportRefused(
        f"{refusal.detail} (line {refusal.line} of the text read from the PDF is on page {page})",
        line=refusal.line,
    )


def _report_rows(result, pending):
    """The anomalies in report order, each with the page of the PDF its line is on (or None)."""
    page_starts = pending.get("page_starts")
    return [(page_of_line(a.line, page_starts), a) for a in result.report]


def _preview(request, pending, *, form=None, error=None):
    try:
        result = import_text(
            pending["text"], source=pending["source"], body=_body(pending), dry_run=True
        )
    except ImportRefused as refusal:
        return _upload_page(request, UploadForm(), error=_placed(refusal, pending))
    form = form or ConfirmForm(
        initial={"token": pending["token"]},
        proposals=result.proposals,
        near_misses=result.near_misses,
    )
    return TemplateResponse(
        request,
        "admin/importing/preview.html",
        _context(
            request,
            result=result,
            form=form,
            error=error,
            source=pending["source"],
            report_rows=_report_rows(result, pending),
            by_page=bool(pending.get("page_starts")),
        ),
    )


def _upload_page(request, form, *, error=None):
    return TemplateResponse(
        request, "admin/importing/upload.html", _context(request, form=form, error=error)
    )


@require_http_methods(["GET", "POST"])
def import_upload(request):
    """Show the upload form; on upload, preview what the import would do."""
    if request.method == "GET":
        return _upload_page(request, UploadForm())
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _upload_page(request, form)
    pending = {
        "token": secrets.token_urlsafe(16),
        "text": form.cleaned_data["text"],
        "source": form.cleaned_data["file"].name,
        "body": form.cleaned_data["body"].pk if form.cleaned_data["body"] else None,
        "page_starts": form.cleaned_data["page_starts"],
    }
    request.session[SESSION_KEY] = pending
    return _preview(request, pending)


@require_POST
def import_confirm(request):
    """Import the previewed document for real, with the people and requests ticked."""
    pending = _pending(request, request.POST.get("token"))
    if pending is None:
        return redirect("importing:import_upload")
    try:
        preview = import_text(
            pending["text"], source=pending["source"], body=_body(pending), dry_run=True
        )
    except ImportRefused as refusal:
        return _upload_page(request, UploadForm(), error=_placed(refusal, pending))
    form = ConfirmForm(request.POST, proposals=preview.proposals, near_misses=preview.near_misses)
    if not form.is_valid():
        return _preview(request, pending, form=form)
    try:
        result = import_text(
            pending["text"],
            source=pending["source"],
            body=_body(pending),
            user=request.user,
            create_people=form.cleaned_data["create_people"],
            accept=form.cleaned_data["accept"],
            confirm_names=form.cleaned_data["confirm_names"],
        )
    except ImportRefused as refusal:
        return _preview(request, pending, form=form, error=_placed(refusal, pending))
    request.session.pop(SESSION_KEY, None)
    return TemplateResponse(
        request,
        "admin/importing/done.html",
        _context(
            request,
            result=result,
            report_rows=_report_rows(result, pending),
            by_page=bool(pending.get("page_starts")),
        ),
    )


app_name = "importing"
urlpatterns = [
    path("", staff_who_add_meetings(import_upload), name="import_upload"),
    path("confirm/", staff_who_add_meetings(import_confirm), name="import_confirm"),
]
