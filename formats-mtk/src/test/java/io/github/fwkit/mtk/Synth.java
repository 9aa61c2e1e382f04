package io.github.fwkit.mtk;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A small synthetic SV5 readback shaped like the corpus one, for rules and edge cases: a 256 KiB
 * chip with header block, ARM_BL at 0x800, EXT_BL at 0x2000, ROM at 0x4000, VIVA 0x400 after
 * the ROM, FAT 0x20000 + 0x1E000 and SDS 0x3E000 + 0x2000. Fields are public to tweak one thing
 * per test.
 */
final class Synth {
    static final int CHIP = 0x40000;
    static final String PLATFORM_ID = "TESTBOARD_PCB01_gprs_MT6261_S00.MAUI_11CW1234SP5_W20_01.bin";
    static final String VERNO = "MAUI.11CW1234SP5.W20.01";

    int chip = CHIP;
    long blAt = 0x800;
    long extAt = 0x2000;
    long romAt = 0x4000;
    long fatBegin = 0x20000;
    long fatLength = 0x1E000;
    long sdsBase = 0x3E000;
    long sdsLength = 0x2000;
    long blPaired = 1;
    long blFeatures = 0x560;
    long romPaired = 1;
    long romFeatures = 0x100;
    int[][] cmemIds = {{0xEF, 0x40, 0x12}, {0xC8, 0x40, 0x12}};
    boolean header = true;
    boolean romEndMarker = true;
    int romCodeLength = 0x8000;

    byte[] bootloader() {
        return new GfhBuilder(0x0001, 0x70006000L).phash()
                .record(1, 0x0001, GfhBuilder.u32s(1))
                .record(1, 0x0209, GfhBuilder.concat(GfhBuilder.u32s(blPaired, blFeatures, 0), new byte[8]))
                .code(code(0x300, 11)).build();
    }

    byte[] extBootloader() {
        byte[] code = code(0xC00, 13);
        byte[] version = "\0V007\0".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(version, 0, code, 0x400, version.length);
        return new GfhBuilder(0x0002, 0x10000000L + extAt).phash()
                .record(1, 0x0001, GfhBuilder.u32s(0))
                .record(1, 0x0209, GfhBuilder.concat(GfhBuilder.u32s(blPaired, blFeatures, 0), new byte[8]))
                .code(code).build();
    }

    byte[] rom() {
        byte[] maui = GfhBuilder.concat(GfhBuilder.field(PLATFORM_ID, 128), GfhBuilder.field(VERNO, 64),
                GfhBuilder.u32s(romPaired, romFeatures, 0, 0, 1, sdsBase, sdsLength, 1, 0, 0), new byte[64]);
        ByteBuffer flash = ByteBuffer.allocate(0x74).order(ByteOrder.LITTLE_ENDIAN);
        flash.position(8);
        flash.putShort((short) 3).putShort((short) 0);
        flash.putShort((short) cmemIds[0][0]).putShort((short) cmemIds[0][1]).putShort((short) cmemIds[0][2])
                .putShort((short) 0).putInt((int) fatBegin).putInt((int) fatLength);
        ByteBuffer cmem = ByteBuffer.allocate(8 + 10 * cmemIds.length).order(ByteOrder.LITTLE_ENDIAN);
        cmem.putInt(1).putInt(cmemIds.length);
        for (int[] id : cmemIds) {
            cmem.put((byte) 3).put((byte) id.length);
            for (int k = 0; k < 8; k++) {
                cmem.put((byte) (k < id.length ? id[k] : 0));
            }
        }
        ByteBuffer nor = ByteBuffer.allocate(8 + 0x88).order(ByteOrder.LITTLE_ENDIAN);
        nor.putInt(2).putInt(1).putShort((short) 0).putShort((short) 0x40).putInt(0x64).putInt(0).putInt(0x10000);
        nor.position(8 + 0x48);
        nor.putInt(chip).putInt(1);
        byte[] code = code(romCodeLength, 7);
        byte[] release = ("\u0001MT6261\0IOT_MMI\0" + VERNO + "\0TESTBOARD_HW\0" + "2020/01/02 03:04\0BUILD_NO\0"
                + "11CW1234SP5 TESTBOARD\0TESTBOARD_DEV_BOARD\0PLUTO_MMI\0\u0001").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(release, 0, code, romCodeLength - 0x200, release.length);
        byte[] end = romEndMarker ? new byte[] {0, 'D', 'N', 'E', -1, -1, -1, -1} : new byte[] {1, 2, 3, 4, 5, 6, 7, 8};
        System.arraycopy(end, 0, code, romCodeLength - 8, 8);
        return new GfhBuilder(0x0100, 0x10000000L + romAt)
                .record(2, 0x0200, maui)
                .record(1, 0x0207, flash.array())
                .record(1, 0x0102, cmem.array())
                .record(1, 0x0103, nor.array())
                .code(code).build();
    }

    long vivaAt() {
        return romAt + rom().length + 0x400;
    }

    byte[] viva() {
        long at = vivaAt();
        byte[] code = code(0x3000, 5);
        // the address table (spec §9): base = load address, ALICE right after the table
        long load = 0x10000000L + at;
        System.arraycopy(GfhBuilder.u32s(load, 0, 0, 0, load + 0x4C), 0, code, 0, 20);
        System.arraycopy("ALICE_1\0".getBytes(StandardCharsets.US_ASCII), 0, code, 0x4C - 0x38, 8);
        return new GfhBuilder(0x0108, load).code(code).patch(0x30, 0).build();
    }

    /** The whole chip. */
    byte[] dump() {
        byte[] f = new byte[chip];
        Arrays.fill(f, (byte) 0xFF);
        byte[] bl = bootloader();
        byte[] ext = extBootloader();
        if (header) {
            Arrays.fill(f, 0, 0x400, (byte) 0);
            ByteBuffer h = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
            h.put(0, "SF_BOOT".getBytes(StandardCharsets.US_ASCII)).putInt(0x0C, 1).putInt(0x10, 0x200);
            h.put(0x200, "BRLYT".getBytes(StandardCharsets.US_ASCII)).putInt(0x208, 1).putInt(0x20C, (int) blAt)
                    .putInt(0x210, (int) (extAt + ext.length));
            h.putInt(0x214, 0x42424242).put(0x218, (byte) 7).putShort(0x21A, (short) 1).putInt(0x21C, (int) blAt)
                    .putInt(0x220, (int) (blAt + bl.length)).putInt(0x224, 1);
            h.putInt(0x228, 0x42424242).put(0x22C, (byte) 7).putShort(0x22E, (short) 2).putInt(0x230, (int) extAt)
                    .putInt(0x234, (int) (extAt + ext.length)).putInt(0x238, 0);
        }
        put(f, blAt, bl);
        put(f, extAt, ext);
        put(f, romAt, rom());
        put(f, vivaAt(), viva());
        for (long x = fatBegin; x < fatBegin + 0x1000 && x < f.length; x++) {
            f[(int) x] = (byte) (x ^ 0x5A);
        }
        return f;
    }

    static void put(byte[] f, long at, byte[] b) {
        System.arraycopy(b, 0, f, (int) at, b.length);
    }

    /**
     * Code-like filler: never a whole sector of 0xFF or 0x00, and free of the FILE_INFO key and
     * of 'V' strings that could be mistaken for a version.
     */
    static byte[] code(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (((i * seed) ^ (i >>> 8)) & 0x7F | 0x01);
        }
        // ARM entry: LDR PC, [PC, #0x18]
        b[0] = 0x18;
        b[1] = (byte) 0xF0;
        b[2] = (byte) 0x9F;
        b[3] = (byte) 0xE5;
        return b;
    }
}
