"""Log-in form shared by the admin and the public sign-in page.

The password is checked first; a user who has a confirmed second-factor device (TOTP,
set up by an administrator) must then give a current token. Users without one sign in with
their password alone, so the second factor is optional per account.
"""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django_otp import devices_for_user, user_has_device
from django_otp.forms import OTPAuthenticationFormMixin


class PanelAuthenticationForm(OTPAuthenticationFormMixin, AuthenticationForm):
    otp_token = forms.CharField(
        required=False,
        label="Security code",
        help_text="Only if your account has a second factor: the 6-digit code from your "
        "authenticator app.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
    # The mixin reads these when a device is chosen or challenged.
    otp_device = forms.CharField(required=False, widget=forms.HiddenInput)
    otp_challenge = forms.CharField(required=False, widget=forms.HiddenInput)

    def _chosen_device(self, user):
        # Staff have one authenticator each: use it unless the form named another of theirs.
        device = super()._chosen_device(user)
        if device is None:
            device = next(devices_for_user(user, confirmed=True), None)
        return device

    def clean(self):
        cleaned = super().clean()
        user = self.get_user()
        if user is not None and user_has_device(user, confirmed=True):
            self.clean_otp(user)
        return cleaned


class StaffAuthenticationForm(PanelAuthenticationForm):
    """The admin's log-in: only staff may enter, as with Django's own admin form."""

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not user.is_staff:
            raise forms.ValidationError(
                "This account cannot use the administration pages: sign in on the public "
                "site instead.",
                code="invalid_login",
            )
