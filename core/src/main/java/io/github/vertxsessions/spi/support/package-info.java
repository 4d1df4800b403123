/**
 * Helpers for store authors, so that every store meets the SPI contract the same way: delivering results on the
 * caller's context in bounded time ({@link io.github.vertxsessions.spi.support.CallerContext}), sweeping expired
 * sessions in bounded slices ({@link io.github.vertxsessions.spi.support.SweepSchedule}), the one form of session
 * values ({@link io.github.vertxsessions.spi.support.JsonValues}), and durations in JSON options
 * ({@link io.github.vertxsessions.spi.support.Durations}).
 */
package io.github.vertxsessions.spi.support;
