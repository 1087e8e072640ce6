"""The sign-up form shown on followable pages, and the language choice on one's alerts page."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.i18n import current_language


class SignupForm(forms.Form):
    email = forms.EmailField(label=_("Your e-mail address"), max_length=254)
    language = forms.ChoiceField(label=_("Language of the e-mails"), choices=settings.LANGUAGES)
    page = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("language", current_language())
        super().__init__(*args, **kwargs)


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of the e-mails"), choices=settings.LANGUAGES)
