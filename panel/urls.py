from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

import actions.api  # noqa: F401  (registers the action log's viewsets on the router)
import meetings.api  # noqa: F401  (registers the record's viewsets on the router)
from panel.api import api_not_found, router
from panel.auth import PanelAuthenticationForm, StaffAuthenticationForm
from panel.public_cache import public_cache, public_urls

admin.site.site_header = f"{settings.SITE_NAME}: record and action log"
admin.site.site_title = settings.SITE_NAME
admin.site.index_title = "Democratic services"
admin.site.login_form = StaffAuthenticationForm

# Under /api/, what Django answers itself is a problem details object too (panel/problems.py);
# elsewhere, the site's own error pages.
handler400 = "panel.problems.bad_request"
handler403 = "panel.problems.permission_denied"
handler404 = "panel.problems.page_not_found"
handler500 = "panel.problems.server_error"

urlpatterns = [
    path("admin/import/", include("meetings.importing.views")),
    path("admin/", admin.site.urls),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=PanelAuthenticationForm),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    # Nothing else of django.contrib.auth.urls: no self-service password reset or change.
    # An administrator sets a forgotten password in the admin (Users), after checking who
    # is asking, which an emailed link cannot do.
    path("accounts/tokens/", include("panel.tokens")),
    # The API's answers to the public come from the cache (panel/public_cache.py); its writes
    # (POST to the workflow actions) and every signed-in or token request pass straight by.
    path("api/v1/", include(public_urls(router.urls))),
    path("api/schema/", public_cache(SpectacularAPIView.as_view()), name="api_schema"),
    path(
        "api/docs/",
        public_cache(SpectacularSwaggerSplitView.as_view(url_name="api_schema")),
        name="api_docs",
    ),
    path("api/bulk/", include("panel.bulk_urls")),
    re_path(r"^api/", api_not_found),
    path("actions/", include("actions.urls")),
    path("", include("meetings.urls")),
]
