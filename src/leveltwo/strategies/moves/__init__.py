"""The nine Level II move categories of docs/strategies.md, one module each (ids fixed), and
``tied_hands`` (own-side Level II, docs/strategies.md)."""
