"""URLs for members, decisions, the work programme, calendar feeds and search.

Included into the "meetings" namespace by meetings/urls.py.
"""

from django.urls import path

from meetings.feeds import CalendarFeedView
from meetings.views import directory

urlpatterns = [
    path("members/", directory.PersonListView.as_view(), name="person_list"),
    path("members/<slug:slug>/", directory.PersonDetailView.as_view(), name="person_detail"),
    path("bodies/", directory.BodyListView.as_view(), name="body_list"),
    path("bodies/<slug:slug>/", directory.BodyDetailView.as_view(), name="body_detail"),
    path("bodies/<slug:slug>/calendar.ics", CalendarFeedView.as_view(), name="body_calendar"),
    path("decisions/", directory.ResolutionListView.as_view(), name="resolution_list"),
    path("work-programme/", directory.WorkProgrammeView.as_view(), name="workprogramme_list"),
    path("calendar.ics", CalendarFeedView.as_view(), name="calendar"),
    path("search/", directory.SearchView.as_view(), name="search"),
]
