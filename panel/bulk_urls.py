"""The bulk download of the whole public record (panel/bulk_views.py)."""

from django.urls import path

from panel.bulk_views import open_data, open_data_download

urlpatterns = [
    path("", open_data, name="open_data"),
    path("record.zip", open_data_download, name="open_data_download"),
]
