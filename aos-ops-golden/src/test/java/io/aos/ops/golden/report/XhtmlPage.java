package io.aos.ops.golden.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.namespace.NamespaceContext;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The test oracle for the reports' structure: the pages are polyglot XHTML, so the JDK's XML parser (no HTML parser
 * ships with the JDK) parses them strictly, any unescaped {@code <}, {@code &} or quote in the data failing the parse;
 * queries are XPath with the prefix {@code h} for the XHTML namespace.
 */
final class XhtmlPage {

    private final Document doc;
    private final XPath xpath;

    private XhtmlPage(Document doc) {
        this.doc = doc;
        this.xpath = XPathFactory.newInstance().newXPath();
        xpath.setNamespaceContext(new NamespaceContext() {
            @Override
            public String getNamespaceURI(String prefix) {
                return "h".equals(prefix) ? "http://www.w3.org/1999/xhtml" : XMLConstants.NULL_NS_URI;
            }

            @Override
            public String getPrefix(String uri) {
                return null;
            }

            @Override
            public java.util.Iterator<String> getPrefixes(String uri) {
                return null;
            }
        });
    }

    static XhtmlPage parse(String html) {
        assertThat(html).startsWith("<!DOCTYPE html>");
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setExpandEntityReferences(false);
            var builder = f.newDocumentBuilder();
            builder.setErrorHandler(null);
            return new XhtmlPage(builder.parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8))));
        } catch (Exception e) {
            throw new AssertionError("the page is not well-formed XHTML: " + e.getMessage(), e);
        }
    }

    List<Element> all(String expr) {
        try {
            NodeList nodes = (NodeList) xpath.evaluate(expr, doc, XPathConstants.NODESET);
            List<Element> out = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                out.add((Element) nodes.item(i));
            }
            return out;
        } catch (Exception e) {
            throw new AssertionError(expr, e);
        }
    }

    Element one(String expr) {
        List<Element> found = all(expr);
        assertThat(found).as(expr).hasSize(1);
        return found.get(0);
    }

    String text(String expr) {
        return one(expr).getTextContent();
    }
}
