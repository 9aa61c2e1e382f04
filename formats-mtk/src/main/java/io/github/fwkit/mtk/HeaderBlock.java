package io.github.fwkit.mtk;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The header block the Download Agent writes at flash 0 (MAUI {@code sf_header.h},
 * {@code br_header_block.h}; little-endian). It is not a kit file: every download regenerates it.
 *
 * <pre>
 *  flash 0            SF_HEADER              dev_rw_unit   BRLYT (BR_Layout_v1)
 *                     +0x00 char[12] "SF_BOOT"             +0x00 char[8] "BRLYT"
 *                     +0x0C u32 version 1                  +0x08 u32 version 1
 *                     +0x10 u32 dev_rw_unit                +0x0C u32 boot_region_dev_addr
 *                                                          +0x10 u32 main_region_dev_addr
 *                                                          +0x14 BL_Descriptor[8], 20 bytes each:
 *                                                                u32 magic "BBBB", u8 dev, u8 pad,
 *                                                                u16 bl_type (1 ARM_BL, 2 EXT_BL),
 *                                                                u32 begin, u32 boundary (exclusive),
 *                                                                u32 attribute
 * </pre>
 *
 * @param offset where "SF_BOOT" is in the input
 * @param version SF_HEADER version (1)
 * @param devRwUnit {@code dev_rw_unit}: the BRLYT is at flash {@code 0 + dev_rw_unit}
 * @param layout the BRLYT record, when it is where {@code dev_rw_unit} says
 * @since 0.1.0
 */
public record HeaderBlock(long offset, long version, long devRwUnit, Optional<Layout> layout) {
    /** The four 512-byte records (device header, BRLYT, BRTTBL, EPP) take flash 0 to 0x7FF. */
    public static final long SIZE = 0x800;

    public HeaderBlock {
        Objects.requireNonNull(layout, "layout");
    }

    /**
     * The BRLYT record.
     *
     * @param offset where "BRLYT" is in the input
     * @param version BRLYT version (1)
     * @param bootRegionAddress {@code boot_region_dev_addr}, a flash offset on NOR/SF
     * @param mainRegionAddress {@code main_region_dev_addr}
     * @param descriptors the eight descriptor slots, used or not
     */
    public record Layout(long offset, long version, long bootRegionAddress, long mainRegionAddress,
                         List<Descriptor> descriptors) {
        public Layout {
            descriptors = List.copyOf(descriptors);
        }

        /** Slots with the "BBBB" magic. */
        public List<Descriptor> used() {
            return descriptors.stream().filter(Descriptor::present).toList();
        }
    }

    /**
     * One {@code BL_Descriptor} slot.
     *
     * @param slot 0 to 7
     * @param offset where the slot is in the input
     * @param magic 0x42424242 ("BBBB") when a bootloader is present
     * @param device {@code dev}, 7 = serial flash
     * @param type {@code bl_type}: GFH file type, 1 ARM_BL, 2 ARM_EXT_BL
     * @param begin {@code begin_dev_addr}, a flash offset on NOR/SF
     * @param boundary {@code boundary_dev_addr} = begin + length, exclusive
     * @param attribute {@code attribute}, copied from the image's BL_INFO
     */
    public record Descriptor(int slot, long offset, long magic, int device, int type, long begin, long boundary,
                             long attribute) {
        /** The magic of a used slot. */
        public static final long PRESENT = 0x42424242L;

        /** Whether the slot has the "BBBB" magic. */
        public boolean present() {
            return magic == PRESENT;
        }
    }
}
