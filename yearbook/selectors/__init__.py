"""Read queries of the reader's site, one module per kind of page.

Views call these functions and never touch the ORM themselves. Every function returns data with what its
page needs already joined or prefetched, so the number of queries per page is fixed and does not grow with
the data. Only published editions are public (drafts too for staff: see ``visibility``).
"""
