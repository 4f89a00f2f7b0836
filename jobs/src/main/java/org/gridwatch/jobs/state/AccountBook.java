package org.gridwatch.jobs.state;

import java.io.IOException;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.gridwatch.core.arrears.ArrearsCase;
import org.gridwatch.core.billing.ReadingHistory;
import org.gridwatch.core.detect.DataQualityCase;
import org.gridwatch.core.detect.UsageBaseline;
import org.gridwatch.core.event.InspectionOutcome;
import org.gridwatch.core.value.CustomerAccount;

/**
 * What the customer operator keeps of a customer between its days, bills and payments, none of it
 * read for a single reading: the account (ledger, credit, value history, paying habit), billing's
 * reading history, detection's usual day and the inspection waiting to ride on the next day report,
 * the arrears and data-quality cases, and the instants of the armed credit and arrears checks and
 * of the latest payment or inspection.
 *
 * <p>Kept in state as its compact bytes ({@link #encode}, {@link #decode}), not as objects: on the
 * heap backend a few hundred bytes instead of some two dozen objects and arrays, and it is read and
 * written only a few times a day.
 */
public final class AccountBook {

    /** No instant. */
    public static final long NONE = Long.MIN_VALUE;

    /**
     * 2 since the data-quality case (the meter-fault case of version 1, with what the data says of
     * the meter); version 1 is read.
     */
    private static final int VERSION = 2;

    public CustomerAccount account;
    public ReadingHistory history;
    public UsageBaseline usual;
    public ArrearsCase arrears;
    public DataQualityCase quality;
    public InspectionOutcome inspected;
    public long creditCheckAt = NONE;
    public long arrearsCheckAt = NONE;
    public long latestEventMillis = NONE;

    public AccountBook() {}

    public CustomerAccount accountOrNew() {
        return account == null ? new CustomerAccount() : account;
    }

    public ReadingHistory historyOrNew() {
        return history == null ? new ReadingHistory() : history;
    }

    public byte[] encode() {
        try {
            DataOutputSerializer out = new DataOutputSerializer(512);
            out.writeByte(VERSION);
            int present =
                    (account != null ? 1 : 0)
                            | (history != null ? 2 : 0)
                            | (usual != null ? 4 : 0)
                            | (arrears != null ? 8 : 0)
                            | (quality != null ? 16 : 0);
            out.writeByte(present);
            out.writeByte(inspected == null ? 0 : inspected.ordinal() + 1);
            out.writeLong(creditCheckAt);
            out.writeLong(arrearsCheckAt);
            out.writeLong(latestEventMillis);
            if (account != null) {
                StateCodec.writeAccount(out, account);
            }
            if (history != null) {
                StateCodec.writeHistory(out, history);
            }
            if (usual != null) {
                StateCodec.writeBaseline(out, usual);
            }
            if (arrears != null) {
                StateCodec.writeArrears(out, arrears);
            }
            if (quality != null) {
                StateCodec.writeQuality(out, quality);
            }
            return out.getCopyOfBuffer();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static AccountBook decode(byte[] bytes) {
        AccountBook b = new AccountBook();
        if (bytes == null) {
            return b;
        }
        try {
            DataInputDeserializer in = new DataInputDeserializer(bytes);
            int version = in.readUnsignedByte();
            if (version != VERSION && version != 1) {
                throw new IllegalStateException("account book of version " + version);
            }
            int present = in.readUnsignedByte();
            int inspected = in.readUnsignedByte();
            b.inspected = inspected == 0 ? null : InspectionOutcome.values()[inspected - 1];
            b.creditCheckAt = in.readLong();
            b.arrearsCheckAt = in.readLong();
            b.latestEventMillis = in.readLong();
            if ((present & 1) != 0) {
                b.account = StateCodec.readAccount(in);
            }
            if ((present & 2) != 0) {
                b.history = StateCodec.readHistory(in);
            }
            if ((present & 4) != 0) {
                b.usual = StateCodec.readBaseline(in);
            }
            if ((present & 8) != 0) {
                b.arrears = StateCodec.readArrears(in);
            }
            if ((present & 16) != 0) {
                b.quality = StateCodec.readQuality(in, version);
            }
            return b;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
