"""Search: one door (archive.search.engine.run_search) onto a derived, rebuildable index."""
