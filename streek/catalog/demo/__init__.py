"""The demo region (Haspengouw around Sint-Truiden and Hasselt, and Noord-Limburg around Venlo) for `demo_load`."""
