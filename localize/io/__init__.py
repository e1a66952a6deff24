"""Posts in and results out: the format registry (:mod:`localize.io.formats`), streaming readers
and writers that lose nothing."""

from localize.io.formats import FORMATS, Format, input_format, output_format
from localize.io.readers import Record, Reject, read_records
from localize.io.writers import OutputWriter, RejectWriter, post_to_json

__all__ = [
    "FORMATS",
    "Format",
    "OutputWriter",
    "Record",
    "Reject",
    "RejectWriter",
    "input_format",
    "output_format",
    "post_to_json",
    "read_records",
]
