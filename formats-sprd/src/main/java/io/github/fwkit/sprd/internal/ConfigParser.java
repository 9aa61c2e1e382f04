package io.github.fwkit.sprd.internal;

import io.github.fwkit.core.FormatException;
import io.github.fwkit.core.LimitExceededException;
import io.github.fwkit.sprd.PacConfig;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code BMAConfig} XML of a PAC with StAX into a {@link PacConfig}.
 *
 * <p>The blob is untrusted: DTDs are refused (so no entity expansion, internal or external), the
 * element count is capped, and text values are cut at 64 KiB. Unisoc's GUI copies the file
 * verbatim, so the text may be UTF-8, the Windows ANSI code page of the packing PC (GBK on Chinese
 * systems; comments and descriptions are often Chinese) or carry a trailing NUL; the bytes are
 * decoded here, trying the declared encoding, UTF-8, GBK and finally ISO-8859-1 (which maps every
 * byte, so the structure always parses).
 */
public final class ConfigParser {
    public static final String FORMAT = "sprd-pac-xml";
    static final int MAX_ELEMENTS = 200_000;
    private static final int MAX_TEXT = 64 << 10;
    private static final Pattern DECLARED =
            Pattern.compile("^\\s*<\\?xml[^>]*?encoding\\s*=\\s*[\"']([A-Za-z0-9._:-]{1,40})[\"']");

    private ConfigParser() {
    }

    public static PacConfig parse(byte[] xml) throws FormatException {
        int len = xml.length;
        while (len > 0 && xml[len - 1] == 0) {
            len--;
        }
        Decoded text = decode(xml, len);
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        try {
            XMLStreamReader r = f.createXMLStreamReader(new StringReader(text.text));
            try {
                return walk(r, text.charset);
            } finally {
                r.close();
            }
        } catch (XMLStreamException | RuntimeException e) {
            long at = -1;
            if (e instanceof XMLStreamException && ((XMLStreamException) e).getLocation() != null) {
                at = ((XMLStreamException) e).getLocation().getCharacterOffset();
            }
            String why = e.getMessage() == null ? e.toString() : e.getMessage().replaceAll("\\s+", " ");
            throw new FormatException(FORMAT, at, "/xml", "not readable as XML: " + cut(why), e);
        }
    }

    private record Decoded(String text, String charset) {
    }

    private static Decoded decode(byte[] b, int len) {
        int start = 0;
        List<Charset> tries = new ArrayList<>();
        if (len >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
            start = 3;
            tries.add(StandardCharsets.UTF_8);
        } else if (len >= 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE) {
            start = 2;
            tries.add(StandardCharsets.UTF_16LE);
        } else if (len >= 2 && (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF) {
            start = 2;
            tries.add(StandardCharsets.UTF_16BE);
        }
        String head = new String(b, start, Math.min(len - start, 256), StandardCharsets.ISO_8859_1);
        Matcher m = DECLARED.matcher(head);
        if (m.find()) {
            try {
                tries.add(Charset.forName(m.group(1)));
            } catch (IllegalArgumentException unsupported) {
                // fall through to the guesses below
            }
        }
        tries.add(StandardCharsets.UTF_8);
        if (Charset.isSupported("GBK")) {
            tries.add(Charset.forName("GBK"));
        }
        Set<Charset> unique = new LinkedHashSet<>(tries);
        for (Charset cs : unique) {
            try {
                String s = cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(b, start, len - start)).toString();
                return new Decoded(s, cs.name());
            } catch (CharacterCodingException e) {
                // try the next one
            }
        }
        return new Decoded(new String(b, start, len - start, StandardCharsets.ISO_8859_1),
                StandardCharsets.ISO_8859_1.name());
    }

    private static final class ProductB {
        String name = "";
        String scheme = "";
        String flashType = "";
        String mode = "";
        String unit = "";
        final List<PacConfig.Partition> partitions = new ArrayList<>();
        final List<PacConfig.NvItem> nv = new ArrayList<>();
    }

    private static final class NvB {
        String name = "";
        String backup = "";
        String id = "";
    }

    private static final class RowB {
        String id = "";
        String alias = "";
        String type = "";
        String flag = "";
        String check = "";
        String description = "";
        final Map<String, String> attributes = new LinkedHashMap<>();
        final List<PacConfig.Block> blocks = new ArrayList<>();
    }

    private static final class BlockB {
        String id = "";
        String base = "";
        String size = "";
    }

    private static PacConfig walk(XMLStreamReader r, String charset) throws XMLStreamException, FormatException {
        List<PacConfig.Product> products = new ArrayList<>();
        List<PacConfig.Scheme> schemes = new ArrayList<>();
        Deque<String> stack = new ArrayDeque<>();
        StringBuilder text = new StringBuilder();
        ProductB product = null;
        NvB nv = null;
        String schemeName = null;
        List<PacConfig.FileRow> rows = null;
        RowB row = null;
        BlockB block = null;
        long elements = 0;
        while (r.hasNext()) {
            int ev = r.next();
            switch (ev) {
                case XMLStreamConstants.DTD:
                    throw new FormatException(FORMAT, -1, "/xml", "has a DOCTYPE; PAC configs have none and DTDs"
                            + " are not processed (entity expansion)");
                case XMLStreamConstants.START_ELEMENT: {
                    if (++elements > MAX_ELEMENTS) {
                        throw new LimitExceededException(FORMAT, -1, "/xml", "elements", MAX_ELEMENTS);
                    }
                    String name = r.getLocalName();
                    String parent = stack.peek();
                    stack.push(name);
                    text.setLength(0);
                    if (name.equals("Product") && "ProductList".equals(parent)) {
                        product = new ProductB();
                        product.name = attr(r, "name");
                    } else if (product != null && name.equals("Partitions")) {
                        product.unit = attr(r, "unit");
                    } else if (product != null && name.equals("Partition") && "Partitions".equals(parent)) {
                        product.partitions.add(new PacConfig.Partition(attr(r, "id"), attr(r, "size"), attr(r, "gap")));
                    } else if (product != null && name.equals("NVItem")) {
                        nv = new NvB();
                        nv.name = attr(r, "name");
                        nv.backup = attr(r, "backup");
                    } else if (name.equals("Scheme") && "SchemeList".equals(parent)) {
                        schemeName = attr(r, "name");
                        rows = new ArrayList<>();
                    } else if (rows != null && name.equals("File") && "Scheme".equals(parent)) {
                        row = new RowB();
                        for (int i = 0; i < r.getAttributeCount(); i++) {
                            row.attributes.put(r.getAttributeLocalName(i), r.getAttributeValue(i));
                        }
                    } else if (row != null && name.equals("Block") && "File".equals(parent)) {
                        block = new BlockB();
                        block.id = attr(r, "id");
                    }
                    break;
                }
                case XMLStreamConstants.CHARACTERS:
                case XMLStreamConstants.CDATA:
                case XMLStreamConstants.SPACE:
                    if (text.length() < MAX_TEXT) {
                        String t = r.getText();
                        text.append(t, 0, Math.min(t.length(), MAX_TEXT - text.length()));
                    }
                    break;
                case XMLStreamConstants.END_ELEMENT: {
                    String name = stack.isEmpty() ? "" : stack.pop();
                    String parent = stack.peek();
                    String value = text.toString().trim();
                    text.setLength(0);
                    if (block != null && "Block".equals(parent)) {
                        if (name.equals("Base")) {
                            block.base = value;
                        } else if (name.equals("Size")) {
                            block.size = value;
                        }
                    } else if (block != null && name.equals("Block")) {
                        row.blocks.add(new PacConfig.Block(block.id, block.base, block.size));
                        block = null;
                    } else if (row != null && "File".equals(parent)) {
                        switch (name) {
                            case "ID": row.id = value; break;
                            case "IDAlias": row.alias = value; break;
                            case "Type": row.type = value; break;
                            case "Flag": row.flag = value; break;
                            case "CheckFlag": row.check = value; break;
                            case "Description": row.description = value; break;
                            default: break;
                        }
                    } else if (row != null && name.equals("File")) {
                        rows.add(new PacConfig.FileRow(row.id, row.alias, row.type, row.blocks, row.flag, row.check,
                                row.description, row.attributes));
                        row = null;
                    } else if (rows != null && name.equals("Scheme")) {
                        schemes.add(new PacConfig.Scheme(schemeName, rows));
                        rows = null;
                    } else if (nv != null && "NVItem".equals(parent) && name.equals("ID")) {
                        nv.id = value;
                    } else if (nv != null && name.equals("NVItem")) {
                        product.nv.add(new PacConfig.NvItem(nv.name, nv.backup, nv.id));
                        nv = null;
                    } else if (product != null && "Product".equals(parent)) {
                        switch (name) {
                            case "SchemeName": product.scheme = value; break;
                            case "FlashTypeID": product.flashType = value; break;
                            case "Mode": product.mode = value; break;
                            default: break;
                        }
                    } else if (product != null && name.equals("Product")) {
                        products.add(new PacConfig.Product(product.name, product.scheme, product.flashType, product.mode,
                                product.unit, product.partitions, product.nv));
                        product = null;
                    }
                    break;
                }
                default:
                    break;
            }
        }
        return new PacConfig(products, schemes, charset);
    }

    private static String attr(XMLStreamReader r, String name) {
        String v = r.getAttributeValue(null, name);
        return v == null ? "" : v;
    }

    private static String cut(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
