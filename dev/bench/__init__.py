"""The benchmark harness (`make bench`): a synthetic corpus, a fast loader and the scenarios."""
