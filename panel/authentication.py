"""API token authentication: django-rest-knox's tokens, sent as Bearer or Token."""

from knox import auth as knox_auth
from knox.settings import knox_settings
from rest_framework import exceptions
from rest_framework.authentication import get_authorization_header


class TokenAuthentication(knox_auth.TokenAuthentication):
    """Personal API tokens (django-rest-knox), sent as ``Authorization: Bearer <token>``.

    ``Token <token>`` (knox's prefix, which the documentation gave first) works as well.
    ``Bearer`` is what the schema's bearer scheme tells clients to send, and what generated
    clients send unasked: knox alone would take that header as another scheme's and go on
    anonymously, so a client holding a good token would quietly see only public material.
    """

    prefixes = {knox_settings.AUTH_HEADER_PREFIX.lower().encode(), b"bearer"}

    def authenticate(self, request):
        auth = get_authorization_header(request).split()
        if not auth or auth[0].lower() not in self.prefixes:
            return None
        if len(auth) != 2:
            raise exceptions.AuthenticationFailed(
                "Send the token as `Authorization: Bearer <token>`: the word Bearer (or "
                "Token), one space, then the token as the token page showed it."
            )
        return self.authenticate_credentials(auth[1])
