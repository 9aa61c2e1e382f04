package io.github.fwkit.sparse;

/**
 * The file header of an Android sparse image.
 *
 * <pre>
 *  0x00 u32le magic          0xED26FF3A
 *  0x04 u16le major_version  1
 *  0x06 u16le minor_version  0 (any accepted)
 *  0x08 u16le file_hdr_sz    28 (Samsung: 32; extra bytes skipped)
 *  0x0A u16le chunk_hdr_sz   12 (Samsung: 16; extra bytes skipped)
 *  0x0C u32le blk_sz         non-zero multiple of 4, 4096 in practice
 *  0x10 u32le total_blks     blocks in the expanded image
 *  0x14 u32le total_chunks   chunks, CRC32 chunks included
 *  0x18 u32le image_checksum unused (libsparse writes 0, never reads it)
 * </pre>
 *
 * @param majorVersion always 1 in a readable image
 * @param minorVersion any value
 * @param fileHeaderSize bytes of file header, at least 28
 * @param chunkHeaderSize bytes of every chunk header, at least 12
 * @param blockSize bytes per block
 * @param totalBlocks blocks in the expanded image (unsigned 32-bit)
 * @param totalChunks chunks in the file (unsigned 32-bit)
 * @param imageChecksum the unused checksum field
 * @since 0.1.0
 */
public record SparseHeader(int majorVersion, int minorVersion, int fileHeaderSize, int chunkHeaderSize,
                           int blockSize, long totalBlocks, long totalChunks, long imageChecksum) {

    /** The magic number, {@code 0xED26FF3A}; stored little-endian as {@code 3A FF 26 ED}. */
    public static final int MAGIC = 0xED26FF3A;
    /** The standard file header size. */
    public static final int FILE_HEADER_SIZE = 28;
    /** The standard chunk header size. */
    public static final int CHUNK_HEADER_SIZE = 12;

    /** The expanded image length, {@code totalBlocks * blockSize}. */
    public long expandedSize() {
        return totalBlocks * blockSize;
    }
}
