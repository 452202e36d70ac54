"""Signed library bundles for staff machines, and the keys that sign them."""
