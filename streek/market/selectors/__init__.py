"""Reads of the market. Import from the modules: board, matches, threads, donations, digests, scans."""
