"""Editorial actions as plain functions, one module per action: what the admin's buttons do, usable from
tests and the shell.

- ``start_next``: start the next edition from the last, confirm carried-over appointments;
- ``publishing``: publish and unpublish (chief editors), and what must be done first;
- ``ordering``: numbering records within their parent;
- ``persons``: merge two readings of one person, split namesakes;
- ``corrections``: correct a record's text, keeping the printed text beside it;
- ``restore``: bring back a deleted record.

Every change goes through ``save()``/``delete()`` or the m2m managers, so django-simple-history records who
did it, when, what changed and why, and every step can be undone. Functions raise ``EditorialError`` with a
message meant for the editor.
"""
from yearbook.actions.base import EditorialError  # noqa: F401
