"""The edit form in five languages: optional translations look optional, diffs are real."""

from wagtail.models import Revision

from .helpers import routine_form
from .test_translation_integrity import speaks


def test_only_the_source_title_looks_required(client, moderator, police_routine):
    """Only the Swedish title keeps "Page title*"; translated titles have no required look."""
    client.force_login(speaks(moderator, "en"))
    html = client.get(f"/admin/pages/{police_routine.pk}/edit/").text

    def title_input(language):
        start = html.index(f'id="id_title_{language}"')
        return html[html.rindex("<input", 0, start) : html.index(">", start)]

    assert 'placeholder="Page title*"' in title_input("sv")
    for language in ("en", "it", "el", "lv"):
        assert 'placeholder="Page title (optional)"' in title_input(language)


def test_edit_form_has_the_language_switch_not_the_stacked_picker(
    client, moderator, police_routine
):
    """The portal's one-language switch replaces the picker that stacked five languages."""
    client.force_login(moderator)
    html = client.get(f"/admin/pages/{police_routine.pk}/edit/").text
    assert "core/js/language_switch.js" in html
    assert 'id="portal-languages"' in html
    assert "language_toggles.js" not in html


def test_compare_lists_only_real_changes(client, moderator, police_routine):
    """Saving an Italian title lists that title, not every empty Greek, Latvian or step field."""
    client.force_login(moderator)
    first = police_routine.latest_revision
    client.post(
        f"/admin/pages/{police_routine.pk}/edit/",
        routine_form(police_routine, action="publish", title_it="Procedura", slug_it="procedura"),
    )
    second = Revision.page_revisions.filter(object_id=str(police_routine.pk)).latest("pk")
    response = client.get(
        f"/admin/pages/{police_routine.pk}/revisions/compare/{first.pk}...{second.pk}/"
    )
    changed = [comparison.field.name for comparison in response.context["comparison"]]
    assert set(changed) == {"title_it", "slug_it"}, changed
    assert ">None<" not in response.text
