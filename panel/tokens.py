"""Personal API tokens: signed-in staff make and revoke their own, at /accounts/tokens/.

django-rest-knox stores a digest of each token, never the token, so its secret is shown once,
in the response to the request that made it. No page shows anyone else's tokens and nothing
makes a token for someone else: a token can only ever act as the person who made it, and the
action history names them.
"""

from django import forms
from django.contrib.auth.mixins import UserPassesTestMixin
from django.contrib.messages.views import SuccessMessageMixin
from django.db.models import Q
from django.urls import path, reverse_lazy
from django.utils import formats, timezone
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import DeleteView, FormView
from knox.models import AuthToken
from knox.settings import knox_settings

app_name = "tokens"


def live_tokens(user):
    """The user's tokens that still work (knox deletes expired ones when it next meets them)."""
    return AuthToken.objects.filter(user=user).filter(
        Q(expiry__isnull=True) | Q(expiry__gt=timezone.now())
    )


class TokenCreateForm(forms.Form):
    """Making a token asks nothing, but is refused once the user holds as many as allowed."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self):
        limit = knox_settings.TOKEN_LIMIT_PER_USER
        if limit is not None and live_tokens(self.user).count() >= limit:
            raise forms.ValidationError(
                f"You already have {limit} tokens, the most one person may hold. Revoke one "
                "you no longer use, then make a new one.",
                code="token_limit",
            )
        return super().clean()


class StaffOnlyMixin(UserPassesTestMixin):
    """Signed-in staff only: visitors are sent to sign in, other accounts are refused (403)."""

    def test_func(self):
        return self.request.user.is_staff


# never_cache: the page that shows a secret must not be kept by a browser or proxy.
@method_decorator(never_cache, name="dispatch")
class TokenListView(StaffOnlyMixin, FormView):
    """The user's own tokens, and the button that makes another."""

    template_name = "accounts/token_list.html"
    form_class = TokenCreateForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            tokens=live_tokens(self.request.user).order_by("-created"),
            token_days=knox_settings.TOKEN_TTL.days,
            **kwargs,
        )

    def form_valid(self, form):
        token, secret = AuthToken.objects.create(user=self.request.user)
        context = self.get_context_data(
            form=self.form_class(user=self.request.user), new_token=token, secret=secret
        )
        return self.render_to_response(context, status=201)


class TokenRevokeView(StaffOnlyMixin, SuccessMessageMixin, DeleteView):
    """Revoke one of the user's own tokens; anyone else's is not found (404)."""

    http_method_names = ["post"]
    pk_url_kwarg = "digest"
    success_url = reverse_lazy("tokens:token_list")

    def get_queryset(self):
        return AuthToken.objects.filter(user=self.request.user)

    def get_success_message(self, cleaned_data):
        made = formats.date_format(timezone.localtime(self.object.created), "j F Y, H:i")
        return f"The token made on {made} is revoked: it no longer works."


urlpatterns = [
    path("", TokenListView.as_view(), name="token_list"),
    path("<slug:digest>/revoke/", TokenRevokeView.as_view(), name="token_revoke"),
]
