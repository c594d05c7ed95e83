"""Rules per disclosure (``b1`` … ``c9``), report-level rules and schema-derived type/bound checks."""
