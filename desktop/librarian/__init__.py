"""The librarian's work from the GUI: indexing runs, progress, failures."""
