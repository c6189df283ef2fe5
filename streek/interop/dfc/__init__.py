"""Data Food Consortium (DFC 1.16) JSON-LD: offline loading, vocabulary, semantic ids, export and import."""
