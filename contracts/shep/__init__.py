"""The ShEP (e-government gateway) wire format: SyncChannel messages and the payload styles of ``data``.

The XSD and WSDL files beside this module are the contract; these modules read and write messages that
conform to it.
"""

from __future__ import annotations

from contracts.shep.payload import Payload, PayloadStyle, read_payload, write_payload
from contracts.shep.sync import (
    FAULT_DETAIL,
    KZ_TIME,
    SEND_MESSAGE,
    SEND_MESSAGE_RESPONSE,
    SUCCESS,
    ErrorInfo,
    Property,
    RequestInfo,
    ResponseInfo,
    Status,
    build_error_info,
    build_request,
    build_response,
    canonicalize,
    fault_error_info,
    new_session_id,
    read_error_info,
    read_request,
    read_response,
    xml_datetime,
)

__all__ = [
    "FAULT_DETAIL",
    "KZ_TIME",
    "SEND_MESSAGE",
    "SEND_MESSAGE_RESPONSE",
    "SUCCESS",
    "ErrorInfo",
    "Payload",
    "PayloadStyle",
    "Property",
    "RequestInfo",
    "ResponseInfo",
    "Status",
    "build_error_info",
    "build_request",
    "build_response",
    "canonicalize",
    "new_session_id",
    "fault_error_info",
    "read_error_info",
    "read_payload",
    "read_request",
    "read_response",
    "write_payload",
    "xml_datetime",
]
