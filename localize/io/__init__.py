"""Reading posts from JSONL, CSV and plain text, and writing results safely."""

from localize.io.readers import FORMATS, Record, Reject, detect_format, read_records
from localize.io.writers import OutputWriter, RejectWriter, post_to_json

__all__ = [
    "FORMATS",
    "OutputWriter",
    "Record",
    "Reject",
    "RejectWriter",
    "detect_format",
    "post_to_json",
    "read_records",
]
