"""The user's own data, apart from any library and free of Qt: notes, digests, their database."""
