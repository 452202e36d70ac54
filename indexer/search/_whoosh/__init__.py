"""The only code that imports Whoosh: the index, its posting codec, numpy ranking and schema."""
