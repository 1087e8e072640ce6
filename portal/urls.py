"""URLs: language-prefixed pages, plus the admin, documents and sitemap."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.auth import views as auth_views
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from portal.accounts import PortalLogoutView
from portal.forms import PortalLoginForm
from portal.health import health
from resources.feeds import NewsFeed
from resources.restrictions import authenticate_document_with_password, authenticate_with_password
from search.urls import api_urlpatterns, page_urlpatterns

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    # Before Wagtail's own routes of the same name: see resources/restrictions.py.
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        authenticate_document_with_password,
        name="wagtaildocs_authenticate_with_password",
    ),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("health/", health, name="health"),
    *api_urlpatterns,
]

if settings.DEBUG:
    import re

    from django.contrib.staticfiles.urls import staticfiles_urlpatterns
    from django.urls import re_path

    from portal.media import serve_image

    urlpatterns += staticfiles_urlpatterns()
    # Images only: documents go through Wagtail's permission-checked view.
    media_prefix = re.escape(settings.MEDIA_URL.lstrip("/"))
    urlpatterns.append(re_path(rf"^{media_prefix}(?P<path>.*)$", serve_image))

urlpatterns += i18n_patterns(
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="portal/login.html", authentication_form=PortalLoginForm
        ),
        name="login",
    ),
    path("logout/", PortalLogoutView.as_view(), name="logout"),
    path("feed/", NewsFeed(), name="news_feed"),
    path("", include("alerts.urls")),
    *page_urlpatterns,
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
    path("", include(wagtail_urls)),
)
