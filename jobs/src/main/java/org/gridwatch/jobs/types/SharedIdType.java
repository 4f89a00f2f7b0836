package org.gridwatch.jobs.types;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** The type of a customer's or meter's id as a key: a string, read back shared. */
final class SharedIdType extends TypeInformation<String> {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<String> getTypeClass() {
        return String.class;
    }

    @Override
    public boolean isKeyType() {
        return true;
    }

    @Override
    public TypeSerializer<String> createSerializer(SerializerConfig config) {
        return SharedIdSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "SharedId";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SharedIdType;
    }

    @Override
    public int hashCode() {
        return SharedIdType.class.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof SharedIdType;
    }
}
