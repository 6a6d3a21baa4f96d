"""Paper files, served only to those who may read the paper.

Uploaded papers live under MEDIA_ROOT, which no web server serves: their links
(``paper.file.url``, under MEDIA_URL) come here, where the stored name is looked up and the
visitor's audience decides. A paper the visitor may not read is a 404, exactly as one that
does not exist, so its existence is not disclosed either.
"""

from django.http import FileResponse, Http404
from django.views import View

from meetings.models import Paper
from meetings.visibility import Audience


class PaperFileView(View):
    """/media/<stored name>: one paper's file, downloaded under its original name."""

    def get(self, request, name):
        paper = Audience.of(request).papers().filter(file=name).exclude(file="").first()
        if paper is None:
            raise Http404("No paper you may read has that address.")
        try:
            handle = paper.file.open("rb")
        except FileNotFoundError:
            raise Http404(
                "The paper's file is missing: democratic services can upload it."
            ) from None
        response = FileResponse(handle, as_attachment=True, filename=paper.download_name)
        # Restricted papers must not sit in shared caches; public ones may.
        public = Paper.objects.public().filter(pk=paper.pk).exists()
        response["Cache-Control"] = (
            "public, max-age=3600, s-maxage=0, proxy-revalidate" if public else "private, no-store"
        )
        return response
