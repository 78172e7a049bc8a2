"""The one base class of the errors trm-intent raises for problems a user can act on.

``DataError`` (a data file), ``ModelError`` (a model directory or checkpoint) and ``ExportError``
(an export refused or failing verification) derive from it, so a caller (the command line
included) catches one class; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations


class TrmIntentError(Exception):
    """A problem with the user's input, files or request, with a message that names it."""
