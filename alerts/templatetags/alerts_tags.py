"""``{% alert_signup %}``: the "Get e-mails about changes" form on followable pages."""

from django import template

from core.access import is_restricted

from ..follow import is_followable
from ..forms import SignupForm

register = template.Library()


@register.inclusion_tag("alerts/includes/signup.html", takes_context=True)
def alert_signup(context):
    page = context.get("page")
    if page is None or not is_followable(page):
        return {"show": False}
    user = context.get("request").user if context.get("request") else None
    restricted = is_restricted(page)
    own = user.email if restricted and user and user.is_authenticated else ""
    return {
        "show": not restricted or bool(own),
        "form": SignupForm(initial={"page": page.pk, "email": own}),
        "own_address": own,
        "page": page,
    }
