package io.tradeflow.event;

/**
 * Carries one notification (R-NOTE-1) for the notifier: a breaker trip or resolution, a tier
 * change, an emergency release, a reserve high-water mark, a broker fill rejected (R-FILL-1).
 *
 * @param kind {@code breaker_tripped}, {@code breaker_resolved}, {@code tier_change},
 *     {@code emergency_release}, {@code reserve_high_water}, {@code fill_rejected}, …
 */
public record Notification(String id, String account, String kind, String message, long ts) {}
