package io.github.fwkit.mtk;

import java.util.Objects;

/**
 * One part of a VIVA image (spec §9), as its address table names it: reported for
 * identification only; fwkit does not decompress the parts.
 *
 * @param name {@code ZIMAGE}, {@code BOOT_ZIMAGE}, {@code DCM} or {@code ALICE}
 * @param address its absolute (load) address from the table
 * @param offset where it starts in the input
 * @param size its size in bytes: up to the next part, or to the end of the image
 * @param detail what its own header says (e.g. {@code ALICE_1}, or the number of LZMA sections
 *     and their sizes), or a note that the header is not the expected one
 * @since 0.1.0
 */
public record VivaPart(String name, long address, long offset, long size, String detail) {
    public VivaPart {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(detail, "detail");
    }
}
