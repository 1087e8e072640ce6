"""Tell a partner editor why a file of a published page was refused."""

from wagtail.admin import messages

from .files import refusal_message


class FileRefusalMessageMiddleware:
    """Adds the reason to Wagtail's "permission denied" redirect.

    The owner rule for files (:mod:`editorial.files`) is a permission policy,
    which answers yes or no without the request; when it refuses a partner
    editor a file that a published page uses, it notes the reason on the user,
    and this says whom to ask on the page the editor is sent to.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        message = refusal_message(user) if user is not None else None
        if message and response.status_code == 302:
            messages.warning(request, message)
        return response
