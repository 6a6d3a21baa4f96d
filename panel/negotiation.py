"""Content negotiation for the API: a format the endpoint does not offer is a 406, not a 404.

DRF answers ``?format=xml`` (or ``/events.xml``) on an endpoint without that format with a 404,
which says the resource is missing when it is there. The endpoint exists; only the format
does not, which is what 406 Not Acceptable says.

DRF imports this module while rest_framework.views is still loading (the settings name it in
DEFAULT_CONTENT_NEGOTIATION_CLASS), so it must not import DRF's views.
"""

from rest_framework.exceptions import NotAcceptable
from rest_framework.negotiation import DefaultContentNegotiation


def handles(view, method):
    """Does ``view`` answer ``method``? (A viewset has a handler only for its mapped methods.)"""
    name = method.lower()
    return name in view.http_method_names and hasattr(view, name)


class FormatNegotiation(DefaultContentNegotiation):
    def select_renderer(self, request, renderers, format_suffix=None):
        # DRF negotiates before it looks for the method's handler: a method the endpoint
        # does not have must be its 405, whatever format or Accept came with it.
        view = (getattr(request, "parser_context", None) or {}).get("view")
        if view is not None and not handles(view, request.method):
            return renderers[0], renderers[0].media_type
        return super().select_renderer(request, renderers, format_suffix)

    def filter_renderers(self, renderers, format):
        chosen = [renderer for renderer in renderers if renderer.format == format]
        if not chosen:
            offered = ", ".join(renderer.format for renderer in renderers)
            raise NotAcceptable(
                f"This endpoint has no format {format!r}: use one of {offered}, or leave "
                "format out.",
                available_renderers=renderers,
            )
        return chosen
