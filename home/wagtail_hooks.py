"""The start page is the root of the site tree that the domain apps build under."""

from wagtail import hooks

from core.site import START_PAGE_HOOK

from .site import ensure_home_page

hooks.register(START_PAGE_HOOK, ensure_home_page)
