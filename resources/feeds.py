"""The Atom feed of news, one per language; public items only."""

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.access import visible_pages
from resources.models import NewsPage

FEED_LENGTH = 30


class NewsFeed(Feed):
    feed_type = Atom1Feed
    title = _("E-portal: news")
    subtitle = _("News from the cooperation against human trafficking")

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def link(self):
        return self.request.build_absolute_uri("/")

    def items(self):
        # A feed is read by anyone who has its URL: anonymous visibility only.
        return visible_pages(NewsPage.objects.all(), AnonymousUser()).order_by("-date")[
            :FEED_LENGTH
        ]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        """The news date as the feed's language writes it, then the summary."""
        return (
            f"{date_format(item.date)}: {item.summary}" if item.summary else date_format(item.date)
        )

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at
