"""The edXML message header of QCVN 102:2016 (the state's document-exchange format).

One `edXML:edXMLEnvelope` per document holding its `MessageHeader`, filled from the
record: who issued it, its number split into CodeNumber ("126") and CodeNotation
("KH-UBND"), place and date of promulgation, type, subject, signer, addressees, the
urgency mark as Priority, and the earliest task deadline as DueDate. Fields the
record does not have are left out, except the few the standard makes mandatory,
which are written empty. Document bodies and attachments are not part of it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from vanban.models import Directive

NAMESPACE = "http://www.mic.gov.vn/TBT/QCVN_102_2016"
_P = f"{{{NAMESPACE}}}"
ET.register_namespace("edXML", NAMESPACE)

# OtherInfo/Priority of QCVN 102:2016: 0 thường, 1 khẩn, 2 thượng khẩn, 3 hỏa tốc
PRIORITY = {None: "0", "Khẩn": "1", "Thượng khẩn": "2", "Hỏa tốc": "3"}
# DocumentType/Type: 1 văn bản quy phạm pháp luật, 2 văn bản hành chính
_LEGAL_TYPES = {"luật", "nghị định", "thông tư", "nghị quyết"}
_NUMBER = re.compile(r"^\s*(\d*)\s*/\s*(.+?)\s*$")


def split_number(number: str | None) -> tuple[str, str]:
    """'12/KH-UBND' → ('12', 'KH-UBND'); '05/2020/CT-BNV' → ('05', '2020/CT-BNV')."""
    if not number:
        return "", ""
    match = _NUMBER.match(number)
    if not match:
        return "", number.strip()
    return match.group(1), match.group(2)


def _date(value: object) -> str:
    return value.strftime("%Y/%m/%d") if value else ""  # type: ignore[attr-defined]


def _add(parent: ET.Element, name: str, text: str | None = None) -> ET.Element:
    element = ET.SubElement(parent, _P + name)
    if text is not None:
        element.text = text
    return element


def message_header(record: Directive) -> ET.Element:
    envelope = ET.Element(_P + "edXMLEnvelope")
    header = _add(_add(envelope, "edXMLHeader"), "MessageHeader")
    sender = _add(header, "From")
    _add(sender, "OrganId", "")  # the national organ code: not printed on the letter
    _add(sender, "OrganName", record.issuer.name if record.issuer else "")
    code_number, code_notation = split_number(record.number)
    code = _add(header, "Code")
    _add(code, "CodeNumber", code_number)
    _add(code, "CodeNotation", code_notation)
    promulgation = _add(header, "PromulgationInfo")
    _add(promulgation, "Place", record.place or "")
    _add(promulgation, "PromulgationDate", _date(record.date))
    kind = _add(header, "DocumentType")
    legal = (record.doc_type or "").lower() in _LEGAL_TYPES
    _add(kind, "Type", "1" if legal else "2")
    _add(kind, "TypeName", record.doc_type or "")
    _add(header, "Subject", record.subject or "")
    signer = record.signer
    if signer and (signer.name or signer.position):
        info = _add(header, "SignerInfo")
        competence = " ".join(p for p in (signer.authority, signer.on_behalf_of) if p)
        _add(info, "Competence", competence)
        _add(info, "Position", signer.position or "")
        _add(info, "FullName", signer.name or "")
    dues = [t.deadline.date for t in record.tasks if t.deadline and t.deadline.date]
    if dues:
        _add(header, "DueDate", _date(min(dues)))
    if record.addressees:
        places = _add(header, "ToPlaces")
        for addressee in record.addressees:
            _add(places, "Place", addressee.name)
    other = _add(header, "OtherInfo")
    _add(other, "Priority", PRIORITY.get(record.urgency, "0"))
    if record.provenance.pages:
        _add(other, "PageAmount", str(len(record.provenance.pages)))
    return envelope


def to_edxml(record: Directive) -> bytes:
    envelope = message_header(record)
    ET.indent(envelope)
    return ET.tostring(envelope, encoding="utf-8", xml_declaration=True) + b"\n"
