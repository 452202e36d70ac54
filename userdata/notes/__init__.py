"""Policy-interpretation notes (政策解读): store, anchoring to passages, search."""
