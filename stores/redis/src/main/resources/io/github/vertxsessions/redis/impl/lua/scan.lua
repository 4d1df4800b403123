-- scan (Cluster, see KeySpace): runs SCAN on the node that holds KEYS[1], a key chosen only for its slot.
-- ARGV: cursor, pattern, count.
return redis.call('SCAN', ARGV[1], 'MATCH', ARGV[2], 'COUNT', ARGV[3])
