from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PageCacheConfig(AppConfig):
    name = "core.pagecache"
    label = "pagecache"
    verbose_name = _("Page cache")

    def ready(self):
        from . import signals

        signals.connect()
