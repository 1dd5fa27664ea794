"""The nine Level II move categories of DESIGN §3, one module each (ids fixed), and
``tied_hands`` (own-side Level II, docs/strategies.md)."""
