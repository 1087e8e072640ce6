"""The revision compare view, for fields translated into five languages.

A translation that was never written is ``None`` in one revision and ``""``
in the next once the form has saved it; Wagtail counts that as a change and
lists it (every empty Greek and Latvian field, a red "None" for every
untranslated step). Here an empty text is an empty text.
"""

from django.db import models
from wagtail.admin import compare
from wagtail.fields import RichTextField


class _EmptyIsEmpty:
    def __init__(self, field, obj_a, obj_b):
        super().__init__(field, obj_a, obj_b)
        self.val_a = self.val_a or ""
        self.val_b = self.val_b or ""


class TextComparison(_EmptyIsEmpty, compare.TextFieldComparison):
    pass


class RichTextComparison(_EmptyIsEmpty, compare.RichTextFieldComparison):
    pass


def register():
    compare.register_comparison_class(models.CharField, comparison_class=TextComparison)
    compare.register_comparison_class(models.TextField, comparison_class=TextComparison)
    compare.register_comparison_class(RichTextField, comparison_class=RichTextComparison)
