-- index-add (Cluster): KEYS: an index key. ARGV: now, session ID, horizon. Puts the session in the index up to the
-- horizon and keeps the key alive until then at least.
indexing('').add(KEYS[1], ARGV[2], tonumber(ARGV[3]))
return 0
