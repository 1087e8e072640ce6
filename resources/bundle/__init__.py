"""The content bundle (``portal-bundle/1``): validation and import."""
