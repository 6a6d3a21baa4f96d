"""Forms of the admin import page: the upload, and the confirmation after the preview."""

from django import forms

from meetings.importing.report import ImportRefused
from meetings.importing.text import MAX_UPLOAD_BYTES, read_upload
from meetings.models import Body


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Text of the minutes or agenda pack",
        allow_empty_file=True,  # refused by read_upload, which says what to upload instead
        help_text="A .txt file converted from the PDF, up to "
        f"{MAX_UPLOAD_BYTES // 1024 // 1024} MB. Nothing is written until you confirm.",
    )
    body = forms.ModelChoiceField(
        queryset=Body.objects.all(),
        required=False,
        empty_label="The body the document names",
        help_text="Choose only if the heading of the minutes does not name a recorded body.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"The file is {upload.size / 1024 / 1024:.1f} MB; the importer takes text files "
                f"up to {MAX_UPLOAD_BYTES // 1024 // 1024} MB. Convert only the pages with the "
                "minutes, or split the pack into several files."
            )
        try:
            self.cleaned_data["text"] = read_upload(upload.read(), name=f"“{upload.name}”")
        except ImportRefused as refusal:
            raise forms.ValidationError(str(refusal)) from None
        return upload


class ConfirmForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput)
    create_people = forms.BooleanField(
        required=False,
        label="Create the people listed as not found",
        help_text="Leave unticked to add them (or their spellings) to existing people first.",
    )
    accept = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Raise these requests as actions",
    )

    def __init__(self, *args, proposals=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["accept"].choices = [
            (p.key, f"{p.meeting}, {p.reference}: {p.text}") for p in proposals
        ]
