"""What the restore drill compares, run inside the portal it checks.

``manage.py shell -c "from tests.operations.drill import edit; edit()"``
gives the demo content a history (published and draft revisions);
``... import fingerprint; fingerprint()`` prints, as JSON, everything a
restore must bring back: pages, revisions, documents (with a digest of each
stored file), users, groups, translation status and search answers.
"""

import hashlib
import json

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.models import GroupPagePermission, Page, PageViewRestriction, Revision

from editorial.models import TranslationStatus
from resources.models import RoutinePage

QUERIES = [
    ("människohandel", "sv"),
    ("tolk", "sv"),
    ("skyddat boende", "sv"),
    ("återvändande", "sv"),
    ("return", "en"),
]


def edit():
    """Publish a second revision of two routines and leave a draft on a third."""
    routines = list(RoutinePage.objects.live().order_by("pk")[:3])
    for routine in routines[:2]:
        routine.summary = f"{routine.summary} (reviewed)"
        routine.save_revision().publish()
    draft = routines[2]
    draft.title = f"{draft.title} (draft)"
    draft.save_revision()


def _digest(rows):
    return hashlib.sha256(json.dumps(rows, default=str).encode()).hexdigest()


def _searches(client):
    answers = {}
    for q, lang in QUERIES:
        answer = client.get("/api/search/", {"q": q, "lang": lang}).json()
        answers[f"{lang}:{q}"] = [
            answer["engine"],
            answer["total"],
            [r["key"] for r in answer["results"]],
        ]
    return answers


def fingerprint():
    documents = []
    for document in get_document_model().objects.order_by("pk"):
        with document.file.open("rb") as stored:
            documents.append(
                [document.pk, document.title, hashlib.sha256(stored.read()).hexdigest()]
            )
    users = [
        [user.username, user.email, user.password, user.is_staff, user.is_superuser]
        + [sorted(user.groups.values_list("name", flat=True))]
        for user in get_user_model().objects.order_by("username")
    ]
    groups = [
        [group.name, sorted(group.permissions.values_list("codename", flat=True))]
        for group in Group.objects.order_by("name")
    ]
    pages = list(
        Page.objects.order_by("pk").values_list(
            "pk", "path", "url_path", "title", "draft_title", "live", "latest_revision_id"
        )
    )
    revisions = list(
        Revision.objects.order_by("pk").values_list("pk", "object_id", "created_at", "content")
    )
    statuses = list(
        TranslationStatus.objects.order_by("page_id", "language").values_list(
            "page_id", "language", "state", "translated_at", "source_changed_at"
        )
    )
    anonymous = Client()
    professional = Client()
    professional.force_login(
        get_user_model().objects.filter(groups__name="Professionals").order_by("pk").first()
    )
    print(  # noqa: T201 - the drill reads it from stdout
        json.dumps(
            {
                "counts": {
                    "pages": len(pages),
                    "revisions": len(revisions),
                    "drafts": Page.objects.filter(has_unpublished_changes=True).count(),
                    "documents": len(documents),
                    "users": len(users),
                    "groups": len(groups),
                    "translation statuses": len(statuses),
                    "page permissions": GroupPagePermission.objects.count(),
                    "view restrictions": PageViewRestriction.objects.count(),
                },
                "pages": _digest(pages),
                "revisions": _digest(revisions),
                "documents": documents,
                "users": _digest(users),
                "groups": groups,
                "translation statuses": _digest(statuses),
                "search (anonymous)": _searches(anonymous),
                "search (professional)": _searches(professional),
            },
            default=str,
        )
    )
