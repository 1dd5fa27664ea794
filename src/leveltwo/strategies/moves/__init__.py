"""The nine Level II move categories, one module each (ids fixed by DESIGN §3)."""
