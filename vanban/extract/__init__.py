"""Text to fields: the parts of a directive laid out by Nghị định 30/2020/NĐ-CP."""

from vanban.extract.directive import extract_directive

__all__ = ["extract_directive"]
