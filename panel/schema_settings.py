"""The OpenAPI schema's settings (drf-spectacular), imported by panel.settings."""


def api_settings(api_token_days):
    """How to authenticate (API_AUTHENTICATION) and drf-spectacular's SPECTACULAR_SETTINGS."""
    API_AUTHENTICATION = (
        "Public material needs no credentials. Democratic services staff sign in and make a "
        f"personal API token at /accounts/tokens/ (shown once; it expires after {api_token_days} "
        "days), then send it with every request as the header `Authorization: Token <token>`. "
        "Changes made with a token are recorded as made by the token's owner."
    )
    SPECTACULAR_SETTINGS = {
        "TITLE": "Police and Crime Panel open data API",
        "DESCRIPTION": (
            "The Panel's public record (bodies, people, memberships, meetings, agenda items, "
            "resolutions, work programme) and its action log. Anonymous clients receive only "
            "published, non-exempt material.\n\n" + API_AUTHENTICATION
        ),
        "VERSION": "1.0.0",
        "SERVE_INCLUDE_SCHEMA": False,
        "SWAGGER_UI_DIST": "SIDECAR",
        "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
        # Replaces drf-spectacular's generic wording for knox's scheme with how to get a token.
        "APPEND_COMPONENTS": {
            "securitySchemes": {
                "knoxApiToken": {
                    "type": "apiKey",
                    "in": "header",
                    "name": "Authorization",
                    "description": API_AUTHENTICATION,
                }
            }
        },
    }
    return API_AUTHENTICATION, SPECTACULAR_SETTINGS
