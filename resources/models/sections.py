"""The sections under the start page, each listing one kind of item."""

from wagtail.admin.panels import FieldPanel

from core.pages import IndexPage
from core.paging import paginate


class SectionPage(IndexPage):
    """A section that lists the one child model its ``subpage_types`` allows.

    ``listing_order`` orders the list and ends in ``pk``: titles repeat, and
    paging needs a total order. A section with filters overrides
    :meth:`listing`; every section renders ``resources/section_page.html``
    (or a ``listing_template`` that extends it).
    """

    listing_order = ("title", "pk")
    # Wagtail gives every page class its own default ``template``; sections share one.
    listing_template = "resources/section_page.html"

    content_panels = [*IndexPage.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    max_count = 1

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items, extra = self.listing(request)
        context.update(extra, items=paginate(request, items.order_by(*self.listing_order)))
        return context

    def get_template(self, request, *args, **kwargs):
        return self.listing_template

    @classmethod
    def listed_model(cls):
        return cls.allowed_subpage_models()[0]

    def listing(self, request):
        """The items the visitor may see, and what else the template needs (nothing here)."""
        return self.visible_children(request, self.listed_model()), {}
