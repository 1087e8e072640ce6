"""The shape of a ``portal-bundle/1`` file, as data the validator walks.

A field spec is one of the kinds below; ``REQUIRED`` marks fields that must be
present. The optional step ``requirement``, the taxonomy and ``restricted``
fields on news, the ``owner`` of organisations, routines and guidance and the
top-level ``partners`` list are compatible extensions (docs/BUNDLE.md).
"""

FORMAT = "portal-bundle/1"
KINDS = (
    "police",
    "prosecution",
    "social-services",
    "migration",
    "health",
    "ngo",
    "shelter",
    "hotline",
    "embassy",
    "research",
    "other",
)
REQUIREMENTS = ("must", "should")
KEY_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024

# Field kinds.
KEY = "key"
TEXT = "text"  # translated plain text
HTML = "html"  # translated HTML in the allowed subset
STRING = "string"
EMAIL = "email"
URL = "url"
BOOL = "bool"
DATE = "date"
STRINGS = "strings"
KIND = "kind"
REQUIREMENT = "requirement"
DOCUMENT = "document"
STEPS = "steps"
ORGANISATION = "organisation"  # one organisation key
PARTNER = "partner"  # a partner's key, or an organisation key that becomes a partner


def refs(collection):
    """A list of keys of ``collection`` (themes, regions, audiences, organisations)."""
    return ("refs", collection)


TAXONOMY_TERM = {"key": KEY, "name": TEXT}
# The partners an export names as owners, so that it imports into a fresh database.
PARTNER_ENTRY = {"key": KEY, "name": STRING}
TAXONOMY_LISTS = ("themes", "regions", "audiences")

TAGS = {"themes": refs("themes"), "regions": refs("regions"), "audiences": refs("audiences")}

ITEMS = {
    "organisations": {
        "key": KEY,
        "name": TEXT,
        "kind": KIND,
        "regions": refs("regions"),
        "phone": STRING,
        "email": EMAIL,
        "website": URL,
        "address": STRING,
        "open_24h": BOOL,
        "languages": STRINGS,
        "description": HTML,
        "restricted": BOOL,
        "verified_on": DATE,
        "owner": PARTNER,
    },
    "routines": {
        "key": KEY,
        "title": TEXT,
        "summary": TEXT,
        "steps": STEPS,
        **TAGS,
        "organisations": refs("organisations"),
        "restricted": BOOL,
        "last_reviewed": DATE,
        "owner": PARTNER,
    },
    "guidance": {
        "key": KEY,
        "title": TEXT,
        "summary": TEXT,
        "body": HTML,
        **TAGS,
        "published": DATE,
        "document": DOCUMENT,
        "restricted": BOOL,
        "owner": PARTNER,
    },
    "news": {
        "key": KEY,
        "title": TEXT,
        "summary": TEXT,
        "body": HTML,
        "date": DATE,
        **TAGS,
        "restricted": BOOL,
    },
}
STEP = {"title": TEXT, "body": HTML, "responsible": ORGANISATION, "requirement": REQUIREMENT}

REQUIRED = {
    "taxonomy": ("key", "name"),
    "partners": ("key", "name"),
    "organisations": ("key", "name"),
    "routines": ("key", "title"),
    "guidance": ("key", "title"),
    "news": ("key", "title"),
    "step": ("title",),
}
