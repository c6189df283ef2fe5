"""Writes of the market. Import from the modules: posts, matches, threads, donations, digests, scans."""
