package org.gridwatch.core.event;

public enum CreditGrade {
    A,
    B,
    C
}
