package io.github.vertxsessions.redis;

/**
 * An explicit write reached the Redis primary, but fewer replicas than {@link RedisStoreOptions#setReplicaAcks}
 * asks for confirmed it within {@link RedisStoreOptions#setReplicaAckTimeout}; or, through Sentinel with
 * {@link RedisStoreOptions#setSentinelOptions}, they confirmed it on a master the Sentinels were switching away from
 * (or the Sentinels could not say they were not). The write is not undone: it is on that primary and replicates as
 * usual; in the first case it is lost only if the primary fails before a replica has it, in the second most likely
 * with the old master. The store reports it as a failure because the success of an explicit write means "on that
 * many replicas of the master that stays"; an application that prefers the primary's word catches this exception,
 * or sets no replica acknowledgements.
 */
public class ReplicaAckException extends RuntimeException {

  /** How many replicas confirmed the write. */
  private final int confirmed;
  /** How many replicas were asked for. */
  private final int required;

  /**
   * An exception for a write that {@code confirmed} replicas of the {@code required} confirmed in time. It carries no
   * stack trace: it reports an outcome, not a fault.
   *
   * @param confirmed     how many replicas confirmed the write
   * @param required      how many were asked for
   * @param timeoutMillis how long the store waited for them
   */
  public ReplicaAckException(int confirmed, int required, long timeoutMillis) {
    super(confirmed + " of the " + required + " replica acknowledgements asked for came within " + timeoutMillis
      + " ms; the write is on the primary and may survive, but would be lost if the primary failed before a replica "
      + "had it", null, false, false);
    this.confirmed = confirmed;
    this.required = required;
  }

  /**
   * An exception for a write whose replicas the store could not count as confirming it, for the {@code reason} the
   * message gives: its connection was replaced before they could, its master is short of replicas, or, through
   * Sentinel, the master that took it is being switched away from (or the Sentinels could not say it is not), whose
   * replicas are then moved to the new master and drop what they confirmed.
   *
   * @param confirmed how many replicas confirmed the write
   * @param required  how many were asked for
   * @param reason    what happened, for the message
   */
  public ReplicaAckException(int confirmed, int required, String reason) {
    super(reason, null, false, false);
    this.confirmed = confirmed;
    this.required = required;
  }

  /**
   * How many replicas confirmed the write.
   *
   * @return fewer than {@link #required()}, or as many on a master the store could not report as safe (see the
   *         message)
   */
  public int confirmed() {
    return confirmed;
  }

  /**
   * How many replicas were asked to confirm the write.
   *
   * @return {@link RedisStoreOptions#getReplicaAcks()}
   */
  public int required() {
    return required;
  }
}
