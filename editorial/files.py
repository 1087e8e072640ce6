"""The owner rule for documents and images, and the restricted collection.

A file belongs to the partner(s) owning the pages that use it (Wagtail's
``ReferenceIndex`` plus the pages' own foreign keys to files, such as a
guidance page's ``document``) or, while no page uses it, to the partner of
the editor who uploaded it. Partner editors may
upload, and may edit, replace, move or delete only their partner's files, never
one that a published page uses (the change would reach readers without
approval: moderators make it) and never one in the restricted collection.
Moderators (``manages_all_partners``) and superusers keep Wagtail's rules.

The rule lives in :class:`PartnerFilePermissionPolicy`, registered for the
document and image models in ``EditorialConfig.ready()`` with
``exact_class=True``. Every admin view (edit, replace, delete, usage, the
multiple-upload edit, the bulk actions, the listings, the choosers and the
admin API) asks ``wagtail.permissions.policy_registry`` for the model's policy
at request time, and an exact-class entry wins over the subclass entry that
``wagtail.documents``/``wagtail.images`` register in their own ``ready()``
(which runs after ours, as those apps come later in ``INSTALLED_APPS``). No
view, form or module-level object is patched.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import Collection, Page, ReferenceIndex
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy

from core.access import RESTRICTED_COLLECTION

from .permissions import manages_all_partners, partner_ids

# Up to this many pages, their document uses are read page by page; beyond, all at once.
FEW_PAGES = 500

CHANGES = {"change", "delete"}
_REFUSAL = "_editorial_file_refusal"

PUBLISHED_USE_MESSAGE = _(
    "A published page uses this file, so a change to it would reach readers without "
    "approval. Ask the moderators (the Moderators group) to change it, or upload a "
    "new file and choose it on your page."
)


def restricted_collections():
    """The restricted collection and its descendants (empty before the first import)."""
    root = Collection.get_first_root_node()
    if root is None:
        return Collection.objects.none()
    top = root.get_children().filter(name=RESTRICTED_COLLECTION).first()
    if top is None:
        return Collection.objects.none()
    return Collection.objects.descendant_of(top, inclusive=True)


def _page_uses(model, pks=None, pages=None):
    """``{file pk: {page pk, ...}}`` for the pages using files of ``model``.

    ``pks`` narrows it to those files, ``pages`` to the uses by those pages.
    """
    references = ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(model),
        base_content_type=ContentType.objects.get_for_model(Page),
    )
    if pks is not None:
        references = references.filter(to_object_id__in=[str(pk) for pk in pks])
    if pages is not None:
        references = references.filter(object_id__in=[str(pk) for pk in pages])
    uses = {}
    for file_pk, page_pk in references.values_list("to_object_id", "object_id"):
        uses.setdefault(int(file_pk), set()).add(int(page_pk))
    # The index may lag behind (drafts, imports without signals): a page's own
    # foreign key to the file (a guidance page's document) is certain.
    for page_model, field in _file_fields(model):
        using = page_model.objects.exclude(**{field: None})
        if pks is not None:
            using = using.filter(**{f"{field}__in": pks})
        if pages is not None:
            using = using.filter(pk__in=pages)
        for file_pk, page_pk in using.values_list(f"{field}_id", "pk"):
            uses.setdefault(file_pk, set()).add(page_pk)
    return uses


def _file_fields(model):
    """``(page model, field name)`` of every page foreign key to files of ``model``."""
    from wagtail.models import get_page_models

    return [
        (page_model, field.name)
        for page_model in get_page_models()
        if not page_model._meta.abstract
        for field in page_model._meta.concrete_fields
        if field.many_to_one and issubclass(model, field.related_model)
    ]


def _page_facts(page_pks):
    """``{page pk: (partner pk or None, live)}``."""
    from .permissions import owned_models

    facts = {
        pk: (None, live)
        for pk, live in Page.objects.filter(pk__in=page_pks).values_list("pk", "live")
    }
    for model in owned_models():
        for pk, partner in model.objects.filter(pk__in=page_pks).values_list("pk", "partner"):
            facts[pk] = (partner, facts.get(pk, (None, False))[1])
    return facts


def using_pages(file):
    """The pages that use ``file``."""
    pks = _page_uses(type(file), [file.pk]).get(file.pk, set())
    return Page.objects.filter(pk__in=pks)


def restricted_pages():
    """Pages under a view restriction (on themselves or an ancestor)."""
    from wagtail.models import PageViewRestriction

    condition = Q(pk__in=[])
    for restriction in PageViewRestriction.objects.select_related("page"):
        condition |= Q(path__startswith=restriction.page.path)
    return Page.objects.filter(condition)


def misplaced_documents(pages=None):
    """Documents that a restricted page uses but that live outside the restricted collection.

    ``pages`` narrows the check to those pages (a queryset or list of pks).
    """
    restricted = restricted_pages()
    if pages is not None:
        restricted = restricted.filter(pk__in=pages)
    return unguarded_documents(set(restricted.values_list("pk", flat=True)))


def unguarded_documents(restricted_pks):
    """Documents that the restricted pages ``restricted_pks`` use outside the restricted collection.

    A few pages (one publish, one restriction) read only their own uses: a
    publish must not read every document use of the site.
    """
    from wagtail.documents import get_document_model

    Document = get_document_model()
    if not restricted_pks:
        return Document.objects.none()
    own = restricted_pks if len(restricted_pks) <= FEW_PAGES else None
    uses = _page_uses(Document, pages=own)
    used = [pk for pk, users in uses.items() if users & restricted_pks]
    return Document.objects.filter(pk__in=used).exclude(collection__in=restricted_collections())


def secure_documents(documents):
    """Move ``documents`` into the restricted collection; returns how many moved."""
    from core.access import document_collection

    documents = list(documents)
    # Nearly every publish has none to move: then the collection is not looked up (six queries).
    if documents:
        collection = document_collection(True)
        for document in documents:
            document.collection = collection
            document.save(update_fields=["collection"])
    return len(documents)


class PartnerFilePermissionPolicy(CollectionOwnershipPermissionPolicy):
    """Wagtail's collection ownership policy, with the partner owner rule on top."""

    def _unbound(self, user):
        return manages_all_partners(user)

    def refusal(self, user, instance):
        """Why a partner editor may not change ``instance``, or None when they may."""
        if restricted_collections().filter(pk=instance.collection_id).exists():
            return "restricted"
        mine = partner_ids(user)
        pages = _page_uses(type(instance), [instance.pk]).get(instance.pk)
        if not pages:
            uploader = getattr(instance, self.owner_field_name)
            if uploader is not None and mine & partner_ids(uploader):
                return None
            return "owner"
        facts = _page_facts(pages)
        if any(partner is None or partner not in mine for partner, _live in facts.values()):
            return "owner"
        if any(live for _partner, live in facts.values()):
            return "published"
        return None

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if self._unbound(user) or not set(actions) & CHANGES:
            if not self._unbound(user) and "choose" in actions:
                return self._may_choose(user, instance)
            return super().user_has_any_permission_for_instance(user, actions, instance)
        # A partner editor's collection rights stand for their partner's files.
        if not self._check_perm(user, ["add", "change"], collection=instance.collection):
            return False
        reason = self.refusal(user, instance)
        if reason == "published":
            setattr(user, _REFUSAL, PUBLISHED_USE_MESSAGE)
        return reason is None

    def _may_choose(self, user, instance):
        """Public files of any partner may be linked; restricted ones only by their owner."""
        if not super().user_has_any_permission_for_instance(user, ["choose"], instance):
            return False
        if not restricted_collections().filter(pk=instance.collection_id).exists():
            return True
        return self._own(user, instance)

    def _own(self, user, instance):
        pages = _page_uses(type(instance), [instance.pk]).get(instance.pk)
        mine = partner_ids(user)
        if not pages:
            uploader = getattr(instance, self.owner_field_name)
            return bool(uploader is not None and mine & partner_ids(uploader))
        return all(partner in mine for partner, _live in _page_facts(pages).values())

    def _owned_pks(self, user, queryset, changeable):
        """The pks in ``queryset`` of files owned by ``user``'s partners.

        With ``changeable``, files a published page uses are left out.
        """
        mine = partner_ids(user)
        uses = _page_uses(self.model)
        facts = _page_facts({pk for pages in uses.values() for pk in pages})
        allowed = set()
        for file_pk, pages in uses.items():
            owners = [facts.get(pk, (None, False)) for pk in pages]
            if all(partner in mine for partner, _live in owners) and not (
                changeable and any(live for _partner, live in owners)
            ):
                allowed.add(file_pk)
        unused = queryset.exclude(pk__in=list(uses)).filter(
            **{f"{self.owner_field_name}__groups__partner__in": mine}
        )
        allowed.update(unused.values_list("pk", flat=True))
        return allowed

    def instances_user_has_any_permission_for(self, user, actions):
        if self._unbound(user) or not user.is_authenticated:
            return super().instances_user_has_any_permission_for(user, actions)
        files = self.model._default_manager.none()
        if set(actions) & CHANGES:
            candidates = self.model._default_manager.filter(
                collection__in=self._collections_with_perm(user, ["add", "change"])
            ).exclude(collection__in=restricted_collections())
            files |= candidates.filter(pk__in=self._owned_pks(user, candidates, True))
        if "choose" in actions:
            choosable = super().instances_user_has_any_permission_for(user, ["choose"])
            restricted = choosable.filter(collection__in=restricted_collections())
            files |= choosable.exclude(collection__in=restricted_collections())
            files |= restricted.filter(pk__in=self._owned_pks(user, restricted, False))
        return files

    def collections_user_has_any_permission_for(self, user, actions):
        collections = super().collections_user_has_any_permission_for(user, actions)
        if self._unbound(user) or not set(actions) & {"add", *CHANGES}:
            return collections
        # Only moderators put files into (or take them out of) the restricted collection.
        return collections.exclude(pk__in=restricted_collections())

    def users_with_any_permission_for_instance(self, actions, instance):
        users = super().users_with_any_permission_for_instance(actions, instance)
        if not set(actions) & CHANGES:
            return users
        return users.filter(_unbound_users())


def _unbound_users():
    from .permissions import _codename

    return (
        Q(is_superuser=True)
        | Q(groups__permissions__codename=_codename())
        | Q(user_permissions__codename=_codename())
    )


def refusal_message(user):
    """The message recorded when a partner editor was refused a published page's file."""
    return getattr(user, _REFUSAL, None)


def register_policies():
    """Put the owner rule in front of Wagtail's document and image policies."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.permissions import register_permission_policy

    register_permission_policy(
        get_document_model(),
        PartnerFilePermissionPolicy(
            get_document_model(),
            auth_model="wagtaildocs.Document",
            owner_field_name="uploaded_by_user",
        ),
        exact_class=True,
    )
    register_permission_policy(
        get_image_model(),
        PartnerFilePermissionPolicy(
            get_image_model(),
            auth_model="wagtailimages.Image",
            owner_field_name="uploaded_by_user",
        ),
        exact_class=True,
    )


__all__ = [
    "PUBLISHED_USE_MESSAGE",
    "PartnerFilePermissionPolicy",
    "misplaced_documents",
    "refusal_message",
    "register_policies",
    "restricted_collections",
    "restricted_pages",
    "secure_documents",
    "unguarded_documents",
    "using_pages",
]
