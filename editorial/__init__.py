"""The editorial office's compilation workflow: contributing units (供稿单位), their assignments to sections,
manuscript intake from Word files, three review rounds (初审 → 复审 → 终审), annotations and the progress board.

The app depends on the core (yearbook) and takes part in an edition's life through the core's signals; the
core never imports it.
"""
