"""Signals through which the apps take part in an edition's life without the core importing them.

The core (editions, outline, persons, agencies) sends; chronicle, stats, documents and the editorial
workflow receive. Receivers are connected in each app's AppConfig.ready().
"""
from django.dispatch import Signal

# Sent before an edition is published, with ``edition``. Each receiver returns a list of reasons, in
# the chief editor's words, why the edition may not be published yet; publishing is refused while any
# remain, unless the chief editor gives an override reason, which is recorded in the history.
publication_blockers = Signal()

# Sent when the chief editor is about to publish, with ``edition``. Each receiver returns a list of things
# worth a second look (an empty statistical table, a title still naming last year), in the chief editor's
# words; unlike blockers they do not stop publishing.
publication_warnings = Signal()

# Sent inside start_next_edition's transaction, with ``previous``, ``edition`` (the new draft), ``user``,
# ``reason`` (for the history) and ``options``: the start form's choices (``copy_tables``), ``sections``
# (each old section's id → its copy) and ``copy(model, objs)``, which bulk-creates records with their
# history. Each receiver copies what its app carries over and returns {label: count} for the summary.
edition_started = Signal()
