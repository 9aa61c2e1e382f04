package io.github.fwkit.ext4.internal;

import io.github.fwkit.core.ImageReader;
import io.github.fwkit.ext4.DirEntry;
import io.github.fwkit.ext4.Ext4Options;
import io.github.fwkit.ext4.Ext4Volume;
import io.github.fwkit.ext4.ExtractOptions;
import io.github.fwkit.ext4.Stat;
import io.github.fwkit.ext4.WalkVisitor;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Hostile input: valid images with metadata bytes mutated (superblock, descriptors, inode
 * tables, directory, extent, indirect and xattr blocks), and random bytes. Opening, walking,
 * reading, checking and extracting may only end in an {@link IOException} (usually a
 * {@link io.github.fwkit.core.FormatException}); extraction never writes outside its folder.
 * The base images are committed ({@code hostile/make-bases.sh} makes them), so this runs without
 * e2fsprogs. Shrunk counterexamples are kept in {@link HostileRegressionTest}.
 */
class HostileProperties {
    /** The three bases: extents + htree + xattr block; inline data; ext2 block maps. */
    static final List<String> BASES = List.of("base-a", "base-b", "base-c");
    private static final Map<String, Base> CACHE = new ConcurrentHashMap<>();

    /** A base image and the byte ranges of each kind of metadata in it. */
    record Base(String name, byte[] bytes, Map<Region, List<long[]>> regions) {
    }

    enum Region { SUPERBLOCK, DESCRIPTORS, INODE_TABLE, DIRECTORY, MAP_BLOCKS, XATTR_BLOCK, ANYWHERE }

    /**
     * One change: in {@code region}, at fraction {@code where} of its bytes, apply {@code kind}
     * (0 random byte, 1 flip a bit, 2 write a u32, 3 write a u16, 4 zero 16 bytes) with {@code value}.
     */
    record Mutation(Region region, double where, int kind, long value) {
    }

    static Base base(String name) {
        return CACHE.computeIfAbsent(name, n -> {
            try (InputStream in = new GZIPInputStream(HostileProperties.class.getResourceAsStream(
                    "/io/github/fwkit/ext4/hostile/" + n + ".img.gz"))) {
                byte[] b = in.readAllBytes();
                return new Base(n, b, regions(b));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Finds the metadata of a valid image with the reader itself. */
    private static Map<Region, List<long[]>> regions(byte[] img) throws IOException {
        Map<Region, List<long[]>> r = new java.util.EnumMap<>(Region.class);
        for (Region x : Region.values()) {
            r.put(x, new ArrayList<>());
        }
        try (Fs fs = Fs.open(ImageReader.of(img), Ext4Options.STRICT, false)) {
            int bs = fs.blockSize;
            r.get(Region.SUPERBLOCK).add(new long[] {1024, 1024});
            for (long i = 0; i < fs.sb.descBlocks; i++) {
                r.get(Region.DESCRIPTORS).add(new long[] {fs.sb.descriptorBlock(i) * bs, bs});
            }
            for (int g = 0; g < fs.sb.groups; g++) {
                long used = fs.groups.initialisedInodes(g, fs.sb) * fs.sb.inodeSize;
                if (used > 0) {
                    r.get(Region.INODE_TABLE).add(new long[] {fs.groups.inodeTable[g] * bs, used});
                }
            }
            Ext4Volume vol = Ext4Volume.open(ImageReader.of(img));
            List<Long> inodes = new ArrayList<>();
            vol.walk("/", (p, e, s) -> {
                inodes.add(s.inode());
                return FileVisitResult.CONTINUE;
            });
            for (long ino : inodes) {
                Inode in = fs.inode(ino);
                if (in.fileAcl != 0) {
                    r.get(Region.XATTR_BLOCK).add(new long[] {in.fileAcl * bs, bs});
                }
                if (in.flag(Fs.INLINE_DATA_FL) || (in.isSymlink() && fs.isFastSymlink(in)) || !(in.isDir()
                        || in.isReg() || in.isSymlink())) {
                    continue;
                }
                for (long b : BlockMaps.mapBlocks(fs, in)) {
                    r.get(Region.MAP_BLOCKS).add(new long[] {b * bs, bs});
                }
                if (in.isDir()) {
                    Runs runs = fs.runs(in, Reporter.IGNORE);
                    for (int k = 0; k < runs.size(); k++) {
                        r.get(Region.DIRECTORY).add(new long[] {runs.physical(k) * bs, runs.length(k) * bs});
                    }
                }
            }
            r.get(Region.ANYWHERE).add(new long[] {0, img.length});
        }
        r.values().removeIf(List::isEmpty);
        return r;
    }

    static byte[] mutate(Base base, List<Mutation> muts) {
        byte[] img = base.bytes().clone();
        for (Mutation m : muts) {
            List<long[]> ranges = base.regions().getOrDefault(m.region(), base.regions().get(Region.ANYWHERE));
            long total = ranges.stream().mapToLong(x -> x[1]).sum();
            long k = Math.min(total - 1, (long) (m.where() * total));
            long off = -1;
            for (long[] x : ranges) {
                if (k < x[1]) {
                    off = x[0] + k;
                    break;
                }
                k -= x[1];
            }
            int o = (int) Math.min(off, img.length - 16);
            long v = m.value();
            switch (m.kind()) {
                case 0 -> img[o] = (byte) v;
                case 1 -> img[o] ^= (byte) (1 << (v & 7));
                case 2 -> {
                    o &= ~3;
                    for (int i = 0; i < 4; i++) {
                        img[o + i] = (byte) (v >>> (8 * i));
                    }
                }
                case 3 -> {
                    o &= ~1;
                    img[o] = (byte) v;
                    img[o + 1] = (byte) (v >>> 8);
                }
                default -> java.util.Arrays.fill(img, o, o + 16, (byte) 0);
            }
        }
        return img;
    }

    @Provide
    Arbitrary<Mutation> mutation() {
        Arbitrary<Long> values = Arbitraries.oneOf(Arbitraries.of(0L, 1L, 2L, 3L, 4L, 12L, 0xFFFFL, 0x8000L, 0x7FFFFFFFL,
                0x80000000L, 0xFFFFFFFFL, 511L, 512L, 1024L, 0xF30AL, 0xEA020000L), Arbitraries.longs());
        return Combinators.combine(Arbitraries.of(Region.class), Arbitraries.doubles().between(0, 1),
                Arbitraries.integers().between(0, 4), values).as(Mutation::new);
    }

    @Property(tries = 600)
    void mutatedImagesFailCleanly(@ForAll("baseNames") String base, @ForAll("mutations") List<Mutation> muts,
                                  @ForAll boolean lenient) throws IOException {
        String outcome = exercise(mutate(base(base), muts), lenient);
        Statistics.label("outcome").collect(outcome);
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        return mutation().list().ofMinSize(1).ofMaxSize(6);
    }

    @Provide
    Arbitrary<String> baseNames() {
        return Arbitraries.of(BASES);
    }

    @Property(tries = 300)
    void randomBytesFailCleanly(@ForAll @Size(min = 0, max = 12000) byte[] bytes, @ForAll boolean magic,
                                @ForAll @IntRange(min = 0, max = 6) int logBlock) throws IOException {
        byte[] img = java.util.Arrays.copyOf(bytes, Math.max(bytes.length, magic ? 2048 : 0));
        if (magic) {
            img[0x438] = 0x53;
            img[0x439] = (byte) 0xEF;
            img[0x418] = (byte) logBlock;
        }
        Statistics.label("lenient").collect(exercise(img, true));
        Statistics.label("strict").collect(exercise(img, false));
    }

    /** Everything a user can do with a volume; only IOExceptions may come out. */
    static String exercise(byte[] img, boolean lenient) throws IOException {
        Path tmp = Files.createTempDirectory("ext4-hostile");
        try {
            Ext4Volume vol;
            try {
                vol = Ext4Volume.open(ImageReader.of(img), lenient ? Ext4Options.LENIENT : Ext4Options.STRICT);
            } catch (IOException e) {
                return "open fails";
            }
            String outcome = "walk completes";
            try (vol) {
                vol.info().toString();
                Reader reader = new Reader(vol, new int[2]);
                try {
                    vol.walk("/", reader);
                } catch (IOException e) {
                    outcome = "walk fails";
                }
                if (reader.counts()[1] > 0 && outcome.equals("walk completes")) {
                    outcome = "walk completes, some entries fail";
                }
                try {
                    vol.check().toString();
                } catch (IOException e) {
                    // allowed
                }
                Path out = tmp.resolve("out");
                try {
                    vol.extract("/", out, ExtractOptions.DEFAULTS.withMaxDataBytes(16 << 20)).toString();
                } catch (IOException e) {
                    // allowed
                }
                try (Stream<Path> s = Files.list(tmp)) {
                    List<String> names = s.map(p -> p.getFileName().toString()).toList();
                    assertEquals(names.isEmpty() ? List.of() : List.of("out"), names, "wrote outside the output folder");
                }
            }
            return outcome;
        } finally {
            delete(tmp);
        }
    }

    /** Reads what each entry offers: inode, up to 64 KiB of contents and their extents, link targets, xattrs. */
    private record Reader(Ext4Volume vol, int[] counts) implements WalkVisitor {
        @Override
        public FileVisitResult visit(String path, DirEntry entry, Stat stat) throws IOException {
            try {
                vol.stat(entry.inode());
                vol.xattrs(entry.inode());
                if (stat.isRegularFile()) {
                    ImageReader r = vol.open(stat.inode());
                    int n = (int) Math.min(r.size(), 65536);
                    r.readBytes(0, n);
                    r.extents();
                    vol.lookup(path, LinkOption.NOFOLLOW_LINKS);
                } else if (stat.isSymbolicLink()) {
                    vol.readSymbolicLink(stat.inode());
                    vol.lookup(path);
                } else if (stat.isDirectory()) {
                    vol.list(stat.inode());
                    // a name that is not there: an indexed folder answers it from the hash tree
                    try {
                        vol.lookup((path.equals("/") ? "" : path) + "/absent-" + counts[0], LinkOption.NOFOLLOW_LINKS);
                    } catch (IOException expected) {
                        // NoSuchFileException, or the damage found on the way
                    }
                }
                counts[0]++;
            } catch (IOException e) {
                counts[1]++;
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFailed(String path, DirEntry entry, IOException error) {
            counts[1]++;
            return FileVisitResult.CONTINUE;
        }
    }

    static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    p.toFile().setWritable(true);
                }
                Files.delete(p);
            }
        }
    }
}
