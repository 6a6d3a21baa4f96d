from django.urls import path

import panel.converters  # noqa: F401 (registers <id:...>)
from actions import views
from actions.views_progress import ProgressUpdateView
from panel.public_cache import public_cache

app_name = "actions"

# The public's copies of the action log come from the cache (panel/public_cache.py); "mine" is
# a signed-in person's own list, never cached.
urlpatterns = [
    path("", public_cache(views.ActionListView.as_view()), name="action_list"),
    path("export.csv", public_cache(views.ActionExportView.as_view()), name="action_export"),
    path("mine/", views.MyActionsView.as_view(), name="action_mine"),
    path("<id:pk>/", public_cache(views.ActionDetailView.as_view()), name="action_detail"),
    path("<id:pk>/update/", ProgressUpdateView.as_view(), name="action_update"),
    path("report/", public_cache(views.ReportChooseView.as_view()), name="action_report_choose"),
    path("report/<id:meeting_pk>/", public_cache(views.ReportView.as_view()), name="action_report"),
    path(
        "report/<id:meeting_pk>.txt",
        public_cache(views.ReportTextView.as_view()),
        name="action_report_text",
    ),
]
