from django.urls import path

from . import views

api_urlpatterns = [
    path("api/search/", views.search_api, name="search_api"),
    path("api/search/autocomplete/", views.autocomplete_api, name="search_autocomplete"),
    path("api/search/click/", views.click_api, name="search_click"),
]

page_urlpatterns = [
    path("search/", views.search_page, name="search"),
]
