"""Admin form data for routines, as the edit view posts it."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text


def routine_form(page, action=None, notes=(), **overrides):
    """The edit form of ``page`` with its current texts, ``overrides`` applied.

    ``action`` is the button: "publish", "submit", or None to save a draft.
    ``notes`` are change notes as ``(date, Swedish text)`` pairs.
    """
    data = {
        "title_sv": page.title_sv,
        "slug_sv": page.slug_sv,
        "summary_sv": page.summary_sv or "",
        "last_reviewed": page.last_reviewed.isoformat(),
        "partner": page.partner_id or "",
        "steps": inline_formset(
            [
                {
                    "id": step.pk,
                    "title_sv": step.title_sv,
                    "body_sv": rich_text(step.body_sv or ""),
                    "requirement": step.requirement,
                }
                for step in page.steps.all()
            ],
            initial=page.steps.count(),
        ),
        "change_notes": inline_formset([{"date": date, "text_sv": text} for date, text in notes]),
    }
    for language in ("en", "it", "el", "lv"):
        for field in ("title", "slug", "summary"):
            value = getattr(page, f"{field}_{language}")
            if value:
                data[f"{field}_{language}"] = value
    data.update(overrides)
    if action:
        data[f"action-{action}"] = action
    return nested_form_data(data)
