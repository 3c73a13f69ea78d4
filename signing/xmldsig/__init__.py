"""XML signatures in the two shapes Kazakh e-government uses.

- :mod:`signing.xmldsig.enveloped`: the business signature of Kalkan/NCANode (enveloped ``ds:Signature``
  appended to the document, ``URI=""``, C14N with comments), shared/notes/signing-kz-pki-xmldsig.md §1.4;
- :mod:`signing.xmldsig.wssecurity`: ShEP's transport signature (WS-Security over ``soap:Body/@wsu:Id``,
  exclusive C14N, the certificate in a ``KeyIdentifier``), shared/notes/protocols-shep-xroad.md §1.7.
"""

from __future__ import annotations

from signing.xmldsig.enveloped import sign_enveloped
from signing.xmldsig.keys import SigningKey
from signing.xmldsig.wssecurity import sign_envelope

__all__ = ["SigningKey", "sign_envelope", "sign_enveloped"]
