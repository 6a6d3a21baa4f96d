"""The bulk download of the whole public record."""

urlpatterns = []
