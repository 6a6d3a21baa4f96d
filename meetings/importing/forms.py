"""Forms of the admin import page: the upload (PDF, Word or text), and the confirmation."""

from django import forms

from meetings.importing.report import ImportRefused
from meetings.importing.text import MAX_DOCUMENT_BYTES, MAX_UPLOAD_BYTES, read_document
from meetings.models import Body

ACCEPTED_TYPES = ".pdf,.docx,.txt,application/pdf,text/plain," + (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Minutes or agenda pack",
        allow_empty_file=True,  # refused by read_document, which says what to upload instead
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED_TYPES}),
        help_text=(
            "The PDF as published (with its text, not a scan), a Word .docx, or a .txt file: "
            f"PDF and Word up to {MAX_DOCUMENT_BYTES // 1024 // 1024} MB, text up to "
            f"{MAX_UPLOAD_BYTES // 1024 // 1024} MB. Nothing is written until you confirm."
        ),
    )
    body = forms.ModelChoiceField(
        queryset=Body.objects.all(),
        required=False,
        empty_label="The body the document names",
        help_text="Choose only if the heading of the minutes does not name a recorded body.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        # Checked before reading, so an oversized upload is not read into memory; read_upload
        # then holds each kind of file to its own limit.
        if upload.size > MAX_DOCUMENT_BYTES:
            raise forms.ValidationError(
                f"The file is {upload.size / 1024 / 1024:.1f} MB; the importer takes PDF and "
                f"Word files up to {MAX_DOCUMENT_BYTES // 1024 // 1024} MB and text files up "
                f"to {MAX_UPLOAD_BYTES // 1024 // 1024} MB. Keep only the pages with the "
                "minutes, or split the pack into several files."
            )
        try:
            text, page_starts = read_document(upload.read(), name=f"“{upload.name}”")
        except ImportRefused as refusal:
            raise forms.ValidationError(str(refusal)) from None
        self.cleaned_data["text"], self.cleaned_data["page_starts"] = text, page_starts
        return upload


class ConfirmForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput)
    create_people = forms.BooleanField(
        required=False,
        label="Create the people listed as not found",
        help_text="Leave unticked to add them (or their spellings) to existing people first.",
    )
    confirm_names = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Names that look like someone",
        help_text=(
            "Tick each name that is the person it looks like: it is matched to them and saved as "
            "another spelling of their name. An unticked name is taken as someone new."
        ),
    )
    accept = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Raise these requests as actions",
    )

    def __init__(self, *args, proposals=(), near_misses=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["confirm_names"].choices = [(m.key, m.question) for m in near_misses]
        self.fields["accept"].choices = [
            (p.key, f"{p.meeting}, {p.reference}: {p.text}") for p in proposals
        ]
