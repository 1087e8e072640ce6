"""The translate view: a page's Swedish text beside one language's editable fields.

It changes only that language's fields of the page's latest revision (its
children's included), saves a new revision and, on "Submit to moderators",
sends it through the page's workflow as the edit view does. Who may open it
is ``editorial.translators.may_translate``.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.models import Page, WorkflowState

from core.i18n import localized, source_language, translation_languages

from .translate import TranslationForms, stale_keys
from .translators import may_translate

ACTIONS = ("save", "submit")


def translate_url(page, language):
    return reverse("editorial_translate", args=[page.pk, language])


def translate_view(request, page_id, language):
    if language not in translation_languages():
        raise Http404
    page = get_object_or_404(Page, pk=page_id).specific
    if not may_translate(request.user, page, language):
        raise PermissionDenied
    revision = page.get_latest_revision_as_object()
    lock = page.get_lock()
    locked = bool(lock and lock.for_user(request.user))
    workflow_state = page.current_workflow_state

    if request.method == "POST":
        if locked:
            raise PermissionDenied
        forms = TranslationForms(revision, language, request.POST)
        if forms.is_valid():
            copy = request.POST.get("copy")
            if copy:
                forms.copy_source(copy)
                forms = forms.unbound()
            else:
                action = "submit" if "action-submit" in request.POST else "save"
                response = _save(request, page, revision, forms, action, workflow_state)
                if response is not None:
                    return response
    else:
        forms = TranslationForms(revision, language)

    language_name = get_language_info(language)["name_translated"]
    source_name = get_language_info(source_language())["name_translated"]
    return TemplateResponse(
        request,
        "editorial/translate.html",
        {
            "page": page,
            "revision_page": revision,
            "language": language,
            "source_language": source_language(),
            "language_name": language_name,
            "source_name": source_name,
            "parts": forms.groups(stale_keys(page, language)),
            "media": forms.media,
            "locked": locked,
            "lock": lock,
            "workflow_state": workflow_state,
            "can_submit": _can_submit(workflow_state),
            "rejection": _rejection(workflow_state),
            "edit_url": (
                reverse("wagtailadmin_pages:edit", args=[page.pk])
                if page.permissions_for_user(request.user).can_edit()
                else None
            ),
            "header_title": _("Translate into %(language)s") % {"language": language_name},
        },
    )


def _can_submit(workflow_state):
    """A page already waiting for a moderator is not submitted twice."""
    return workflow_state is None or workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES


def _rejection(workflow_state):
    """The moderator's comment when the last submission was sent back."""
    if workflow_state is None or workflow_state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return ""
    task_state = workflow_state.current_task_state
    return task_state.get_comment() if task_state else ""


def _save(request, page, revision, forms, action, workflow_state):
    """Save the translation as a new revision (and submit it); None when the page is invalid."""
    language = forms.language
    _fill_slug(revision, language)
    try:
        with transaction.atomic():
            if not page.live:
                # A draft page keeps its text in its row, as the edit view saves it.
                revision.save()
            revision.save_revision(user=request.user, log_action=True)
            if action == "submit":
                if not _can_submit(workflow_state):
                    raise PermissionDenied
                if workflow_state is not None:
                    workflow_state.resume(request.user)
                else:
                    revision.get_workflow().start(revision, request.user)
    except ValidationError as error:
        for message in forms.add_model_errors(error):
            messages.error(request, message)
        messages.error(request, _("The translation could not be saved: see the fields below."))
        return None
    title = page.get_admin_display_title()
    if action == "submit":
        messages.success(
            request,
            _("The translation of “%(title)s” has been submitted to the moderators.")
            % {"title": title},
        )
    else:
        messages.success(
            request, _("The translation of “%(title)s” is saved as a draft.") % {"title": title}
        )
    return redirect(translate_url(page, language))


def _fill_slug(page, language):
    """A translated title without a slug of its own gets one, as the edit form would."""
    slug_field = localized("slug", language)
    title = getattr(page, localized("title", language), "")
    if title and hasattr(page, slug_field) and not getattr(page, slug_field):
        setattr(page, slug_field, slugify(title, allow_unicode=True))
