"""URLs for members, decisions, the work programme, calendar feeds and search.

Included into the "meetings" namespace by meetings/urls.py. Every one is public, so the
public's copies come from the cache (panel/public_cache.py).
"""

from django.urls import path

from meetings.feeds import CalendarFeedView
from meetings.views import directory
from panel.public_cache import public_cache

urlpatterns = [
    path("members/", public_cache(directory.PersonListView.as_view()), name="person_list"),
    path(
        "members/<slug:slug>/",
        public_cache(directory.PersonDetailView.as_view()),
        name="person_detail",
    ),
    path("bodies/", public_cache(directory.BodyListView.as_view()), name="body_list"),
    path(
        "bodies/<slug:slug>/", public_cache(directory.BodyDetailView.as_view()), name="body_detail"
    ),
    path(
        "bodies/<slug:slug>/calendar.ics",
        public_cache(CalendarFeedView.as_view()),
        name="body_calendar",
    ),
    path(
        "decisions/", public_cache(directory.ResolutionListView.as_view()), name="resolution_list"
    ),
    path(
        "work-programme/",
        public_cache(directory.WorkProgrammeView.as_view()),
        name="workprogramme_list",
    ),
    path("calendar.ics", public_cache(CalendarFeedView.as_view()), name="calendar"),
    path("search/", public_cache(directory.SearchView.as_view()), name="search"),
]
