from django.conf import settings
from django.utils import timezone


def site(request):
    """The site's name, for the header and page titles; today's date in the site's time
    zone, for what turns from coming to past at midnight."""
    return {"SITE_NAME": settings.SITE_NAME, "today": timezone.localdate()}
