"""The shape of a ``portal-bundle/1`` file, as data the validator walks.

A field spec is one of the kinds below; ``REQUIRED`` marks fields that must be
present. The optional step ``requirement``, the taxonomy and ``restricted``
fields on news, the ``owner`` of organisations, routines and guidance, a
region's ``within``, an organisation's ``opening_hours``, the ``updates`` (change
notes) of routines and guidance, ``key:`` links in HTML and the top-level
``partners`` list are compatible extensions (docs/BUNDLE.md).
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
REGION = "region"  # one region key
OPENING_HOURS = "opening_hours"  # [{"days": "mon-fri", "opens": "08:00", "closes": "16:30"}]
UPDATES = "updates"  # change notes: [{"date": "2026-03-04", "text": {"sv": "..."}}]
PARTNER = "partner"  # a partner's key, or an organisation key that becomes a partner


def refs(collection):
    """A list of keys of ``collection`` (themes, regions, audiences, organisations)."""
    return ("refs", collection)


TAXONOMY_TERM = {"key": KEY, "name": TEXT}
# The partners an export names as owners, so that it imports into a fresh database.
PARTNER_ENTRY = {"key": KEY, "name": STRING}
TAXONOMY_LISTS = ("themes", "regions", "audiences")
# A region may lie within another (a county within the whole country).
TAXONOMY_TERMS = {
    "themes": TAXONOMY_TERM,
    "regions": {**TAXONOMY_TERM, "within": REGION},
    "audiences": TAXONOMY_TERM,
}
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
OPENING_HOURS_ROW = {"days": STRING, "opens": STRING, "closes": STRING}
UPDATE = {"date": DATE, "text": TEXT}

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
        "opening_hours": OPENING_HOURS,
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
        "updates": UPDATES,
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
        "updates": UPDATES,
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
    "opening_hours": ("days", "opens", "closes"),
    "update": ("date", "text"),
}
