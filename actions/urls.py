from django.urls import path

import panel.converters  # noqa: F401 (registers <id:...>)
from actions import views

app_name = "actions"

urlpatterns = [
    path("", views.ActionListView.as_view(), name="action_list"),
    path("export.csv", views.ActionExportView.as_view(), name="action_export"),
    path("mine/", views.MyActionsView.as_view(), name="action_mine"),
    path("<id:pk>/", views.ActionDetailView.as_view(), name="action_detail"),
    path("report/", views.ReportChooseView.as_view(), name="action_report_choose"),
    path("report/<id:meeting_pk>/", views.ReportView.as_view(), name="action_report"),
    path("report/<id:meeting_pk>.txt", views.ReportTextView.as_view(), name="action_report_text"),
]
