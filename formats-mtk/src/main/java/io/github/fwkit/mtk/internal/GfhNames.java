package io.github.fwkit.mtk.internal;

import io.github.fwkit.mtk.KitRegion;

import java.util.Locale;
import java.util.Map;

/**
 * Names of GFH file types and record types, their cfg regions and kit file names (spec §4.4,
 * §4.5, §8.6; values from MAUI {@code br_GFH_file_info.h}, {@code br_GFH.h}, the Kaitai enums and
 * MediaTek's downloader {@code download_images.h}). Real SV5 data uses these hex values; one older
 * header's decimal numbering (PRIMARY_MAUI = 100) is never seen in dumps.
 */
public final class GfhNames {
    public static final int ARM_BL = 0x0001;
    public static final int ARM_EXT_BL = 0x0002;
    public static final int DUALMAC_DSP_BL = 0x0003;
    public static final int ROOT_CERT = 0x000A;
    public static final int PRIMARY_MAUI = 0x0100;
    public static final int VIVA = 0x0108;

    public static final int REC_FILE_INFO = 0x0000;
    public static final int REC_BL_INFO = 0x0001;
    public static final int REC_CMEM_ID_INFO = 0x0102;
    public static final int REC_CMEM_NOR_INFO = 0x0103;
    public static final int REC_MAUI_INFO = 0x0200;
    public static final int REC_MAUI_SEC = 0x0201;
    public static final int REC_MAUI_CODE_KEY = 0x0202;
    public static final int REC_MAUI_SECURE_RO_KEY = 0x0203;
    public static final int REC_MAUI_RESOURCE_KEY = 0x0204;
    public static final int REC_FLASH_INFO = 0x0207;
    public static final int REC_ARM_BL_INFO = 0x0209;

    private static final Map<Integer, String> FILE_TYPES = Map.ofEntries(
            Map.entry(0x0000, "NONE"),
            Map.entry(0x0001, "ARM_BL"),
            Map.entry(0x0002, "ARM_EXT_BL"),
            Map.entry(0x0003, "DUALMAC_DSP_BL"),
            Map.entry(0x0004, "SCTRL_CERT"),
            Map.entry(0x0005, "TOOL_AUTH"),
            Map.entry(0x0006, "MTK_RESERVED1"),
            Map.entry(0x0007, "EPP"),
            Map.entry(0x0008, "MTK_RESERVED2"),
            Map.entry(0x0009, "MTK_RESERVED3"),
            Map.entry(0x000A, "ROOT_CERT"),
            Map.entry(0x000B, "AP_BL"),
            Map.entry(0x0100, "PRIMARY_MAUI"),
            Map.entry(0x0101, "SECONDARY_MAUI"),
            Map.entry(0x0102, "ON_DEMAND_PAGING"),
            Map.entry(0x0103, "THIRD_ROM"),
            Map.entry(0x0104, "DSP_ROM"),
            Map.entry(0x0105, "CACHED_DSP_ROM"),
            Map.entry(0x0106, "PRIMARY_FACTORY_BIN"),
            Map.entry(0x0107, "SECONDARY_FACTORY_BIN"),
            Map.entry(0x0108, "VIVA"),
            Map.entry(0x0109, "LTE_DSP_ROM"),
            Map.entry(0x0180, "CUSTOM_PACK"),
            Map.entry(0x0181, "LANGUAGE_PACK"),
            Map.entry(0x0182, "JUMP_TABLE"),
            Map.entry(0x0200, "FOTA_UE"),
            Map.entry(0x0201, "ARM_EXT_BL_BACKUP"),
            Map.entry(0x0300, "SECURE_RO_S"),
            Map.entry(0x0301, "SECURE_RO_ME"),
            Map.entry(0x0400, "CARD_DOWNLOAD_PACKAGE"),
            Map.entry(0x0401, "CONFIDENTIAL_BINARY"),
            Map.entry(0x0480, "FILE_SYSTEM"),
            Map.entry(0x0500, "BOOT_CERT"));

    /** Kit file names of the cfgGen layout (spec §8.6); the ARM_BL name is built from the build name. */
    private static final Map<Integer, String> KIT_NAMES = Map.ofEntries(
            Map.entry(0x0001, "BOOTLOADER"),
            Map.entry(0x0002, "EXT_BOOTLOADER"),
            Map.entry(0x0003, "DSP_BL"),
            Map.entry(0x000A, "ROOT_CERT"),
            Map.entry(0x0100, "ROM"),
            Map.entry(0x0101, "SECONDARY_ROM"),
            Map.entry(0x0102, "DEMAND_PAGING_ROM0"),
            Map.entry(0x0103, "THIRD_ROM"),
            Map.entry(0x0104, "DSP_ROM"),
            Map.entry(0x0105, "DSP_ROM"),
            Map.entry(0x0108, "VIVA"),
            Map.entry(0x0180, "CUSTPACK_ROM"),
            Map.entry(0x0181, "LANG_PACK_ROM"),
            Map.entry(0x0182, "JUMP_TABLE"),
            Map.entry(0x0301, "SECURE_RO_ME"),
            Map.entry(0x0500, "BOOT_CERT"));

    private static final Map<Integer, String> RECORD_TYPES = Map.ofEntries(
            Map.entry(0x0000, "FILE_INFO"),
            Map.entry(0x0001, "BL_INFO"),
            Map.entry(0x0002, "ANTI_CLONE"),
            Map.entry(0x0003, "BL_SEC_KEY"),
            Map.entry(0x0004, "SCTRL_CERT"),
            Map.entry(0x0005, "TOOL_AUTH"),
            Map.entry(0x0006, "MTK_RESERVED1"),
            Map.entry(0x0007, "BROM_CFG"),
            Map.entry(0x0008, "BROM_SEC_CFG"),
            Map.entry(0x0009, "MTK_RESERVED2"),
            Map.entry(0x000A, "MTK_RESERVED3"),
            Map.entry(0x000B, "ROOT_CERT"),
            Map.entry(0x000C, "EXP_CHK"),
            Map.entry(0x000D, "EPP_PARAM"),
            Map.entry(0x000E, "CHIP_VER"),
            Map.entry(0x000F, "MTK_RESERVED4"),
            Map.entry(0x0010, "MD_SEC_CFG"),
            Map.entry(0x0100, "EPP_INFO"),
            Map.entry(0x0101, "EMI_LIST"),
            Map.entry(0x0102, "CMEM_ID_INFO"),
            Map.entry(0x0103, "CMEM_NOR_INFO"),
            Map.entry(0x0104, "DSP_INFO"),
            Map.entry(0x0200, "MAUI_INFO"),
            Map.entry(0x0201, "MAUI_SEC"),
            Map.entry(0x0202, "MAUI_CODE_KEY"),
            Map.entry(0x0203, "MAUI_SECURE_RO_KEY"),
            Map.entry(0x0204, "MAUI_RESOURCE_KEY"),
            Map.entry(0x0205, "SECURE_RO_INFO"),
            Map.entry(0x0206, "DL_PACKAGE_INFO"),
            Map.entry(0x0207, "FLASH_INFO"),
            Map.entry(0x0208, "MACR_INFO"),
            Map.entry(0x0209, "ARM_BL_INFO"),
            Map.entry(0x020A, "EMMC_BOOTING_INFO"),
            Map.entry(0x020B, "FOTA_INFO"),
            Map.entry(0x020C, "CBR_RECORD_INFO"),
            Map.entry(0x020D, "CONFIDENTIAL_BIN_INFO"),
            Map.entry(0x020E, "CBR_INFO"),
            Map.entry(0x020F, "MBA_INFO"),
            Map.entry(0x0210, "BINARY_LOCATION"),
            Map.entry(0x0300, "BOOT_CERT_CTRL_CONTENT"));

    private GfhNames() {
    }

    /** The name of a {@code file_type}; unknown types are {@code FILE_xxxx} (the spec's kit name for them). */
    public static String fileType(int type) {
        String known = FILE_TYPES.get(type);
        if (known != null) {
            return known;
        }
        if (type >= 0x0600 && type <= 0x0607) {
            return "CUSTOM_BIN_" + (type - 0x05FF);
        }
        if (type >= 0x7000 && type <= 0x7002) {
            return "CUSTOMER_BIN" + (type - 0x6FFF);
        }
        return String.format(Locale.ROOT, "FILE_%04X", type);
    }

    /** The name of a GFH record type, {@code GFH_xxxx} when unknown. */
    public static String recordType(int type) {
        String known = RECORD_TYPES.get(type);
        return known != null ? known : String.format(Locale.ROOT, "GFH_%04X", type);
    }

    /** Whether {@code file_type} has a name in the tables (or a known numbered range). */
    public static boolean knownFileType(int type) {
        return FILE_TYPES.containsKey(type) || type >= 0x0600 && type <= 0x0607 || type >= 0x7000 && type <= 0x7002;
    }

    /** The cfg region of a {@code file_type}; unknown types go to the main region (spec §4.4: keep them). */
    public static KitRegion region(int type) {
        switch (type) {
            case 0x0001, 0x0002, 0x0003, 0x000A:
                return KitRegion.BOOT;
            case 0x0301:
                return KitRegion.CONTROL_BLOCK;
            case 0x0480:
                return KitRegion.FILE_SYSTEM;
            case 0x0000, 0x0004, 0x0005, 0x0006, 0x0007, 0x0008, 0x0009, 0x000B, 0x0106, 0x0107, 0x0109, 0x0200,
                    0x0201, 0x0300, 0x0400, 0x0401:
                return KitRegion.NOT_FLASHABLE;
            default:
                return KitRegion.MAIN;
        }
    }

    /** The cfgGen kit name of a type (the ARM_BL's long name is built elsewhere). */
    public static String kitName(int type) {
        String known = KIT_NAMES.get(type);
        if (known != null) {
            return known;
        }
        if (type >= 0x0600 && type <= 0x0607 || type >= 0x7000 && type <= 0x7002) {
            return fileType(type);
        }
        return String.format(Locale.ROOT, "FILE_%04X", type);
    }
}
