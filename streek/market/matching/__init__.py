"""The matching engine: candidates by product family and a spatial grid, vectorised scoring, top K per post.

See docs/adr/0006-matching-engine.md. Services call `engine.match_post` (incremental) and commands call
`engine.rematch_all` (full); nothing else writes matches' scores.
"""
