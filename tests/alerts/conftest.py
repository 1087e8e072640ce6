import pytest
from django.core import mail


@pytest.fixture(autouse=True)
def empty_outbox():
    mail.outbox.clear()
