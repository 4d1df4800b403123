/**
 * The store SPI, for store authors: {@link io.github.vertxsessions.spi.SessionStore} and its contract, the
 * {@link io.github.vertxsessions.spi.SessionRecord} a store keeps, the {@link io.github.vertxsessions.spi.SessionDelta}
 * a save applies, and the two outcomes a save reports as exceptions. Application code only picks a store and passes
 * it to the {@link io.github.vertxsessions.SessionHandler}; it need not use anything else here.
 */
package io.github.vertxsessions.spi;
