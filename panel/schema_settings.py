"""The OpenAPI schema's settings (drf-spectacular), imported by panel.settings.

The schema is OpenAPI 3.1, whose schemas are JSON Schema: a nullable field is
``type: [..., "null"]`` or a ``oneOf`` with the null type, which validators and code
generators read as optional. OpenAPI 3.0's ``nullable: true`` beside an ``allOf`` is not
nullable to them: models generated from it refused real responses.
"""

# The licence of everything the API serves (and the bulk download).
LICENCE = {
    "name": "Open Government Licence v3.0",
    "url": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
}

# One per resource (meetings.api.PanelAutoSchema.get_tags: the path's third segment). Tags
# no operation uses are left out of the schema (postprocess), so a resource can be listed
# here before its endpoint exists.
TAGS = [
    {
        "name": "organizations",
        "description": "Bodies whose meetings the record covers: the Panel, its boards and "
        "committees (Popolo organizations).",
    },
    {
        "name": "people",
        "description": "People named in the record, with the other spellings of their names "
        "(Popolo persons).",
    },
    {"name": "memberships", "description": "Who sat on which body, in which role, and when."},
    {
        "name": "events",
        "description": "Meetings, with their agenda, attendance, declarations and motions; "
        "also as CSV and iCalendar.",
    },
    {"name": "motions", "description": "Resolutions and motions decided at meetings."},
    {
        "name": "work-programme",
        "description": "What each body plans to consider, by meeting.",
    },
    {
        "name": "actions",
        "description": "The action log: actions arising from meetings, tracked to sign-off. "
        "Reads are public (restricted actions for members and staff only); the workflow "
        "steps need a token.",
    },
    {
        "name": "minutes",
        "description": "The minutes' lifecycle, for democratic services staff only: drafts, "
        "publication, confirmation and corrections.",
    },
    {
        "name": "deletions",
        "description": "What left the public record, and when: with `?updated_since=` on "
        "each list, what a mirror needs to stay exact.",
    },
    {"name": "bulk", "description": "The whole public record as one download."},
]


# What re-users need to know beyond each operation: sync, bulk, caching, limits, CORS, errors.
USING_THE_API = (
    "**Keeping a copy.** Every resource has `updated_at`; every list takes "
    "`?updated_since=<time>`, and `/api/v1/deletions/?since=<time>` lists what to drop (rows "
    "deleted, and rows you can no longer see). The whole public record is one archive at "
    "`/api/bulk/record.zip` (JSON Lines and CSV per resource, with a datapackage.json), "
    "described at `/api/bulk/`; start syncing from its `generated_at`.\n\n"
    "**Caching.** Every public GET carries an ETag and Last-Modified: send If-None-Match (or "
    "If-Modified-Since) and an unchanged answer is 304 with no body. Anonymous answers are "
    "`Cache-Control: public, max-age=60` for browsers, and shared caches must revalidate; "
    "answers to a token or a signed-in session are `private, no-store`.\n\n"
    "**Limits.** Clients without a token may make 120 requests a minute per address (IPv6: "
    "per /64), unless the site sets another limit; answers from the site's cache are not "
    "counted. Past the limit the answer is 429 with Retry-After (seconds). Token clients are "
    "not limited.\n\n"
    "**CORS.** Browser apps on any site may GET and HEAD the API anonymously "
    "(`Access-Control-Allow-Origin: *`, no credentials); tokens and writes are not allowed "
    "across origins.\n\n"
    "**Errors.** Every error is `application/problem+json` (RFC 9457): type, title, status, "
    "detail, instance, plus `code` and, for invalid input, `errors` naming each parameter or "
    "field. A path without its trailing slash redirects to it; a format an endpoint does not "
    "offer is 406.\n\n"
    "**Vocabulary.** Resources carry Open Civic Data identifiers (`ocd_id`) and Popolo terms "
    "beside our own: `ocd_result` (pass/fail), `ocd_status`, per-member `votes`, `documents`, "
    "`media` and `sources`. The project's docs/open-data.md maps every field.\n\n"
    "The record is published under the Open Government Licence v3.0."
)


def api_settings(api_token_days):
    """How to authenticate (API_AUTHENTICATION) and drf-spectacular's SPECTACULAR_SETTINGS."""
    API_AUTHENTICATION = (
        "Public material needs no credentials. Democratic services staff sign in and make a "
        f"personal API token at /accounts/tokens/ (shown once; it expires after {api_token_days} "
        "days), then send it with every request as the header `Authorization: Bearer <token>` "
        "(`Authorization: Token <token>` works too). Changes made with a token are recorded as "
        "made by the token's owner."
    )
    SPECTACULAR_SETTINGS = {
        "TITLE": "Police and Crime Panel open data API",
        "DESCRIPTION": (
            "The Panel's public record (bodies, people, memberships, meetings, agenda items, "
            "resolutions, work programme) and its action log. Anonymous clients receive only "
            "published, non-exempt material.\n\n" + API_AUTHENTICATION + "\n\n" + USING_THE_API
        ),
        "VERSION": "1.0.0",
        "OAS_VERSION": "3.1.0",
        "COMPONENT_SPLIT_REQUEST": True,
        "LICENSE": LICENCE,
        "TAGS": TAGS,
        "SERVE_INCLUDE_SCHEMA": False,
        "SWAGGER_UI_DIST": "SIDECAR",
        "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
        "POSTPROCESSING_HOOKS": [
            "drf_spectacular.hooks.postprocess_schema_enums",
            "panel.schema_settings.postprocess",
        ],
    }
    return API_AUTHENTICATION, SPECTACULAR_SETTINGS


def postprocess(result, generator, request, public):
    """What the settings cannot say: the site's address, and the tags in use.

    Also puts right the two things DRF's cursor pagination writes into each page's schema
    for OpenAPI 3.0: ``nullable`` (not a keyword in 3.1) and an example link that is not a
    URL (it ends in a stray quote).
    """
    from django.conf import settings

    result["servers"] = [{"url": settings.SITE_URL, "description": settings.SITE_NAME}]
    result["info"]["contact"] = {
        "name": f"{settings.SITE_NAME} democratic services",
        "url": f"{settings.SITE_URL}/",
    }
    used = {
        tag
        for operations in result["paths"].values()
        for operation in operations.values()
        for tag in operation.get("tags", ())
    }
    result["tags"] = [tag for tag in result.get("tags", ()) if tag["name"] in used]
    _page_link_examples(result, settings.SITE_URL)
    _links_to_rows(result)
    _null_types(result)
    _no_null_characters(result)
    return result


def _page_link_examples(result, site_url):
    """Each list's ``next``/``previous`` example: a link to that list's next page."""
    schemas = result.get("components", {}).get("schemas", {})
    for path, operations in result["paths"].items():
        content = operations.get("get", {}).get("responses", {}).get("200", {}).get("content")
        ref = (content or {}).get("application/json", {}).get("schema", {}).get("$ref", "")
        page = schemas.get(ref.rsplit("/", 1)[-1], {}).get("properties", {})
        for link in ("next", "previous"):
            if "example" in page.get(link, {}):
                page[link]["example"] = f"{site_url}{path}?cursor=cD0yMDIz"


def _links_to_rows(result):
    """OpenAPI links from what names a row to the row: a page's first row, and the row a
    write answers with. Clients (and schemathesis's stateful run) follow them."""
    paths = result["paths"]
    for path, operations in paths.items():
        resource = "/".join(path.split("/")[:4]) + "/"  # /api/v1/<resource>/
        detail = paths.get(f"{resource}{{id}}/", {}).get("get")
        if detail is None:
            continue
        if path == resource and "get" in operations:
            _link(
                operations["get"],
                "200",
                detail,
                "$response.body#/results/0/id",
                "The page's first row.",
            )
        if "post" in operations:
            for code in ("200", "201"):
                _link(
                    operations["post"],
                    code,
                    detail,
                    "$response.body#/id",
                    "The row it answered with.",
                )


def _link(operation, code, detail, id_from, description):
    response = operation.get("responses", {}).get(code)
    if response is not None and "content" in response:
        response.setdefault("links", {})["row"] = {
            "operationId": detail["operationId"],
            "parameters": {"id": id_from},
            "description": description,
        }


def _null_types(node):
    """``nullable: true`` (OpenAPI 3.0) as 3.1's null type, wherever it is left."""
    if isinstance(node, list):
        for item in node:
            _null_types(item)
        return
    if not isinstance(node, dict):
        return
    if node.get("nullable") is True and isinstance(node.get("type"), str):
        del node["nullable"]
        node["type"] = [node["type"], "null"]
    for value in node.values():
        _null_types(value)


# Django refuses the null character in any text it is given (ProhibitNullCharactersValidator:
# PostgreSQL cannot store it), in forms, filters and serializers alike.
NO_NULL_CHARACTER = r"^[^\x00]*$"


def _no_null_characters(result):
    """Say so on every free-text input: each query parameter and request body's string."""
    for operations in result["paths"].values():
        for operation in operations.values():
            for parameter in operation.get("parameters", ()):
                if parameter["in"] == "query":
                    _free_text(parameter.get("schema", {}))
    for name, schema in result.get("components", {}).get("schemas", {}).items():
        if name.endswith("Request"):  # COMPONENT_SPLIT_REQUEST's request bodies
            _free_text(schema)


def _free_text(node):
    if isinstance(node, list):
        for item in node:
            _free_text(item)
    elif isinstance(node, dict):
        types = node.get("type")
        text = types == "string" or (isinstance(types, list) and "string" in types)
        if text and not {"enum", "format", "pattern"} & set(node):
            node["pattern"] = NO_NULL_CHARACTER
        for value in node.values():
            _free_text(value)
