package org.gridwatch.core.meter;

import org.gridwatch.core.event.RejectReason;

/** Why a reading is not used: its reject reason and a detail a person can act on. */
public record Refusal(RejectReason reason, String detail) {}
