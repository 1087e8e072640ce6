"""The fixed tree comes up on a fresh database."""

from resources.site_tree import ensure_site_tree


def test_tree_is_created_once_and_served_in_every_language(client, tree):
    """The start page and four sections exist once, even when set up twice."""
    again = ensure_site_tree()
    assert again.home.pk == tree.home.pk
    assert tree.home.get_children().count() == 4
    for path in ["/sv/rutiner/", "/en/routines/", "/lv/proceduras/"]:
        assert client.get(path).status_code == 200, path
