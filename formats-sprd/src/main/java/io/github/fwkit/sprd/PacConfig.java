package io.github.fwkit.sprd;

import io.github.fwkit.core.FormatException;
import io.github.fwkit.sprd.internal.ConfigParser;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The product configuration XML carried as the last entry of a PAC ({@code BMAConfig} schema of
 * Unisoc's ResearchDownload), reduced to what matters for reading, checking and rebuilding
 * packages. Values are kept as the text found in the file; {@link #number(String)} parses the
 * decimal and {@code 0x} hexadecimal forms the files use.
 *
 * <pre>
 * BMAConfig
 *   ProductList/Product@name        = szPrdName
 *     SchemeName                     selects SchemeList/Scheme@name
 *     FlashTypeID, Mode              = dwFlashType, dwMode
 *     NVBackup/NVItem@name,@backup   NV items read before download and merged back
 *     Partitions@unit/Partition@id,@size,@gap
 *   SchemeList/Scheme@name
 *     File (one per GUI row, in download order)
 *       ID, IDAlias, Type, Block@id (Base, Size), Flag, CheckFlag, Description
 * </pre>
 *
 * <p>Parse with {@link #parse(byte[])}: no DTDs, no external entities, a size limit, a trailing
 * NUL and non-UTF-8 (ANSI/GBK) text tolerated. Immutable.
 *
 * @param products the products, in file order
 * @param schemes the schemes, in file order
 * @param charset the character set the text was decoded with
 * @since 0.1.0
 */
public record PacConfig(List<Product> products, List<Scheme> schemes, String charset) {

    public PacConfig {
        products = List.copyOf(products);
        schemes = List.copyOf(schemes);
        Objects.requireNonNull(charset, "charset");
    }

    /**
     * A {@code Product}.
     *
     * @param name {@code @name}
     * @param schemeName {@code SchemeName}
     * @param flashTypeId {@code FlashTypeID}
     * @param mode {@code Mode}
     * @param partitionUnit {@code Partitions@unit}: 0 = MiB (also when absent), 1 = 512 KiB,
     *     2 = KiB, 3 = bytes, 4 = sectors
     * @param partitions {@code Partitions/Partition}, in order
     * @param nvItems {@code NVBackup/NVItem}, in order
     */
    public record Product(String name, String schemeName, String flashTypeId, String mode, String partitionUnit,
                          List<Partition> partitions, List<NvItem> nvItems) {
        public Product {
            partitions = List.copyOf(partitions);
            nvItems = List.copyOf(nvItems);
        }
    }

    /**
     * A {@code Partition}: {@code size} in the unit of its list; {@code 0xFFFFFFFF} = the rest.
     *
     * @param id {@code @id}
     * @param size {@code @size}
     * @param gap {@code @gap}, often empty
     */
    public record Partition(String id, String size, String gap) {
    }

    /**
     * An {@code NVItem}.
     *
     * @param name {@code @name}
     * @param backup {@code @backup}
     * @param id {@code ID}
     */
    public record NvItem(String name, String backup, String id) {
    }

    /**
     * A {@code Scheme}.
     *
     * @param name {@code @name}
     * @param files its {@code File} rows in download order
     */
    public record Scheme(String name, List<FileRow> files) {
        public Scheme {
            files = List.copyOf(files);
        }
    }

    /**
     * A {@code File} row.
     *
     * @param id {@code ID}, the join key to {@link PacEntry#id()} (case-insensitive)
     * @param idAlias {@code IDAlias}, the GUI label
     * @param type {@code Type}: {@code FDL}, {@code NAND_FDL}, {@code CODE2}, {@code EraseFlash2}, ...
     * @param blocks {@code Block}s: target partition, load address
     * @param flag {@code Flag}: 0 operation, 1 file
     * @param checkFlag {@code CheckFlag}: 0 optional, 1 required, 2 omittable
     * @param description {@code Description}
     * @param attributes the element's attributes ({@code backup}, {@code CheckCali}, ...)
     */
    public record FileRow(String id, String idAlias, String type, List<Block> blocks, String flag, String checkFlag,
                          String description, Map<String, String> attributes) {
        public FileRow {
            blocks = List.copyOf(blocks);
            attributes = Map.copyOf(attributes);
        }

        /** Whether the row is an erase step ({@code Erase*} types), which never has a file. */
        public boolean isErase() {
            return type.toLowerCase(Locale.ROOT).startsWith("erase");
        }

        /** Whether the row loads an FDL ({@code FDL}, {@code NAND_FDL} types). */
        public boolean isFdl() {
            String t = type.toUpperCase(Locale.ROOT);
            return t.equals("FDL") || t.equals("NAND_FDL");
        }
    }

    /**
     * A {@code Block}.
     *
     * @param id {@code @id}, the partition name (Android), or empty
     * @param base {@code Base}, a load address or logical code
     * @param size {@code Size}
     */
    public record Block(String id, String base, String size) {
    }

    /**
     * Parses a config XML blob.
     *
     * @throws FormatException (format {@code sprd-pac-xml}) if it is not well-formed XML, uses a
     *     DTD, or exceeds 200,000 elements
     */
    public static PacConfig parse(byte[] xml) throws FormatException {
        return ConfigParser.parse(xml);
    }

    /** Parses decimal or {@code 0x} hexadecimal text, as the configs write numbers. */
    public static OptionalLong number(String text) {
        if (text == null) {
            return OptionalLong.empty();
        }
        String t = text.trim();
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) {
                return t.length() > 2 && t.length() <= 18 ? OptionalLong.of(Long.parseUnsignedLong(t.substring(2), 16))
                        : OptionalLong.empty();
            }
            return t.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(t));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * The product named {@code productName}, compared with and without the {@code PAC_} prefix
     * that Unisoc's reader adds in memory.
     */
    public Optional<Product> product(String productName) {
        String want = stripPacPrefix(productName);
        for (Product p : products) {
            if (stripPacPrefix(p.name()).equalsIgnoreCase(want)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * The scheme used by {@code productName}: the one its {@code SchemeName} selects; failing
     * that, the only scheme when there is one.
     */
    public Optional<Scheme> scheme(String productName) {
        Optional<Product> p = product(productName);
        if (p.isPresent()) {
            for (Scheme s : schemes) {
                if (s.name().equalsIgnoreCase(p.get().schemeName())) {
                    return Optional.of(s);
                }
            }
        }
        return schemes.size() == 1 ? Optional.of(schemes.get(0)) : Optional.empty();
    }

    private static String stripPacPrefix(String s) {
        return s.regionMatches(true, 0, "PAC_", 0, 4) ? s.substring(4) : s;
    }

    @Override
    public String toString() {
        return "PacConfig[" + products.size() + " products, " + schemes.size() + " schemes, " + charset + "]";
    }
}
