"""Object identifiers and algorithm URIs of the Kazakh PKI (НУЦ РК) and of XML signatures.

Certificate policies and "key user" EKU OIDs: shared/notes/signing-kz-pki-xmldsig.md §1.2; algorithm URIs:
§1.3 and shared/notes/protocols-shep-xroad.md §1.7.
"""

from __future__ import annotations

from typing import Final

from cryptography.x509.oid import ExtendedKeyUsageOID, ObjectIdentifier

# Certificate policies: "Политика применения регистрационных свидетельств …"
POLICY_LEGAL_SIGN: Final = ObjectIdentifier("1.2.398.3.3.2.1")
POLICY_LEGAL_AUTH: Final = ObjectIdentifier("1.2.398.3.3.2.2")
POLICY_INDIVIDUAL_SIGN: Final = ObjectIdentifier("1.2.398.3.3.2.3")
POLICY_INDIVIDUAL_AUTH: Final = ObjectIdentifier("1.2.398.3.3.2.4")
POLICY_NCA_REGULATION: Final = ObjectIdentifier("1.2.398.3.3.1.1")

# "Key user" extended key usages.
ROLE_INDIVIDUAL: Final = ObjectIdentifier("1.2.398.3.3.4.1.1")
ROLE_LEGAL_ENTITY: Final = ObjectIdentifier("1.2.398.3.3.4.1.2")
ROLE_FIRST_HEAD: Final = ObjectIdentifier("1.2.398.3.3.4.1.2.1")
ROLE_RIGHT_TO_SIGN: Final = ObjectIdentifier("1.2.398.3.3.4.1.2.2")
ROLE_EMPLOYEE: Final = ObjectIdentifier("1.2.398.3.3.4.1.2.5")

EKU_SIGN: Final = ExtendedKeyUsageOID.EMAIL_PROTECTION
EKU_AUTH: Final = ExtendedKeyUsageOID.CLIENT_AUTH

# XML signature algorithms.
DS: Final = "http://www.w3.org/2000/09/xmldsig#"
RSA_SHA256: Final = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
RSA_SHA512: Final = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512"
RSA_SHA1: Final = "http://www.w3.org/2000/09/xmldsig#rsa-sha1"
RSA_SHA1_MORE: Final = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha1"
SHA256: Final = "http://www.w3.org/2001/04/xmlenc#sha256"
SHA512: Final = "http://www.w3.org/2001/04/xmlenc#sha512"
SHA1: Final = "http://www.w3.org/2000/09/xmldsig#sha1"
SHA1_MORE: Final = "http://www.w3.org/2001/04/xmldsig-more#sha1"

GOST_SIGNATURES: Final = frozenset(
    {
        "http://www.w3.org/2001/04/xmldsig-more#gost34310-gost34311",
        "urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34102015-gostr34112015-512",
        "urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34102015-gostr34112015-256",
    }
)
GOST_DIGESTS: Final = frozenset(
    {
        "http://www.w3.org/2001/04/xmldsig-more#gost34311",
        "urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34112015-512",
        "urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34112015-256",
    }
)

C14N: Final = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
C14N_COMMENTS: Final = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments"
EXC_C14N: Final = "http://www.w3.org/2001/10/xml-exc-c14n#"
EXC_C14N_COMMENTS: Final = "http://www.w3.org/2001/10/xml-exc-c14n#WithComments"
C14N11: Final = "http://www.w3.org/2006/12/xml-c14n11"
C14N11_COMMENTS: Final = "http://www.w3.org/2006/12/xml-c14n11#WithComments"
ENVELOPED: Final = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"

CANONICALIZATIONS: Final = frozenset({C14N, C14N_COMMENTS, EXC_C14N, EXC_C14N_COMMENTS, C14N11, C14N11_COMMENTS})
TRANSFORMS: Final = CANONICALIZATIONS | {ENVELOPED}

# WS-Security token profile.
WSS_X509V3: Final = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3"
WSS_BASE64: Final = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary"
