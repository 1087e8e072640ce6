"""Sign up, confirm, unsubscribe and one's own alerts page, all reached by signed links."""

from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.models import Page

from core.access import is_restricted
from core.security.ratelimit import rate_limited

from . import tokens
from .follow import is_followable, may_follow
from .forms import LanguageForm, SignupForm
from .mail import send_confirmation
from .models import Subscriber, Subscription


def _too_many(request, seconds):
    return render(request, "alerts/too_many.html", {"seconds": seconds})


def _bad_link(request):
    return render(request, "alerts/bad_link.html", status=404)


# No CSRF token: the form sits on pages the anonymous page cache serves, and
# all a forged sign-up can do is send a confirmation the owner ignores.
@csrf_exempt
@require_POST
@rate_limited("alerts-signup", "ALERTS_SIGNUP_RATE_LIMIT", _too_many)
def subscribe(request):
    """Record an unconfirmed subscription and send the confirmation link.

    The answer is the same whether the address was known, confirmed or new:
    the page never tells who follows what.
    """
    form = SignupForm(request.POST)
    page = None
    if form.is_valid():
        page = Page.objects.filter(pk=form.cleaned_data["page"]).live().first()
        page = page.specific if page else None
        if page is None or not is_followable(page) or not may_follow(page, request.user):
            form.add_error(None, _("This page cannot be followed."))
        elif is_restricted(page) and not _own_address(request.user, form.cleaned_data["email"]):
            form.add_error("email", _("Restricted pages are followed with your account's address."))
    if not form.is_valid():
        return render(request, "alerts/signup_error.html", {"form": form}, status=400)
    email = form.cleaned_data["email"].strip().lower()
    with transaction.atomic():
        subscriber, created = Subscriber.objects.get_or_create(
            email=email, defaults={"language": form.cleaned_data["language"]}
        )
        if _own_address(request.user, email) and subscriber.user_id != request.user.pk:
            subscriber.user = request.user
            subscriber.save(update_fields=["user"])
        subscription, _created = Subscription.objects.get_or_create(
            subscriber=subscriber, page=page
        )
    send_confirmation(subscription)
    context = {"page": page, "days": settings.ALERTS_CONFIRM_DAYS}
    return render(request, "alerts/check_inbox.html", context)


def _own_address(user, email):
    return bool(
        user.is_authenticated and user.email and user.email.strip().lower() == email.lower()
    )


def confirm(request, token):
    """The double opt-in's second step: from now on changes are sent."""
    try:
        subscriber, subscription = tokens.read(token, tokens.CONFIRM)
    except tokens.BadToken:
        return _bad_link(request)
    if subscription.confirmed_at is None:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
    return render(
        request,
        "alerts/confirmed.html",
        {
            "followed": subscription.page.specific,
            "manage_token": tokens.make(tokens.MANAGE, subscriber),
        },
    )


# POST without a CSRF token: mail clients unsubscribe with a bare POST (RFC 8058).
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """One click: the link's page has one button (link checkers only GET), mail clients POST."""
    try:
        subscriber, subscription = tokens.read(token, tokens.UNSUBSCRIBE)
    except tokens.BadToken:
        return _bad_link(request)
    followed = subscription.page.specific if subscription else None
    if request.method == "POST":
        if subscription is not None:
            subscription.delete()
        else:
            subscriber.subscriptions.all().delete()
        return render(
            request,
            "alerts/unsubscribed.html",
            {"followed": followed, "manage_token": tokens.make(tokens.MANAGE, subscriber)},
        )
    return render(request, "alerts/unsubscribe.html", {"followed": followed, "token": token})


@require_http_methods(["GET", "POST"])
def manage(request, token):
    """A subscriber's alerts: what is followed, the language, and deleting everything."""
    try:
        subscriber, _subscription = tokens.read(token, tokens.MANAGE)
    except tokens.BadToken:
        return _bad_link(request)
    form = LanguageForm(initial={"language": subscriber.language})
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "delete":
            subscriber.delete()
            return render(request, "alerts/deleted.html")
        if action == "language":
            form = LanguageForm(request.POST)
            if form.is_valid():
                subscriber.language = form.cleaned_data["language"]
                subscriber.save(update_fields=["language"])
                return redirect(request.path)
        elif action == "stop":
            subscriber.subscriptions.filter(pk=request.POST.get("subscription") or 0).delete()
            return redirect(request.path)
        else:
            raise Http404
    subscriptions = subscriber.subscriptions.select_related("page").order_by("created_at")
    return render(
        request,
        "alerts/manage.html",
        {
            "subscriber": subscriber,
            "subscriptions": [(s, s.page.specific) for s in subscriptions],
            "form": form,
        },
    )
