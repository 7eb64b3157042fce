"""Demo and benchmark data: the seed reports, and a generated city of realistic size."""
