from django.urls import path

import panel.converters  # noqa: F401 (registers <id:...>)
from meetings.urls_directory import urlpatterns as directory_urlpatterns
from meetings.views import meetings as views

app_name = "meetings"

# Home, meetings, agendas and minutes pages; people, decisions, work programme, feeds and
# search live in meetings/urls_directory.py.
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("meetings/", views.MeetingListView.as_view(), name="meeting_list"),
    path("meetings/<id:pk>/", views.MeetingDetailView.as_view(), name="meeting_detail"),
    path("meetings/<id:pk>/minutes/", views.MinutesDetailView.as_view(), name="minutes_detail"),
    path("meetings/<id:pk>/minutes.pdf", views.MinutesPdfView.as_view(), name="minutes_pdf"),
    *directory_urlpatterns,
]
