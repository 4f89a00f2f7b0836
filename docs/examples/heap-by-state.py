#!/usr/bin/env python3
"""What each keyed state of a Flink job takes on the heap, from a heap dump.

usage: heap-by-state.py DUMP.hprof [CUSTOMERS]

DUMP is the live heap `bin/gridwatch bench --input DIR --heap --heap-dump DUMP` writes while the
monitor holds its state (an HPROF file with 8-byte ids, as HotSpot writes on a 64-bit JVM).
For every keyed state of the heap backend (a `CopyOnWriteStateTable`, named by its state
descriptor) and every timer queue (`HeapPriorityQueueSet`, named by the operator's function), it
adds up the objects reachable from it that nothing counted before it: the state map's entries and
their table, the keys and values, and whatever the values hold. It does not follow a reference into
classes, serializers, state meta information or the backend (shared by every state), so a shared
object (an interned id, a customer's record kept once per TaskManager) counts with the first state
that reaches it. Sizes are as a 64-bit HotSpot lays objects out with compressed references (12-byte
headers, 4-byte references, 16-byte array headers, 8-byte alignment), the JVM's default below
32 GB of heap.

Besides the total it prints the total without the timer queues' spare slots (the arrays' slots
past what their timers need now), the figure to compare between runs. For timers it also prints
the queue's capacity against the timers in it: Flink's heap timer queue
and its per-key-group deduplication maps grow with the most timers the operator ever had and do not
shrink, so an operator that once had many timers keeps their slots (a restore sizes them anew).

With CUSTOMERS, each line is also divided by it. The job's fixed part (a state's empty map of 128
key groups is about 34 kB a task) is in every line; the difference of two fleet sizes removes it.
Written for docs/benchmarks.md (issue 11, the heap a customer takes); Python 3 standard library
only.
"""
import collections
import mmap
import struct
import sys

TYPE_SIZE = {2: 8, 4: 1, 5: 2, 6: 4, 7: 8, 8: 1, 9: 2, 10: 4, 11: 8}
HEAP_SIZE = {2: 4, 4: 1, 5: 2, 6: 4, 7: 8, 8: 1, 9: 2, 10: 4, 11: 8}  # compressed references
# Never followed: shared by every state, or not state at all.
STOP = ("java/lang/Class", "Serializer", "MetaInfo", "KeyContext", "KeyGroupRange",
        "java/lang/Thread", "ClassLoader", "StateSnapshot", "HeapKeyedStateBackend")


def align(n):
    return (n + 7) // 8 * 8


class Dump:
    def __init__(self, path):
        f = open(path, "rb")
        self.m = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        m = self.m
        pos = m.find(b"\0") + 1
        if struct.unpack(">I", m[pos:pos + 4])[0] != 8:
            raise SystemExit("only dumps with 8-byte ids are read")
        pos += 12
        self.names, self.class_name, self.segments = {}, {}, []
        while pos < len(m):
            tag = m[pos]
            length = struct.unpack(">I", m[pos + 5:pos + 9])[0]
            body = pos + 9
            if tag == 0x01:
                self.names[self.id(body)] = m[body + 8:body + length].decode("utf-8", "replace")
            elif tag == 0x02:
                self.class_name[self.id(body + 4)] = self.names.get(self.id(body + 16), "?")
            elif tag in (0x0C, 0x1C):
                self.segments.append((body, body + length))
            pos = body + length
        self.super, self.fields = {}, {}
        for _ in self.records({0x20}):
            pass
        self.layouts = {}

    def id(self, p):
        return struct.unpack(">Q", self.m[p:p + 8])[0]

    def layout(self, cid):
        if cid not in self.layouts:
            out, c = [], cid
            while c:
                out.extend(self.fields.get(c, []))
                c = self.super.get(c, 0)
            self.layouts[cid] = out
        return self.layouts[cid]

    def records(self, kinds):
        """Yields (kind, object id, class id or element type, position, count) of heap records."""
        m = self.m
        skip = {0xFF: 8, 0x01: 16, 0x02: 16, 0x03: 16, 0x04: 12, 0x05: 8, 0x06: 12, 0x07: 8,
                0x08: 16}
        for (s, e) in self.segments:
            p = s
            while p < e:
                t = m[p]
                p += 1
                if t in skip:
                    p += skip[t]
                elif t == 0x20:
                    cid, sup = self.id(p), self.id(p + 12)
                    p += 8 + 4 + 8 * 6 + 4
                    count, p = struct.unpack(">H", m[p:p + 2])[0], p + 2
                    for _ in range(count):  # the constant pool
                        p += 3 + TYPE_SIZE[m[p + 2]]
                    count, p = struct.unpack(">H", m[p:p + 2])[0], p + 2
                    for _ in range(count):  # static fields
                        p += 9 + TYPE_SIZE[m[p + 8]]
                    count, p = struct.unpack(">H", m[p:p + 2])[0], p + 2
                    fields = []
                    for _ in range(count):
                        fields.append((self.names.get(self.id(p), "?"), m[p + 8]))
                        p += 9
                    self.super[cid], self.fields[cid] = sup, fields
                elif t == 0x21:
                    n = struct.unpack(">I", m[p + 20:p + 24])[0]
                    if 0x21 in kinds:
                        yield 0x21, self.id(p), self.id(p + 12), p + 24, n
                    p += 24 + n
                elif t == 0x22:
                    n = struct.unpack(">I", m[p + 12:p + 16])[0]
                    if 0x22 in kinds:
                        yield 0x22, self.id(p), self.id(p + 16), p + 24, n
                    p += 24 + 8 * n
                elif t == 0x23:
                    n, ty = struct.unpack(">I", m[p + 12:p + 16])[0], m[p + 16]
                    if 0x23 in kinds:
                        yield 0x23, self.id(p), ty, p + 17, n
                    p += 17 + TYPE_SIZE[ty] * n
                else:
                    raise SystemExit("unknown heap record %x at %d" % (t, p))


def graph(d):
    """Every object's class, heap size, references (field name, id) and int fields we need."""
    cls, size, refs, ints, chars = {}, {}, {}, {}, {}
    for (_, oid, ty, p, n) in d.records({0x23}):
        cls[oid] = "prim[]"
        size[oid] = align(16 + HEAP_SIZE[ty] * n)
        if ty == 8 and n <= 200:
            chars[oid] = bytes(d.m[p:p + n])
    for (t, oid, cid, p, n) in d.records({0x21, 0x22}):
        name = d.class_name.get(cid, "?")
        cls[oid] = name
        if t == 0x22:
            size[oid] = align(16 + 4 * n)
            refs[oid] = [("[]", r) for r in (d.id(p + 8 * i) for i in range(n)) if r]
            continue
        heap, out, q = 12, [], p
        for (field, ty) in d.layout(cid):
            if ty == 2:
                r = d.id(q)
                if r:
                    out.append((field, r))
            elif ty == 10 and field == "size":
                ints[oid] = struct.unpack(">i", d.m[q:q + 4])[0]
            heap += HEAP_SIZE[ty]
            q += TYPE_SIZE[ty]
        size[oid], refs[oid] = align(heap), out
    return cls, size, refs, ints, chars


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    customers = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    d = Dump(sys.argv[1])
    cls, size, refs, ints, chars = graph(d)
    referrers = collections.defaultdict(list)
    for o, out in refs.items():
        for (_, r) in out:
            referrers[r].append(o)

    def field(o, name):
        return next((r for (f, r) in refs.get(o, []) if f == name), None)

    def string(o):
        return chars.get(field(o, "value"), b"?").decode("latin-1") if o else "?"

    def operator_of(o, depth=14):
        """The function class of the operator whose backend holds object o."""
        seen, frontier = {o}, [o]
        for _ in range(depth):
            nxt = []
            for x in frontier:
                for p in referrers.get(x, []):
                    if p in seen:
                        continue
                    seen.add(p)
                    if cls[p].endswith("Operator"):
                        fn = field(p, "userFunction")
                        return cls.get(fn, cls[p]).split("/")[-1]
                    nxt.append(p)
            frontier = nxt
        return "?"

    roots = []
    for o, c in cls.items():
        if c.endswith("/CopyOnWriteStateTable"):
            roots.append((string(field(field(o, "metaInfo"), "name")), o))
        elif c.endswith("/HeapPriorityQueueSet"):
            roots.append(("timers of " + operator_of(o), o))
    roots.sort()  # a shared object counts with the first state by name, the same in every dump
    counted, by_state, by_class = set(), collections.Counter(), collections.defaultdict(
        collections.Counter)
    for (name, root) in roots:
        stack = [root]
        while stack:
            x = stack.pop()
            if x in counted or x not in cls:
                continue
            c = cls[x]
            if x != root and (any(s in c for s in STOP) or c.endswith("/CopyOnWriteStateTable")
                              or c.endswith("/HeapPriorityQueueSet")):
                continue
            counted.add(x)
            by_state[name] += size[x]
            by_class[name][c.split("/")[-1]] += size[x]
            stack.extend(r for (_, r) in refs.get(x, []))
    total = sum(by_state.values())
    per = ("%10s  " % "B/customer") if customers else ""
    print("%12s  %s%s" % ("bytes", per, "state (what takes most of it)"))
    for name, b in by_state.most_common():
        top = ", ".join("%s %d" % (c, s) for c, s in by_class[name].most_common(4))
        per = ("%10.1f  " % (b / customers)) if customers else ""
        print("%12d  %s%s  [%s]" % (b, per, name, top))
    per = ("%10.1f  " % (total / customers)) if customers else ""
    print("%12d  %sall keyed state and timers" % (total, per))
    spare = sum(spare_bytes(*queue_sizes(root, field, refs, size, ints)) for (name, root) in roots
                if name.startswith("timers of "))
    per = ("%10.1f  " % ((total - spare) / customers)) if customers else ""
    print("%12d  %sthe same without the timer queues' spare slots (%d B that only the run's"
          " peak of timers left)" % (total - spare, per, spare))
    rest = collections.Counter()
    for o, c in cls.items():
        if o not in counted:
            rest[c.split("/")[-1]] += size[o]
    print("\noutside keyed state and timers (operators' own fields, interned ids, the runtime): "
          "%d B; the largest classes:" % sum(rest.values()))
    for c, b in rest.most_common(25):
        print("%12d  %s" % (b, c))
    print("\ntimer queues: timers now, the queue's capacity, the deduplication maps' table slots")
    for (name, root) in roots:
        if not name.startswith("timers of "):
            continue
        timers, capacity, slots = queue_sizes(root, field, refs, size, ints)
        if timers or capacity > 1000:
            print("%8d timers %8d slots %8d map slots  %s" % (
                timers, capacity, slots, name[len("timers of "):]))


def queue_sizes(root, field, refs, size, ints):
    """A timer queue's timers, its array's slots and its deduplication maps' table slots."""
    queue = field(root, "queue")
    capacity = (size.get(queue, 16) - 16) // 4 if queue else 0
    maps = [r for (_, r) in refs.get(field(root, "deduplicationMapsByKeyGroup"), [])]
    slots = sum((size.get(field(mp, "table"), 16) - 16) // 4 for mp in maps if field(mp, "table"))
    return ints.get(root, 0), capacity, slots


def spare_bytes(timers, capacity, slots):
    """
    The bytes of a timer queue's arrays beyond what its timers need now: the queue's slots past
    its timers, and the maps' table slots past what a HashMap holds them in (a load of 0.75).
    Flink's heap timer queue keeps the capacity of the most timers it ever held (session 38), so
    two runs of one build differ here by the peaks their replays reached.
    """
    return 4 * (max(0, capacity - timers) + max(0, slots - int(timers / 0.75)))


if __name__ == "__main__":
    main()
