"""vanban: Vietnamese government directives to structured task records.

The public API is small::

    from vanban import process
    record = process("cong-van.pdf")      # -> vanban.models.Directive
    print(record.model_dump_json(indent=2))
"""

__version__ = "0.1.0"

from vanban.api import Options, process, process_document, process_text

__all__ = ["Options", "__version__", "process", "process_document", "process_text"]
