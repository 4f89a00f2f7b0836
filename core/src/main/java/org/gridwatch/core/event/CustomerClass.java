package org.gridwatch.core.event;

/**
 * The tariff classes in use in China. A customer's class decides its tariff family, its load shape
 * and which peers it is compared with.
 */
public enum CustomerClass {
    /** 居民生活 */
    RESIDENTIAL,
    /** 商业 */
    COMMERCIAL,
    /** 普通工业 */
    GENERAL_INDUSTRY,
    /** 大工业 (two-part tariff) */
    LARGE_INDUSTRY,
    /** 农业生产 */
    AGRICULTURE,
    /** 非居民照明 */
    NON_RESIDENTIAL_LIGHTING,
    /** 非工业 */
    NON_INDUSTRIAL
}
