"""PostgreSQL full-text search over articles and comments, with facets and suggestions."""
