"""Empty on purpose: the historical models are declared by ``HistoricalRecords(app="edit_history")``
on each content model (yearbook, chronicle, stats, documents)."""
