from django.conf import settings
from django.urls import path

import panel.converters  # noqa: F401 (registers <id:...>)
from meetings.urls_directory import urlpatterns as directory_urlpatterns
from meetings.views import meetings as views
from meetings.views.papers import PaperFileView
from panel.public_cache import public_cache

app_name = "meetings"

# Home, meetings, agendas and minutes pages; people, decisions, work programme, feeds and
# search live in meetings/urls_directory.py. public_cache: the public's copies come from the
# cache (panel/public_cache.py). Paper files are streamed from disk and not kept there.
urlpatterns = [
    path("", public_cache(views.HomeView.as_view()), name="home"),
    path("meetings/", public_cache(views.MeetingListView.as_view()), name="meeting_list"),
    path(
        "meetings/<id:pk>/", public_cache(views.MeetingDetailView.as_view()), name="meeting_detail"
    ),
    path(
        "meetings/<id:pk>/minutes/",
        public_cache(views.MinutesDetailView.as_view()),
        name="minutes_detail",
    ),
    path(
        "meetings/<id:pk>/minutes.pdf",
        public_cache(views.MinutesPdfView.as_view()),
        name="minutes_pdf",
    ),
    # Paper files, at the addresses their storage gives them (MEDIA_URL), audience-checked.
    path(
        f"{settings.MEDIA_URL.strip('/')}/<path:name>", PaperFileView.as_view(), name="paper_file"
    ),
    *directory_urlpatterns,
]
