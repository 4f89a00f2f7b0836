package org.gridwatch.jobs.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/** The codecs' tests' comparison: what was written and what was read back, bit for bit. */
final class BitForBit {
    private BitForBit() {}

    /** Field by field, floats and doubles by their bits, arrays entry by entry. */
    static void assertSame(Object a, Object b, String path) throws Exception {
        if (a == null || b == null) {
            assertThat(b).as(path).isEqualTo(a);
            return;
        }
        Class<?> type = a.getClass();
        assertThat(b.getClass()).as(path).isEqualTo(type);
        if (type == Float.class) {
            assertThat(Float.floatToRawIntBits((Float) b))
                    .as(path)
                    .isEqualTo(Float.floatToRawIntBits((Float) a));
        } else if (type == Double.class) {
            assertThat(Double.doubleToRawLongBits((Double) b))
                    .as(path)
                    .isEqualTo(Double.doubleToRawLongBits((Double) a));
        } else if (type.isArray()) {
            assertThat(Array.getLength(b)).as(path + ".length").isEqualTo(Array.getLength(a));
            for (int i = 0; i < Array.getLength(a); i++) {
                assertSame(Array.get(a, i), Array.get(b, i), path + "[" + i + "]");
            }
        } else if (type.getName().startsWith("org.gridwatch")
                && !type.isEnum()
                && !type.isRecord()) {
            for (Field f : stateFields(type)) {
                f.setAccessible(true);
                assertSame(f.get(a), f.get(b), path + "." + f.getName());
            }
        } else if (type.isRecord()) {
            for (var c : type.getRecordComponents()) {
                assertSame(
                        c.getAccessor().invoke(a),
                        c.getAccessor().invoke(b),
                        path + "." + c.getName());
            }
        } else {
            assertThat(b).as(path).isEqualTo(a);
        }
    }

    /**
     * The fields a state class keeps: not static, not transient (a cache worked out again after a
     * restore), not made by the compiler.
     */
    static List<Field> stateFields(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        // with those of its own superclasses (OpenUsage's months and days)
        for (Class<?> c = type;
                c != null && c.getName().startsWith("org.gridwatch");
                c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                int m = f.getModifiers();
                if (!Modifier.isStatic(m) && !Modifier.isTransient(m) && !f.isSynthetic()) {
                    fields.add(f);
                }
            }
        }
        return fields;
    }

    /**
     * Asserts that each state class keeps exactly the fields its codec is listed as writing: a
     * field added to the class fails here until the codec writes it.
     */
    static void assertStateFields(java.util.Map<Class<?>, List<String>> writtenByTheCodec) {
        writtenByTheCodec.forEach(
                (type, fields) ->
                        assertThat(new java.util.TreeSet<>(stateFieldNames(type)))
                                .as(type.getSimpleName())
                                .isEqualTo(new java.util.TreeSet<>(fields)));
    }

    /** The names of {@link #stateFields}. */
    static List<String> stateFieldNames(Class<?> type) {
        return stateFields(type).stream().map(Field::getName).toList();
    }
}
