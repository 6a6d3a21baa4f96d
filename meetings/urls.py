from django.conf import settings
from django.urls import path

import panel.converters  # noqa: F401 (registers <id:...>)
from meetings.urls_directory import urlpatterns as directory_urlpatterns
from meetings.views import meetings as views
from meetings.views.papers import PaperFileView

app_name = "meetings"

# Home, meetings, agendas and minutes pages; people, decisions, work programme, feeds and
# search live in meetings/urls_directory.py.
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("meetings/", views.MeetingListView.as_view(), name="meeting_list"),
    path("meetings/<id:pk>/", views.MeetingDetailView.as_view(), name="meeting_detail"),
    path("meetings/<id:pk>/minutes/", views.MinutesDetailView.as_view(), name="minutes_detail"),
    path("meetings/<id:pk>/minutes.pdf", views.MinutesPdfView.as_view(), name="minutes_pdf"),
    # Paper files, at the addresses their storage gives them (MEDIA_URL), audience-checked.
    path(
        f"{settings.MEDIA_URL.strip('/')}/<path:name>", PaperFileView.as_view(), name="paper_file"
    ),
    *directory_urlpatterns,
]
