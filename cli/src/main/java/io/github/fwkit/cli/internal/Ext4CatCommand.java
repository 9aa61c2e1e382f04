package io.github.fwkit.cli.internal;

import io.github.fwkit.core.ImageReader;
import io.github.fwkit.ext4.Ext4Volume;
import io.github.fwkit.ext4.Stat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Base64;

/** {@code fwkit ext4 cat}: the bytes of one file inside an image, to standard output. */
final class Ext4CatCommand extends BaseCommand {
    /** The most content {@code --json} carries (as base64). */
    static final long MAX_JSON_BYTES = 64L << 20;

    boolean lenient;
    Path file;
    String path;

    @Override
    CommandSpec spec() {
        return new CommandSpec("cat", "Write the contents of one file inside an ext2/3/4 image to standard output.")
                .description("The bytes are written as they are (holes as zeros); redirect them to a file or a pager."
                        + " Symbolic links are followed inside the image. With --json, the content is one base64"
                        + " string (at most 64 MiB).")
                .flag("--lenient", Ext4Support.LENIENT_HELP)
                .positional("IMAGE", "The ext4 image (raw, sparse or .flag).")
                .positional("PATH", "The file inside the image, e.g. /system/build.prop.")
                .examples(
                        "  fwkit ext4 cat system.img /system/build.prop | grep ro.build",
                        "  fwkit ext4 cat system.img.flag /system/app/Camera.apk > Camera.apk");
    }

    @Override
    void set(String name, String value) {
        switch (name) {
            case "--lenient" -> lenient = true;
            case "IMAGE" -> file = Path.of(value);
            case "PATH" -> path = value;
            default -> super.set(name, value);
        }
    }

    @Override
    int execute(Context ctx) throws Exception {
        currentFile = file;
        try (Ext4Volume vol = Ext4Support.open(file, lenient)) {
            Stat st = Ext4Support.lookup(vol, file, path);
            if (!st.isRegularFile()) {
                String f = Cli.quote(file.toString());
                throw new IllegalArgumentException(path + " is " + (st.isDirectory() ? "a folder; 'fwkit ext4 ls " + f
                        + " " + Cli.quote(path) + "' lists it" : "not a regular file; 'fwkit ext4 stat " + f + " "
                        + Cli.quote(path) + "' shows what it is"));
            }
            try (ImageReader r = vol.open(path)) {
                if (ctx.json) {
                    if (r.size() > MAX_JSON_BYTES) {
                        throw new IllegalArgumentException(path + " has " + r.size() + " bytes, more than --json"
                                + " carries (" + Units.bytes(MAX_JSON_BYTES) + "); leave out --json to get the bytes");
                    }
                    byte[] data = r.readBytes(0, (int) r.size());
                    Json j = new Json(ctx.out);
                    j.beginObject().field("image", file.toString()).field("path", path).field("size", data.length)
                            .field("content_base64", Base64.getEncoder().encodeToString(data)).endObject();
                    ctx.out.println();
                    return Cli.EXIT_OK;
                }
                ctx.out.flush();
                OutputStream out = ctx.bytes;
                if (out == null) {
                    throw new IllegalStateException("no byte stream for standard output");
                }
                copy(r, out);
            }
        }
        return Cli.EXIT_OK;
    }

    private static void copy(ImageReader r, OutputStream out) throws IOException {
        long size = r.size();
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(1 << 20, Math.max(1, size)));
        long pos = 0;
        while (pos < size) {
            buf.clear();
            if (size - pos < buf.capacity()) {
                buf.limit((int) (size - pos));
            }
            r.readFully(pos, buf);
            out.write(buf.array(), 0, buf.position());
            pos += buf.position();
        }
        out.flush();
        if (out instanceof PrintStream && ((PrintStream) out).checkError()) {
            throw new IOException("standard output: write failed (closed pipe or disk full)");
        }
    }

    @Override
    String hint(Exception e) {
        String h = Ext4Support.hint(e, file, lenient);
        return h != null ? h : super.hint(e);
    }
}
