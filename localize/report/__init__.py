"""Pages for people: the self-contained HTML review page (:mod:`localize.report.html`)."""
