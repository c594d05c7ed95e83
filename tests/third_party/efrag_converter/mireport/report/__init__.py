from mireport.report.inlinereport import InlineReport

__all__ = ["InlineReport"]
