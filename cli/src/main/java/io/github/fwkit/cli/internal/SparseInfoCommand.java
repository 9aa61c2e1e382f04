package io.github.fwkit.cli.internal;

import io.github.fwkit.core.FormatException;
import io.github.fwkit.sparse.SparseChunk;
import io.github.fwkit.sparse.SparseHeader;
import io.github.fwkit.sparse.SparseImage;
import io.github.fwkit.sparse.SparseReadOptions;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code fwkit sparse info}: header, chunk statistics and optionally every chunk. */
final class SparseInfoCommand extends BaseCommand {
    boolean chunks;
    boolean lenient;
    boolean verifyCrc;
    long maxChunks = SparseReadOptions.DEFAULT_MAX_CHUNKS;
    Path file;

    @Override
    CommandSpec spec() {
        return new CommandSpec("info", "Show the header, chunk statistics and warnings of an Android sparse image.")
                .description("Reads only the chunk headers (and with --verify-crc all data). With --verify-crc, a"
                        + " CRC32 chunk that does not match the data is reported and the exit code is 3.")
                .flag("--chunks", "List every chunk: index, type, start block, blocks, file offset of its header"
                        + " and, for FILL, the pattern bytes.")
                .flag("--lenient", "Read damaged and vendor files: skip unknown chunk types, accept a wrong block"
                        + " total or data cut short; each repair is listed as a warning.")
                .flag("--verify-crc", "Check CRC32 chunks against the data (reads the whole image).")
                .option("--max-chunks", "N", "Refuse images with more chunks than this (default: "
                        + SparseReadOptions.DEFAULT_MAX_CHUNKS + "); raise it for a genuine huge image.")
                .positional("FILE", "The sparse image.")
                .examples(
                        "  fwkit sparse info system.img",
                        "  fwkit sparse info --chunks system.img | less",
                        "  fwkit sparse info --lenient --verify-crc vendor_damaged.img");
    }

    @Override
    void set(String name, String value) {
        switch (name) {
            case "--chunks" -> chunks = true;
            case "--lenient" -> lenient = true;
            case "--verify-crc" -> verifyCrc = true;
            case "--max-chunks" -> maxChunks = Units.parseCount(value);
            case "FILE" -> file = Path.of(value);
            default -> super.set(name, value);
        }
    }

    /** Chunk and block counts per chunk type. */
    private static final class Stats {
        final Map<SparseChunk.Type, Long> chunks = new EnumMap<>(SparseChunk.Type.class);
        final Map<SparseChunk.Type, Long> blocks = new EnumMap<>(SparseChunk.Type.class);

        Stats(List<SparseChunk> list) {
            for (SparseChunk.Type t : SparseChunk.Type.values()) {
                chunks.put(t, 0L);
                blocks.put(t, 0L);
            }
            for (SparseChunk c : list) {
                chunks.put(c.type(), chunks.get(c.type()) + 1);
                blocks.put(c.type(), blocks.get(c.type()) + c.blockCount());
            }
        }
    }

    @Override
    int execute(Context ctx) throws Exception {
        if (maxChunks < 0) {
            throw new IllegalArgumentException("--max-chunks must not be negative");
        }
        currentFile = file;
        checkInput(file);
        // The CRC is checked after opening rather than by SparseReadOptions.verifyCrc, so that a
        // mismatch is reported next to the rest of the information (exit 3) instead of hiding it.
        SparseReadOptions options = new SparseReadOptions(lenient, false, maxChunks);
        try (SparseImage img = SparseImage.open(file, options)) {
            List<SparseChunk> list = img.chunks();
            Stats stats = new Stats(list);
            long crcChunks = stats.chunks.get(SparseChunk.Type.CRC32);
            String crcProblem = null;
            if (verifyCrc) {
                try {
                    img.verifyCrc(); // no progress: SparseImage.verifyCrc takes no listener
                } catch (FormatException e) {
                    crcProblem = e.getMessage();
                }
            }
            if (ctx.json) {
                printJson(ctx, img, list, stats, crcProblem);
            } else {
                printText(ctx, img, list, stats, crcChunks, crcProblem);
            }
            if (crcProblem != null) {
                ctx.err.println("fwkit: " + file + ": " + crcProblem);
                return Cli.EXIT_PROBLEMS;
            }
        }
        return Cli.EXIT_OK;
    }

    private void printText(Context ctx, SparseImage img, List<SparseChunk> list, Stats s, long crcChunks,
                           String crcProblem) {
        SparseHeader h = img.header();
        long fileSize = img.source().size();
        long expanded = img.expandedSize();
        long bs = h.blockSize();
        var out = ctx.out;
        out.println(file + ": Android sparse image, version " + h.majorVersion() + "." + h.minorVersion());
        out.println("  header       " + h.fileHeaderSize() + " bytes, chunk headers " + h.chunkHeaderSize()
                + " bytes, image checksum 0x" + Units.hex(h.imageChecksum(), 8));
        out.println("  block size   " + bs + " bytes");
        out.println("  blocks       " + (expanded != h.expandedSize()
                ? expanded / bs + " (the header says " + h.totalBlocks() + ")" : h.totalBlocks())
                + ", " + Units.bytes(expanded) + " expanded");
        StringBuilder counts = new StringBuilder();
        for (SparseChunk.Type t : SparseChunk.Type.values()) {
            long n = s.chunks.get(t);
            if (n > 0) {
                counts.append(counts.length() == 0 ? "" : ", ").append(n).append(' ').append(t.name());
            }
        }
        out.println("  chunks       " + list.size() + (counts.length() == 0 ? "" : ": " + counts)
                + (h.totalChunks() != list.size() ? " (header says " + h.totalChunks() + ")" : ""));
        long rawBlocks = s.blocks.get(SparseChunk.Type.RAW);
        out.println("  RAW          " + rawBlocks + " blocks, " + rawBlocks * bs + " bytes of data ("
                + Units.bytes(rawBlocks * bs) + ")");
        out.println("  FILL         " + s.blocks.get(SparseChunk.Type.FILL) + " blocks");
        out.println("  DONT_CARE    " + s.blocks.get(SparseChunk.Type.DONT_CARE) + " blocks");
        if (s.chunks.get(SparseChunk.Type.UNKNOWN) > 0) {
            out.println("  unknown      " + s.blocks.get(SparseChunk.Type.UNKNOWN) + " blocks (read as zeros)");
        }
        out.println("  file size    " + fileSize + " bytes (" + Units.bytes(fileSize) + "), "
                + Units.percent(fileSize, expanded) + " of the expanded size");
        if (verifyCrc) {
            out.println("  crc32        " + (crcProblem != null ? "MISMATCH: " + crcProblem
                    : crcChunks == 0 ? "no CRC32 chunks to verify" : crcChunks + " CRC32 chunks match the data"));
        }
        if (!img.warnings().isEmpty()) {
            out.println("warnings:");
            for (String w : img.warnings()) {
                out.println("  " + w);
            }
        }
        if (chunks) {
            out.println("chunks:");
            out.println(String.format(Locale.ROOT, "  %8s  %-9s  %12s  %12s  %12s  %s", "index", "type",
                    "start block", "blocks", "file offset", "fill / crc32"));
            for (SparseChunk c : list) {
                String type = c.type() == SparseChunk.Type.UNKNOWN
                        ? "0x" + Units.hex(c.typeCode() & 0xffff, 4) : c.type().name();
                String extra = c.type() == SparseChunk.Type.FILL ? hex(c.fillBytes())
                        : c.type() == SparseChunk.Type.CRC32 ? Units.hex(c.value() & 0xffffffffL, 8) : "";
                out.println(String.format(Locale.ROOT, "  %8d  %-9s  %12d  %12d  %12s  %s", c.index(), type,
                        c.startBlock(), c.blockCount(), "0x" + Long.toHexString(c.headerOffset()), extra).stripTrailing());
            }
        }
    }

    private void printJson(Context ctx, SparseImage img, List<SparseChunk> list, Stats s, String crcProblem) {
        SparseHeader h = img.header();
        long fileSize = img.source().size();
        long expanded = img.expandedSize();
        Json j = new Json(ctx.out);
        j.beginObject().field("path", file.toString()).field("file_size", fileSize);
        j.name("header").beginObject()
                .field("major_version", h.majorVersion())
                .field("minor_version", h.minorVersion())
                .field("file_header_size", h.fileHeaderSize())
                .field("chunk_header_size", h.chunkHeaderSize())
                .field("block_size", h.blockSize())
                .field("total_blocks", h.totalBlocks())
                .field("total_chunks", h.totalChunks())
                .field("image_checksum", h.imageChecksum())
                .endObject();
        j.name("chunk_counts").beginObject();
        for (SparseChunk.Type t : SparseChunk.Type.values()) {
            j.field(snake(t), s.chunks.get(t));
        }
        j.endObject();
        j.name("blocks").beginObject();
        for (SparseChunk.Type t : SparseChunk.Type.values()) {
            if (t != SparseChunk.Type.CRC32) {
                j.field(snake(t), s.blocks.get(t));
            }
        }
        j.endObject();
        j.field("data_bytes", s.blocks.get(SparseChunk.Type.RAW) * h.blockSize())
                .field("expanded_size", expanded)
                .field("sparse_ratio", expanded == 0 ? Double.NaN : (double) fileSize / expanded);
        if (verifyCrc) {
            j.name("crc").beginObject()
                    .field("checked", s.chunks.get(SparseChunk.Type.CRC32))
                    .field("ok", crcProblem == null)
                    .field("problem", crcProblem)
                    .endObject();
        }
        j.name("warnings").beginArray();
        for (String w : img.warnings()) {
            j.value(w);
        }
        j.endArray();
        if (chunks) {
            j.name("chunks").beginArray();
            for (SparseChunk c : list) {
                j.beginObject()
                        .field("index", c.index())
                        .field("type", snake(c.type()))
                        .field("type_code", c.typeCode() & 0xffff)
                        .field("start_block", c.startBlock())
                        .field("blocks", c.blockCount())
                        .field("header_offset", c.headerOffset())
                        .field("data_offset", c.dataOffset())
                        .field("total_size", c.totalSize())
                        .field("fill", c.type() == SparseChunk.Type.FILL ? hex(c.fillBytes()) : null)
                        .field("crc32", c.type() == SparseChunk.Type.CRC32 ? Units.hex(c.value() & 0xffffffffL, 8) : null)
                        .endObject();
            }
            j.endArray();
        }
        j.endObject();
        ctx.out.println();
    }

    private static String snake(SparseChunk.Type t) {
        return t.name().toLowerCase(Locale.ROOT);
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(sb.length() == 0 ? "" : " ").append(Units.hex(x & 0xff, 2));
        }
        return sb.toString();
    }

    @Override
    String hint(Exception e) {
        String h = SparseHints.hint(e, file, true);
        return h != null ? h : super.hint(e);
    }
}
