"""The reader: the rendered page and the extracted text, with hits and notes marked."""
