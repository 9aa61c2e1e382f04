package io.github.fwkit.ext4.internal;

import java.util.ArrayList;
import java.util.List;

/** Feature flag bits and their names as e2fsprogs' {@code lib/e2p/feature.c} prints them. */
final class Features {
    static final long COMPAT_HAS_JOURNAL = 0x4;
    static final long COMPAT_EXT_ATTR = 0x8;
    static final long COMPAT_DIR_INDEX = 0x20;
    static final long COMPAT_SPARSE_SUPER2 = 0x200;

    static final long INCOMPAT_COMPRESSION = 0x1;
    static final long INCOMPAT_FILETYPE = 0x2;
    static final long INCOMPAT_RECOVER = 0x4;
    static final long INCOMPAT_JOURNAL_DEV = 0x8;
    static final long INCOMPAT_META_BG = 0x10;
    static final long INCOMPAT_EXTENTS = 0x40;
    static final long INCOMPAT_64BIT = 0x80;
    static final long INCOMPAT_MMP = 0x100;
    static final long INCOMPAT_FLEX_BG = 0x200;
    static final long INCOMPAT_EA_INODE = 0x400;
    static final long INCOMPAT_DIRDATA = 0x1000;
    static final long INCOMPAT_CSUM_SEED = 0x2000;
    static final long INCOMPAT_LARGEDIR = 0x4000;
    static final long INCOMPAT_INLINE_DATA = 0x8000;
    static final long INCOMPAT_ENCRYPT = 0x10000;
    static final long INCOMPAT_CASEFOLD = 0x20000;
    /** Every INCOMPAT bit this reader knows; others mean the layout may be one it cannot read. */
    static final long INCOMPAT_KNOWN = 0x1 | 0x2 | 0x4 | 0x8 | 0x10 | 0x40 | 0x80 | 0x100 | 0x200 | 0x400 | 0x1000
            | 0x2000 | 0x4000 | 0x8000 | 0x10000 | 0x20000;

    static final long RO_COMPAT_SPARSE_SUPER = 0x1;
    static final long RO_COMPAT_LARGE_FILE = 0x2;
    static final long RO_COMPAT_HUGE_FILE = 0x8;
    static final long RO_COMPAT_GDT_CSUM = 0x10;
    static final long RO_COMPAT_DIR_NLINK = 0x20;
    static final long RO_COMPAT_EXTRA_ISIZE = 0x40;
    static final long RO_COMPAT_BIGALLOC = 0x200;
    static final long RO_COMPAT_METADATA_CSUM = 0x400;
    static final long RO_COMPAT_SHARED_BLOCKS = 0x4000;
    static final long RO_COMPAT_KNOWN = 0x1 | 0x2 | 0x4 | 0x8 | 0x10 | 0x20 | 0x40 | 0x80 | 0x100 | 0x200 | 0x400 | 0x800
            | 0x1000 | 0x2000 | 0x4000 | 0x8000 | 0x10000;

    private static final String[] COMPAT = {"dir_prealloc", "imagic_inodes", "has_journal", "ext_attr", "resize_inode",
        "dir_index", "lazy_bg", null, "snapshot_bitmap", "sparse_super2", "fast_commit", "stable_inodes", "orphan_file"};
    private static final String[] INCOMPAT = {"compression", "filetype", "needs_recovery", "journal_dev", "meta_bg",
        null, "extent", "64bit", "mmp", "flex_bg", "ea_inode", null, "dirdata", "metadata_csum_seed", "large_dir",
        "inline_data", "encrypt", "casefold"};
    private static final String[] RO_COMPAT = {"sparse_super", "large_file", null, "huge_file", "uninit_bg",
        "dir_nlink", "extra_isize", "snapshot", "quota", "bigalloc", "metadata_csum", "replica", "read-only",
        "project", "shared_blocks", "verity", "orphan_present"};

    private Features() {
    }

    /** The names of the set bits, in e2fsprogs' order (compat, incompat, ro_compat; by bit). */
    static List<String> names(long compat, long incompat, long roCompat) {
        List<String> out = new ArrayList<>();
        add(out, compat, COMPAT, 'C');
        add(out, incompat, INCOMPAT, 'I');
        add(out, roCompat, RO_COMPAT, 'R');
        return out;
    }

    private static void add(List<String> out, long bits, String[] names, char kind) {
        for (int i = 0; i < 32; i++) {
            if ((bits & (1L << i)) != 0) {
                String n = i < names.length ? names[i] : null;
                out.add(n != null ? n : "FEATURE_" + kind + i);
            }
        }
    }
}
