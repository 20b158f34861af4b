"""The change history of every content record (django-simple-history's historical tables).

Kept in an app of its own so that ``dumpdata yearbook chronicle stats documents`` (the edition fixture)
holds the edition and never its history.
"""
