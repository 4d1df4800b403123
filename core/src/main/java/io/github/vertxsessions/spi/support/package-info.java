/**
 * Helpers for store authors, so that every store meets the SPI contract the same way: delivering results on the
 * caller's context in bounded time ({@link io.github.vertxsessions.spi.support.CallerContext}), sweeping expired
 * sessions in bounded slices ({@link io.github.vertxsessions.spi.support.SweepSchedule}), and the one form of session
 * values ({@link io.github.vertxsessions.spi.support.JsonValues}). A store's options are read from JSON strictly
 * with {@link io.github.vertxsessions.OptionsJson}, and their durations written with
 * {@link io.github.vertxsessions.Durations}, as the handler's options are.
 */
package io.github.vertxsessions.spi.support;
