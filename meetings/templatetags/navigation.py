"""The site's header navigation, built in Python: ``{% service_navigation %}``.

Every page has it, so its cost is paid on every miss. As a template it was ten ``{% url %}``
lookups, eight includes and a query for the signed-in person's name: 2 to 3 ms a page. Here the
sections' addresses are reversed once per process (and URL prefix), the name is kept until
the record changes (``panel.record_version.per_version``), and the markup is joined from
escaped pieces. The markup is GOV.UK's service navigation, as before.

A section whose page is not installed (its URL name does not resolve) is left out rather than
linked to a missing page. The account item is last: a sign-in link, or who is signed in and a
sign-out button (signing out is a POST, so it is a form).
"""

from contextlib import suppress
from functools import cache
from urllib.parse import quote

from django import template
from django.contrib.auth.models import AnonymousUser
from django.middleware.csrf import get_token
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.html import format_html_join

from meetings.models import Person
from panel.html import format_html
from panel.record_version import per_version

register = template.Library()

# (URL name, text, the url_names (in the namespace) that make it the current section).
# None for the namespace's pages: every page of that namespace but "My actions".
SECTIONS = (
    ("meetings:meeting_list", "Meetings", ("meeting_list", "meeting_detail", "minutes_detail")),
    ("meetings:body_list", "Committees", ("body_list", "body_detail")),
    ("meetings:person_list", "Members", ("person_list", "person_detail")),
    ("meetings:resolution_list", "Decisions", ("resolution_list",)),
    ("meetings:workprogramme_list", "Work programme", ("workprogramme_list",)),
    ("actions:action_list", "Action log", None),
    ("actions:action_mine", "My actions", ("action_mine",)),
    ("meetings:search", "Search", ("search",)),
)
SIGNED_IN_ONLY = {"actions:action_mine"}
ACCOUNT_LINKS = ("login", "logout", "meetings:home", "tokens:token_list")


@cache
def _addresses(prefix, urlconf):
    """Each section's address, and the account links, under this URL prefix."""
    found = {}
    for name in [*(name for name, _, _ in SECTIONS), *ACCOUNT_LINKS]:
        with suppress(NoReverseMatch):
            found[name] = reverse(name, urlconf=urlconf)
    return found


def _is_current(name, pages, here, namespace):
    section_namespace = name.split(":")[0]
    if namespace != section_namespace:
        return False
    if pages is None:
        return here != "action_mine"
    return here in pages


def _item(url, text, current):
    if current:
        return format_html(
            '<li class="govuk-service-navigation__item govuk-service-navigation__item--active">'
            '<a class="govuk-service-navigation__link" href="{}" aria-current="page">'
            '<strong class="govuk-service-navigation__active-fallback">{}</strong></a></li>',
            url,
            text,
        )
    return format_html(
        '<li class="govuk-service-navigation__item">'
        '<a class="govuk-service-navigation__link" href="{}">{}</a></li>',
        url,
        text,
    )


def signed_in_name(user):
    """The name shown for a signed-in user: their person's, else their own, else the log-in."""

    def person_name():
        person = Person.objects.filter(user=user).first()
        return person.name if person else ""

    return (
        per_version(("signed-in-name", user.pk), person_name)
        or user.get_full_name()
        or user.get_username()
    )


def _user(request):
    """The request's user. A request refused before the sign-in is read (CommonMiddleware's
    forbidden user agents) has none, and its error page is shown as to the public."""
    user = getattr(request, "user", None)
    return AnonymousUser() if user is None else user


def _account(request, addresses, here, namespace):
    user = _user(request)
    if user.is_authenticated:
        tokens = ""
        if user.is_staff and "tokens:token_list" in addresses:
            tokens = format_html(
                ' · <a class="govuk-link govuk-link--no-visited-state" href="{}"{}>API tokens</a>',
                addresses["tokens:token_list"],
                ' aria-current="page"' if namespace == "tokens" else "",
            )
        return format_html(
            '<form method="post" action="{}">'
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
            '<input type="hidden" name="next" value="{}">'
            '<span class="app-service-navigation__user"><span class="govuk-visually-hidden">'
            "Signed in as </span>{}{}</span>"
            '<button type="submit" class="app-link-button govuk-service-navigation__link">'
            "Sign out</button></form>",
            addresses.get("logout", ""),
            get_token(request),
            addresses.get("meetings:home", "/"),
            signed_in_name(user),
            tokens,
        )
    if here == "login":
        return format_html(
            '<a class="govuk-service-navigation__link" href="{}" aria-current="page">'
            '<strong class="govuk-service-navigation__active-fallback">Sign in</strong></a>',
            addresses.get("login", ""),
        )
    return format_html(
        '<a class="govuk-service-navigation__link" href="{}?next={}">Sign in</a>',
        addresses.get("login", ""),
        quote(request.get_full_path(), safe="/"),
    )


@register.simple_tag(takes_context=True)
def service_navigation(context):
    request = context["request"]
    match = request.resolver_match
    here = match.url_name if match else None
    namespace = match.namespace if match else None
    addresses = _addresses(get_script_prefix(), get_urlconf())
    signed_in = _user(request).is_authenticated
    items = format_html_join(
        "\n",
        "{}",
        (
            (_item(addresses[name], text, _is_current(name, pages, here, namespace)),)
            for name, text, pages in SECTIONS
            if name in addresses and (signed_in or name not in SIGNED_IN_ONLY)
        ),
    )
    return format_html(
        '<section aria-label="Site sections" class="govuk-service-navigation" '
        'data-module="govuk-service-navigation"><div class="govuk-width-container">'
        '<div class="govuk-service-navigation__container">'
        '<nav aria-label="Menu" class="govuk-service-navigation__wrapper">'
        '<button type="button" class="govuk-service-navigation__toggle '
        'govuk-js-service-navigation-toggle" aria-controls="navigation" hidden aria-hidden="true">'
        'Menu</button><ul class="govuk-service-navigation__list" id="navigation">\n{}\n'
        '<li class="govuk-service-navigation__item app-service-navigation__account">{}</li>'
        "</ul></nav></div></div></section>",
        items,
        _account(request, addresses, here, namespace),
    )
