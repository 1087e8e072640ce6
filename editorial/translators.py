"""Who may translate which page into which language.

Translators (the groups ``Translators: it`` and so on, one per translation
language) keep a language of every partner's pages. They have no page
permission of Wagtail's at all: the edit, delete, move, copy, publish,
revision and bulk views refuse them as they refuse anyone without one, and
the translate view (``editorial.translate_views``) lets them change that
language's fields and nothing else, through the page's workflow.

Editors may translate the pages they may edit (their partner's), moderators
and administrators every page.
"""

from django.contrib.auth.models import Group

from core.i18n import translation_languages

TRANSLATOR_GROUP_PREFIX = "Translators: "


def translator_group_name(language):
    return f"{TRANSLATOR_GROUP_PREFIX}{language}"


def ensure_translator_groups():
    """One translators' group per translation language, able to open the admin.

    Migration ``editorial.0005`` runs this for the languages of its time;
    ``setup_portal`` runs it again so that a language added to the settings
    later gets its group.
    """
    from django.contrib.auth.models import Permission

    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    groups = []
    for language in translation_languages():
        group, _created = Group.objects.get_or_create(name=translator_group_name(language))
        group.permissions.add(access_admin)
        groups.append(group)
    return groups


def translator_languages(user):
    """The languages ``user`` translates as a member of a translators' group (cached)."""
    cached = getattr(user, "_editorial_translator_languages", None)
    if cached is None:
        cached = frozenset()
        if user.is_authenticated and user.is_active:
            names = set(user.groups.values_list("name", flat=True))
            cached = frozenset(
                code for code in translation_languages() if translator_group_name(code) in names
            )
        user._editorial_translator_languages = cached
    return cached


def may_translate(user, page, language):
    """True when ``user`` may change ``page``'s ``language`` fields in the translate view."""
    if language not in translation_languages() or not (user.is_authenticated and user.is_active):
        return False
    if not user.has_perm("wagtailadmin.access_admin"):
        return False
    if language in translator_languages(user):
        return True
    return page.permissions_for_user(user).can_edit()


def translatable_languages(user, page):
    """The translation languages ``user`` may translate ``page`` into, in settings order."""
    return [code for code in translation_languages() if may_translate(user, page, code)]
