// An independent verifier for the interoperability tests: the JDK's own XML-signature API (JSR 105), with
// secure validation on (the JDK 17 default), PKIX path building to the given root, and nothing from Qaqpa.
//
//   java QaqpaVerify.java FILE ROOT_PEM CA_PEM [--wss]
//
// Prints VALID or INVALID with the reference URIs; exits 0 when valid, 1 when not, 2 on usage errors.
import java.io.ByteArrayInputStream;
import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.crypto.AlgorithmMethod;
import javax.xml.crypto.KeySelector;
import javax.xml.crypto.KeySelectorResult;
import javax.xml.crypto.XMLCryptoContext;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

public class QaqpaVerify {
    static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    static final String WSU = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    static final String SOAP = "http://schemas.xmlsoap.org/soap/envelope/";

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: java QaqpaVerify.java FILE ROOT_PEM CA_PEM [--wss]");
            System.exit(2);
        }
        boolean wss = args.length > 3 && args[3].equals("--wss");
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        X509Certificate root = (X509Certificate) factory.generateCertificate(new FileInputStream(args[1]));
        X509Certificate ca = (X509Certificate) factory.generateCertificate(new FileInputStream(args[2]));

        DocumentBuilderFactory builders = DocumentBuilderFactory.newInstance();
        builders.setNamespaceAware(true);
        builders.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        builders.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = builders.newDocumentBuilder().parse(Files.newInputStream(Path.of(args[0])));

        NodeList signatures = document.getElementsByTagNameNS(XMLSignature.XMLNS, "Signature");
        if (signatures.getLength() != 1) {
            System.out.println("INVALID: expected exactly one signature, found " + signatures.getLength());
            System.exit(1);
        }
        Element signature = (Element) signatures.item(0);
        X509Certificate leaf = (X509Certificate) factory.generateCertificate(
                new ByteArrayInputStream(Base64.getMimeDecoder().decode(certificateText(signature))));

        // Trust lives in the key selector: the leaf must chain to the root through the CA, at the current time.
        X509CertSelector target = new X509CertSelector();
        target.setCertificate(leaf);
        PKIXBuilderParameters parameters = new PKIXBuilderParameters(Set.of(new TrustAnchor(root, null)), target);
        parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(List.of(ca, leaf))));
        parameters.setRevocationEnabled(false);
        CertPathBuilder.getInstance("PKIX").build(parameters);

        KeySelector selector = new KeySelector() {
            public KeySelectorResult select(KeyInfo info, Purpose purpose, AlgorithmMethod method, XMLCryptoContext context) {
                Key key = leaf.getPublicKey();
                return () -> key;
            }
        };
        DOMValidateContext context = new DOMValidateContext(selector, signature);
        if (wss) {
            Element body = (Element) document.getElementsByTagNameNS(SOAP, "Body").item(0);
            context.setIdAttributeNS(body, WSU, "Id");
        }
        XMLSignature parsed = XMLSignatureFactory.getInstance("DOM").unmarshalXMLSignature(context);
        boolean valid = parsed.validate(context);
        StringBuilder uris = new StringBuilder();
        for (Object reference : parsed.getSignedInfo().getReferences()) {
            uris.append(" '").append(((Reference) reference).getURI()).append("'");
        }
        System.out.println((valid ? "VALID" : "INVALID") + " references:" + uris + " signer: "
                + leaf.getSubjectX500Principal().getName());
        System.exit(valid ? 0 : 1);
    }

    static String certificateText(Element signature) {
        NodeList certificates = signature.getElementsByTagNameNS(XMLSignature.XMLNS, "X509Certificate");
        if (certificates.getLength() == 1) {
            return certificates.item(0).getTextContent();
        }
        NodeList identifiers = signature.getElementsByTagNameNS(WSSE, "KeyIdentifier");
        return identifiers.item(0).getTextContent();
    }
}
