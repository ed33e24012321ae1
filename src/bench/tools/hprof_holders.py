#!/usr/bin/env python3
"""Who holds the byte[]s in a heap dump (`jcmd PID GC.heap_dump FILE`): a small HPROF reader.

usage: hprof_holders.py DUMP [min_bytes] [levels]
Prints the byte[] sizes that weigh most, then the byte[]s of at least min_bytes (default 1024)
grouped by their referrer chain: the class and field that points at each, then what points at
that, up to `levels` (default 5). One referrer per object (the first found), so a chain is a path,
not a dominator tree. No GUI heap analyser runs here; docs/performance.md (Payara Micro) used this
to find Grizzly's retained TLS output buffer. Reads the whole dump into memory; about 25 s of CPU
per pass for a 240 MB dump, one pass per level.
"""
import struct
import sys
from collections import Counter, defaultdict

path = sys.argv[1]
MIN = int(sys.argv[2]) if len(sys.argv) > 2 else 1024
LEVELS = int(sys.argv[3]) if len(sys.argv) > 3 else 5

SIZES = {2: None, 4: 1, 5: 2, 6: 4, 7: 8, 8: 1, 9: 2, 10: 4, 11: 8}

data = open(path, 'rb').read()
mv = memoryview(data)
hdr_end = data.index(b'\0') + 1
IDS = struct.unpack_from('>I', data, hdr_end)[0]
assert IDS == 8, IDS
SIZES[2] = IDS
pos0 = hdr_end + 4 + 8
U8 = struct.Struct('>Q')
U4 = struct.Struct('>I')


def records():
    p = pos0
    n = len(data)
    while p < n:
        tag = data[p]
        length = U4.unpack_from(data, p + 5)[0]
        yield tag, p + 9, length
        p += 9 + length


strings = {}
class_names = {}
classes = {}  # class id -> (super, [(name_id, type)])
for tag, p, length in records():
    if tag == 0x01:
        sid = U8.unpack_from(data, p)[0]
        strings[sid] = bytes(data[p + 8:p + length]).decode('utf-8', 'replace')
    elif tag == 0x02:
        cid = U8.unpack_from(data, p + 4)[0]
        nid = U8.unpack_from(data, p + 16)[0]
        class_names[cid] = nid


def name_of(cid):
    return strings.get(class_names.get(cid), hex(cid)).replace('/', '.')


def heap_subrecords():
    """Yields (kind, obj_id, class_id, start, end) for instances (0x21) and object arrays (0x22)
    and (0x23, id, type, count, start) for primitive arrays; class dumps are parsed on the way."""
    for tag, p, length in records():
        if tag not in (0x0C, 0x1C):
            continue
        end = p + length
        while p < end:
            st = data[p]
            p += 1
            if st == 0xFF or st == 0x05 or st == 0x07:
                p += IDS
            elif st == 0x01:
                p += 2 * IDS
            elif st in (0x02, 0x03, 0x08):
                p += IDS + 8
            elif st in (0x04, 0x06):
                p += IDS + 4
            elif st == 0x20:
                cid = U8.unpack_from(data, p)[0]
                sup = U8.unpack_from(data, p + 12)[0]
                q = p + 4 + 7 * IDS + 4
                cp = struct.unpack_from('>H', data, q)[0]
                q += 2
                for _ in range(cp):
                    t = data[q + 2]
                    q += 3 + SIZES[t]
                ns = struct.unpack_from('>H', data, q)[0]
                q += 2
                for _ in range(ns):
                    t = data[q + IDS]
                    q += IDS + 1 + SIZES[t]
                nf = struct.unpack_from('>H', data, q)[0]
                q += 2
                fields = []
                for _ in range(nf):
                    fid = U8.unpack_from(data, q)[0]
                    t = data[q + IDS]
                    fields.append((fid, t))
                    q += IDS + 1
                classes[cid] = (sup, fields)
                p = q
            elif st == 0x21:
                oid = U8.unpack_from(data, p)[0]
                cid = U8.unpack_from(data, p + 12)[0]
                nb = U4.unpack_from(data, p + 20)[0]
                yield 0x21, oid, cid, p + 24, p + 24 + nb
                p += 24 + nb
            elif st == 0x22:
                oid = U8.unpack_from(data, p)[0]
                cnt = U4.unpack_from(data, p + 12)[0]
                acid = U8.unpack_from(data, p + 16)[0]
                yield 0x22, oid, acid, p + 24, p + 24 + cnt * IDS
                p += 24 + cnt * IDS
            elif st == 0x23:
                oid = U8.unpack_from(data, p)[0]
                cnt = U4.unpack_from(data, p + 12)[0]
                t = data[p + 16]
                yield 0x23, oid, t, cnt, p + 17
                p += 17 + cnt * SIZES[t]
            else:
                raise ValueError('sub-record %x at %d' % (st, p))


layouts = {}


def layout(cid):
    """[(offset, field name)] of the reference fields of an instance of cid, superclasses last."""
    if cid in layouts:
        return layouts[cid]
    out = []
    off = 0
    c = cid
    while c and c in classes:
        sup, fields = classes[c]
        for fid, t in fields:
            if t == 2:
                out.append((off, strings.get(fid, '?')))
            off += SIZES[t]
        c = sup
    layouts[cid] = out
    return out


# Pass 1: class dumps and the byte[] histogram.
hist = Counter()
targets = {}
instances_by_class = Counter()
for rec in heap_subrecords():
    if rec[0] == 0x23 and rec[2] == 8:
        hist[rec[3]] += 1
        if rec[3] >= MIN:
            targets[rec[1]] = rec[3]
    elif rec[0] == 0x21:
        instances_by_class[rec[2]] += 1

total = sum(s * c for s, c in hist.items())
print('byte[] total %.1f MB in %d arrays' % (total / 1e6, sum(hist.values())))
print('largest contributions by size (size x count = MB):')
for size, count in sorted(hist.items(), key=lambda sc: -sc[0] * sc[1])[:25]:
    print('  %8d x %6d = %7.2f MB' % (size, count, size * count / 1e6))
print('byte[] >= %d: %d arrays, %.1f MB' % (MIN, len(targets), sum(targets.values()) / 1e6))

# Referrer levels: level k maps object id -> (referrer id, referrer class name, field)
size_of = dict(targets)
chain = {oid: [] for oid in targets}  # target id -> list of "Class.field" from the array upward
frontier = defaultdict(list)
for t in targets:
    frontier[t].append(t)
for level in range(LEVELS):
    found = {}
    for rec in heap_subrecords():
        if rec[0] == 0x21:
            _, oid, cid, s, e = rec
            for off, fname in layout(cid):
                ref = U8.unpack_from(data, s + off)[0]
                if ref in frontier and ref not in found:
                    found[ref] = (oid, name_of(cid) + '.' + fname)
        elif rec[0] == 0x22:
            _, oid, acid, s, e = rec
            for q in range(s, e, IDS):
                ref = U8.unpack_from(data, q)[0]
                if ref in frontier and ref not in found:
                    found[ref] = (oid, name_of(acid) + '[]')
    nxt = defaultdict(list)
    for obj, ts in frontier.items():
        if obj in found:
            holder, label = found[obj]
            for t in ts:
                chain[t].append(label)
            nxt[holder].extend(ts)
        else:
            for t in ts:
                chain[t].append('(no referrer: root or unreachable)')
    frontier = nxt
    if not frontier:
        break
    print('level %d done: %d holders' % (level + 1, len(frontier)), file=sys.stderr)

by_chain = defaultdict(lambda: [0, 0])
for t, labels in chain.items():
    key = ' <- '.join(labels)
    by_chain[key][0] += size_of[t]
    by_chain[key][1] += 1
print('\nbyte[] >= %d by holder chain (MB, count, sizes):' % MIN)
for key, (mb, count) in sorted(by_chain.items(), key=lambda kv: -kv[1][0])[:40]:
    print('%8.2f MB %6d  %s' % (mb / 1e6, count, key))
