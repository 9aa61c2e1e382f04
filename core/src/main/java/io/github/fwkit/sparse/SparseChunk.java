package io.github.fwkit.sparse;

/**
 * One chunk of a sparse image, as found in the file.
 *
 * <pre>
 *  0 u16le chunk_type  0xCAC1 RAW, 0xCAC2 FILL, 0xCAC3 DONT_CARE, 0xCAC4 CRC32
 *  2 u16le reserved1   ignored
 *  4 u32le chunk_sz    output blocks covered (CRC32: always counted as 0)
 *  8 u32le total_sz    bytes in the file, header included
 * </pre>
 *
 * @param index position in the chunk table, from 0
 * @param type the kind of chunk
 * @param typeCode the raw {@code chunk_type} value (useful for {@link Type#UNKNOWN})
 * @param headerOffset file offset of the chunk header
 * @param dataOffset file offset of the chunk data (after the header and any extra header bytes)
 * @param startBlock first output block covered
 * @param blockCount output blocks covered (0 for CRC32)
 * @param totalSize the {@code total_sz} field: bytes in the file, header included
 * @param value for FILL the pattern and for CRC32 the stored CRC, both read as u32le; otherwise 0.
 *     A FILL pattern expands to its four bytes as stored in the file, i.e. the value written back
 *     little-endian.
 * @since 0.1.0
 */
public record SparseChunk(int index, Type type, int typeCode, long headerOffset, long dataOffset, long startBlock,
                          long blockCount, long totalSize, int value) {

    /** Chunk types. */
    public enum Type {
        /** Blocks stored verbatim. */
        RAW(0xCAC1),
        /** A 4-byte pattern repeated over the blocks. */
        FILL(0xCAC2),
        /** Blocks whose content does not matter: zeros when expanded to a file, untouched when flashed. */
        DONT_CARE(0xCAC3),
        /** A CRC32 of everything expanded before it; covers no blocks. */
        CRC32(0xCAC4),
        /** A type libsparse does not know (e.g. Sony's LZ4 0xCAC5), read only in lenient mode. */
        UNKNOWN(-1);

        private final int code;

        Type(int code) {
            this.code = code;
        }

        /** The {@code chunk_type} value, or -1 for {@link #UNKNOWN}. */
        public int code() {
            return code;
        }

        /** The type for a {@code chunk_type} value. */
        public static Type of(int code) {
            switch (code) {
                case 0xCAC1: return RAW;
                case 0xCAC2: return FILL;
                case 0xCAC3: return DONT_CARE;
                case 0xCAC4: return CRC32;
                default: return UNKNOWN;
            }
        }
    }

    /** The four fill bytes in expansion order (the bytes as stored in the file). */
    public byte[] fillBytes() {
        return new byte[] {(byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)};
    }

    /** Whether this chunk expands to zeros (DONT_CARE, a zero FILL, or an unknown chunk read leniently). */
    public boolean readsAsZeros() {
        return type == Type.DONT_CARE || type == Type.UNKNOWN || (type == Type.FILL && value == 0);
    }

    @Override
    public String toString() {
        String v = type == Type.FILL ? " fill=" + String.format("%08x", value)
                : type == Type.CRC32 ? " crc=" + String.format("%08x", value)
                : type == Type.UNKNOWN ? " type=0x" + Integer.toHexString(typeCode) : "";
        return "SparseChunk[#" + index + " " + type + v + " blocks " + startBlock + "+" + blockCount + " @0x"
                + Long.toHexString(headerOffset) + "]";
    }
}
