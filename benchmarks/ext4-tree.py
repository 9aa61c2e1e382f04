#!/usr/bin/env python3
"""Writes a folder shaped like an Android system partition, for the ext4 benchmarks.

usage: ext4-tree.py DIR [FILES (20000)] [DATA_MiB (800)]

Most entries are small (init scripts, permission XMLs, time zone data, sounds, libraries) in
nested folders; a few are large (an APK, the boot image, fonts); bin/ holds toybox-style
symbolic links, there is a sparse file and a pair of hard links. Contents are slices of a
random pool, so the tree is deterministic for a given seed and cheap to write.
"""
import os
import random
import sys

out = sys.argv[1]
files = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
data_mib = int(sys.argv[3]) if len(sys.argv) > 3 else 800
rnd = random.Random(1234)
pool = rnd.randbytes(16 << 20)
made = 0
budget = data_mib << 20


def write(rel, size):
    global made, budget
    size = max(0, min(size, budget))
    budget -= size
    path = os.path.join(out, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'wb') as f:
        left = size
        while left:
            n = min(left, len(pool) - 4096)
            at = rnd.randrange(0, len(pool) - n)
            f.write(pool[at:at + n])
            left -= n
    made += 1


def text(rel, lines):
    path = os.path.join(out, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as f:
        for i in range(lines):
            f.write('ro.%s.%d=%d\n' % (os.path.basename(rel), i, rnd.randrange(1 << 30)))
    global made
    made += 1


# The large files first, so the budget is spent as intended.
write('app/Chrome/Chrome.apk', 100 << 20)
write('framework/arm64/boot-framework.art', 40 << 20)
write('priv-app/GmsCore/GmsCore.apk', 80 << 20)
os.makedirs(os.path.join(out, 'lib'), exist_ok=True)
with open(os.path.join(out, 'lib', 'sparse.img'), 'wb') as f:  # 8 MiB, data at both ends only
    f.write(pool[:65536])
    f.seek((8 << 20) - 65536)
    f.write(pool[65536:131072])
made += 1
for i in range(40):
    write('fonts/Font%02d-Regular.ttf' % i, rnd.randrange(200 << 10, 4 << 20))

bins = ['toybox', 'toolbox', 'sh', 'linker64', 'servicemanager', 'surfaceflinger', 'installd', 'vold']
for b in bins:
    write('bin/' + b, rnd.randrange(50 << 10, 1 << 20))
for i in range(250):
    os.symlink('toybox', os.path.join(out, 'bin', 'tool%03d' % i))
    made += 1
os.symlink('/system/bin/linker64', os.path.join(out, 'bin', 'linker'))
# No trailing or doubled '/': Java normalises those away from link targets (the extractor notes it).
os.symlink(('../../some/where/far/away/outside/the/volume/and/long/enough/to/need/a/data/block/' * 2).rstrip('/'),
           os.path.join(out, 'bin', 'slowlink'))
os.link(os.path.join(out, 'bin', 'toolbox'), os.path.join(out, 'bin', 'toolbox-hardlink'))
made += 3

napps = 160
for i in range(napps):
    group = 'app' if i % 3 else 'priv-app'
    name = 'App%03d' % i
    write('%s/%s/%s.apk' % (group, name, name), int(rnd.lognormvariate(13.0, 1.2)))
    write('%s/%s/oat/arm64/%s.odex' % (group, name, name), int(rnd.lognormvariate(11.0, 1.0)))
    write('%s/%s/oat/arm64/%s.vdex' % (group, name, name), int(rnd.lognormvariate(10.0, 1.0)))

for lib in ('lib', 'lib64'):
    for i in range(700):
        write('%s/lib%s%04d.so' % (lib, lib, i), int(rnd.lognormvariate(10.5, 1.1)))
    for h in range(30):
        write('%s/hw/module%02d.so' % (lib, h), int(rnd.lognormvariate(10.0, 1.0)))

for i in range(120):
    write('framework/fw%03d.jar' % i, int(rnd.lognormvariate(12.0, 1.3)))

for sub, n in (('init', 400), ('permissions', 600), ('sysconfig', 200), ('vintf/manifest', 300),
               ('selinux', 50), ('security/cacerts', 150)):
    for i in range(n):
        text('etc/%s/f%04d.%s' % (sub, i, 'xml' if i % 2 else 'rc'), rnd.randrange(1, 40))

# Time zone data style: tiny files, three levels deep.
for a in range(20):
    for b in range(15):
        for c in range(15):
            write('usr/share/zoneinfo/Area%02d/Region%02d/City%02d' % (a, b, c), rnd.randrange(100, 3000))

media = 0
while made < files - 1 and budget > 0:
    write('media/audio/%s/sound%05d.ogg' % (('ui', 'alarms', 'notifications', 'ringtones')[media % 4], media),
          rnd.randrange(1 << 10, 24 << 10))
    media += 1
text('build.prop', 200)
print('%d entries, %d MiB of data left unused' % (made, budget >> 20), file=sys.stderr)
