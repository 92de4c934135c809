"""DRF's JSON parser, with one more bad input turned into a 400: JSON nested deeper than
Python's recursion limit (a few kilobytes of "[[[[…") raised RecursionError, which DRF does
not catch (only ValueError), and every JSON endpoint answered 500."""

from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(_("JSON parse error - nested too deeply.")) from None
