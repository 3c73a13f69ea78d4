"""The conformance runner: a mock system's contract checked against a real implementation.

``qaqpa contract check --system NAME --url URL`` sends the system's golden requests
(``contracts/examples/requests/``), signed as the gateway signs its provider hop, to an information system's
SyncChannel endpoint, and checks what ShEP expects of a provider (shared/notes/protocols-shep-xroad.md §1):

- ``answer``: HTTP 200 and a SOAP 1.1 ``SendMessageResponse`` valid by the SyncChannel schema, status ``SCSS001``;
- ``payload``: ``responseData/data`` valid by the system's payload schema (``contracts/gbdfl/``, ``contracts/sim/``);
- ``signature``: the payload signed (enveloped) by a legal entity's SIGN certificate that verifies against the
  instance's CA, unexpired and unrevoked;
- ``answer time``: within the window the gateway waits for a provider;
- ``fault shape``: a request that breaks the payload schema, and one for a serviceId the system does not
  offer, answered with a SOAP Fault carrying ShEP's ``ErrorInfo``.

A failure names the request (serviceId, IIN), the check and, for a schema, the paths in the document. The
report is text for a person and JUnit XML for CI (:mod:`gateway.conformance._report`). :func:`json_drift`
names where the REST facade's OpenAPI and ``contracts/rest/openapi.json`` part ways.
"""

from gateway.conformance._drift import json_drift
from gateway.conformance._report import Finding, Report
from gateway.conformance._runner import SignaturePolicy, Target, check_system

__all__ = ["Finding", "Report", "SignaturePolicy", "Target", "check_system", "json_drift"]
