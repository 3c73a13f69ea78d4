// A portal client in Node.js: regulation 1's information flow through the ShEP gateway, with the `soap`
// package from npm and the applicant's enveloped signature made with `xml-crypto`. Nothing here knows Qaqpa:
// point QAQPA_URL at the real gateway and it is the same client.
//
//   QAQPA_URL=http://127.0.0.1:8080 IIN=… KEY=applicant/key.pem CERT=applicant/cert.pem node portal.mjs
//
// (`qaqpa pki issue --iin IIN --out applicant` writes the key and certificate from the sandbox's test CA.)
// Prints the case's state and decision, one per line; exits 1 with the gateway's error code on a fault.

import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";

import soap from "soap";
import { SignedXml } from "xml-crypto";

const SOCPROT = "urn:qaqpa:sim:socprot:v1";
const base = (process.env.QAQPA_URL ?? "http://127.0.0.1:8080").replace(/\/$/, "");
const iin = process.env.IIN;
const key = readFileSync(process.env.KEY);
const cert = readFileSync(process.env.CERT);

// The applicant signs the request document as Kalkan does: an enveloped signature over the whole document
// (Reference URI=""), RSA-SHA256, exclusive canonicalisation, the certificate in KeyInfo/X509Data.
function signedRequest() {
  const now = new Date().toISOString();
  const request =
    `<r:Request xmlns:r="${SOCPROT}"><messageId>${randomUUID()}</messageId>` +
    `<messageDate>${now}</messageDate><senderCode>DEMO_PORTAL</senderCode><iin>${iin}</iin></r:Request>`;
  const signature = new SignedXml({
    privateKey: key,
    publicCert: cert,
    canonicalizationAlgorithm: "http://www.w3.org/2001/10/xml-exc-c14n#",
    signatureAlgorithm: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
  });
  signature.addReference({
    xpath: "/*",
    isEmptyUri: true,
    digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256",
    transforms: [
      "http://www.w3.org/2000/09/xmldsig#enveloped-signature",
      "http://www.w3.org/2001/10/xml-exc-c14n#",
    ],
  });
  signature.computeSignature(request, { prefix: "ds" });
  return signature.getSignedXml();
}

const client = await soap.createClientAsync(`${base}/bip-sync/?wsdl`);
client.setEndpoint(`${base}/bip-sync/`);
try {
  const [answer, raw] = await client.SendMessageAsync({
    request: {
      requestInfo: {
        messageId: randomUUID(),
        serviceId: "SOCPROT_AgePension_Information",
        messageDate: new Date().toISOString(),
        sender: { senderId: "DEMO_PORTAL", password: "demo" },
      },
      // The signed document travels as an escaped string in data: its bytes stay exactly as signed.
      requestData: { data: signedRequest() },
    },
  });
  const state = /<state>([^<]*)<\/state>/.exec(raw)?.[1];
  const decision = /<decision>([^<]*)<\/decision>/.exec(raw)?.[1];
  console.log(answer.response.responseInfo.status.code);
  console.log(state);
  console.log(decision);
} catch (error) {
  const detail = error.root?.Envelope?.Body?.Fault?.detail;
  const code = detail ? JSON.stringify(detail).match(/"errorCode":"([^"]+)"/)?.[1] : undefined;
  console.error(code ?? error.message);
  process.exit(1);
}
