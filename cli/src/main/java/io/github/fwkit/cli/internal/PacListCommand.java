package io.github.fwkit.cli.internal;

import io.github.fwkit.sprd.Pac;
import io.github.fwkit.sprd.PacConfig;
import io.github.fwkit.sprd.PacEntry;
import io.github.fwkit.sprd.PacHeader;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** {@code fwkit pac list}: header, file table joined to the config XML, and what reading noticed. */
final class PacListCommand extends BaseCommand {
    boolean lenient;
    Path file;

    @Override
    CommandSpec spec() {
        return new CommandSpec("list", "Show the header, the entries and the config of a Spreadtrum .pac package.")
                .description("Reads only the header, the file table and the config XML, so it is instant on"
                        + " multi-GiB packages. Entries are listed in table order with the config row they join"
                        + " (by ID). Problems noticed while reading are listed; 'fwkit pac check' also verifies the"
                        + " CRCs.")
                .flag("--lenient", "Read damaged or truncated packages: problems become findings instead of errors.")
                .positional("PAC", "The .pac package.")
                .examples(
                        "  fwkit pac list firmware.pac",
                        "  fwkit pac list --json firmware.pac | jq '.entries[] | {id, name, size}'");
    }

    @Override
    void set(String name, String value) {
        switch (name) {
            case "--lenient" -> lenient = true;
            case "PAC" -> file = Path.of(value);
            default -> super.set(name, value);
        }
    }

    @Override
    int execute(Context ctx) throws Exception {
        currentFile = file;
        try (Pac pac = PacSupport.open(file, lenient)) {
            List<PacEntry> entries = pac.entries();
            boolean[] sparse = new boolean[entries.size()];
            for (PacEntry e : entries) {
                sparse[e.index()] = pac.isSparse(e);
            }
            if (ctx.json) {
                printJson(ctx, pac, sparse);
            } else {
                printText(ctx, pac, sparse);
            }
        }
        return Cli.EXIT_OK;
    }

    /** The XML row type of an entry ({@code CODE2}, {@code FDL}, ...), its partition, or empty. */
    private static String[] row(Pac pac, PacEntry e) {
        Optional<PacConfig.FileRow> r = pac.configRow(e);
        if (r.isEmpty()) {
            return new String[] {"", ""};
        }
        List<PacConfig.Block> blocks = r.get().blocks();
        return new String[] {r.get().type(), blocks.isEmpty() ? "" : blocks.get(0).id()};
    }

    private void printText(Context ctx, Pac pac, boolean[] sparse) {
        PacHeader h = pac.header();
        long size = pac.source().size();
        var out = ctx.out;
        out.println(file + ": Spreadtrum PAC " + h.version() + ", product \"" + h.productName() + "\""
                + (h.productVersion().isEmpty() ? "" : " version \"" + h.productVersion() + "\"") + ", "
                + PacSupport.entries(h.fileCount()) + ", " + Units.bytes(size));
        out.println("  table    " + (h.isEncrypted() ? "encrypted (\"safe PAC\")" : "plain") + ", blobs from "
                + PacSupport.offset(pac.dataStart()) + "; CRC magic " + (h.hasMagic() ? "present" : "absent (tools skip"
                + " the CRCs)"));
        if (!h.productAlias().isEmpty() && !h.productAlias().equals(h.productName())) {
            out.println("  alias    " + h.productAlias());
        }
        List<PacEntry> entries = pac.entries();
        int idW = 2;
        int nameW = 4;
        int typeW = 4;
        String[][] rows = new String[entries.size()][];
        for (PacEntry e : entries) {
            rows[e.index()] = row(pac, e);
            idW = Math.max(idW, e.id().length());
            nameW = Math.max(nameW, e.name().length());
            typeW = Math.max(typeW, rows[e.index()][0].length());
        }
        out.println("  " + PacSupport.right("#", 3) + "  " + PacSupport.left("ID", idW) + "  "
                + PacSupport.left("name", nameW) + "  " + PacSupport.right("size", 12) + "  "
                + PacSupport.left("offset", 10) + "  " + PacSupport.left("type", typeW) + "  what");
        for (PacEntry e : entries) {
            String[] r = rows[e.index()];
            String what = PacSupport.snake(pac.kind(e));
            if (sparse[e.index()]) {
                what += ", android sparse";
            }
            if (!r[1].isEmpty()) {
                what += ", partition " + r[1];
            }
            if (!e.outputName().isEmpty() && !e.outputName().equals(e.name())) {
                what += ", extracted as " + e.outputName();
            }
            if (!e.intact()) {
                what += ", NOT INSIDE THE FILE";
            }
            out.println("  " + PacSupport.right(Integer.toString(e.index()), 3) + "  " + PacSupport.left(e.id(), idW)
                    + "  " + PacSupport.left(e.name(), nameW) + "  "
                    + PacSupport.right(e.hasData() ? Long.toString(e.size()) : "-", 12) + "  "
                    + PacSupport.left(e.hasData() ? PacSupport.offset(e.offset()) : "-", 10) + "  "
                    + PacSupport.left(r[0], typeW) + "  " + what);
        }
        if (pac.config().isEmpty()) {
            out.println("  config   not readable (see the findings)");
        }
        if (!pac.findings().isEmpty()) {
            out.println("findings:");
            PacSupport.printFindings(ctx, pac.findings());
        }
        String f = PacSupport.q(file);
        out.println("Next: 'fwkit pac check " + f + "' verifies the CRCs; 'fwkit pac extract " + f
                + " OUT_DIR [ID...]' writes the files.");
    }

    private void printJson(Context ctx, Pac pac, boolean[] sparse) {
        PacHeader h = pac.header();
        Json j = new Json(ctx.out);
        j.beginObject()
                .field("path", file.toString())
                .field("file_size", pac.source().size())
                .name("header").beginObject()
                .field("version", h.version())
                .field("product_name", h.productName())
                .field("product_version", h.productVersion())
                .field("product_alias", h.productAlias())
                .field("total_size", h.totalSize())
                .field("file_count", h.fileCount())
                .field("mode", h.mode())
                .field("flash_type", h.flashType())
                .field("encrypted", h.isEncrypted())
                .field("magic", h.hasMagic())
                .field("header_crc", h.headerCrc())
                .field("body_crc", h.bodyCrc())
                .endObject()
                .field("data_start", pac.dataStart());
        j.name("entries").beginArray();
        for (PacEntry e : pac.entries()) {
            String[] r = row(pac, e);
            j.beginObject()
                    .field("index", e.index())
                    .field("id", e.id())
                    .field("name", e.name())
                    .field("output_name", e.outputName().isEmpty() ? null : e.outputName())
                    .field("kind", PacSupport.snake(pac.kind(e)))
                    .field("size", e.size())
                    .field("offset", e.offset())
                    .field("file_flag", e.fileFlag())
                    .field("check_flag", e.checkFlag())
                    .field("can_omit_flag", e.canOmitFlag());
            j.name("addresses").beginArray();
            for (Long a : e.addresses()) {
                j.value(a.longValue());
            }
            j.endArray()
                    .field("sparse", sparse[e.index()])
                    .field("intact", e.intact())
                    .field("type", r[0].isEmpty() ? null : r[0])
                    .field("partition", r[1].isEmpty() ? null : r[1])
                    .endObject();
        }
        j.endArray();
        j.name("config");
        if (pac.config().isEmpty()) {
            j.nullValue();
        } else {
            PacConfig c = pac.config().get();
            j.beginObject().name("products").beginArray();
            for (PacConfig.Product p : c.products()) {
                j.value(p.name());
            }
            j.endArray().field("scheme", pac.scheme().isPresent() ? pac.scheme().get().name() : null)
                    .field("charset", c.charset())
                    .endObject();
        }
        PacSupport.writeFindings(j, pac.findings());
        j.endObject();
        ctx.out.println();
    }

    @Override
    String hint(Exception e) {
        String h = PacSupport.hint(e, file, !lenient);
        return h != null ? h : super.hint(e);
    }
}
