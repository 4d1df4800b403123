'use strict';
// The Express peers by name, each with the store its name says and express-session's settings shared with the JVM
// peers: cookie `sid`, 30 minutes, nothing saved for a visitor who stores nothing, nothing re-saved unchanged.

const fs = require('node:fs');
const session = require('express-session');

/** Only signs benchmark cookies; never used anywhere else (the JVM peers sign with the same). */
const SECRET = 'vertx-sessions-benchmark-secret-0123456789';
const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
/** ours-postgres's pool size, so that both sides can hold as many statements in flight. */
const PG_POOL_SIZE = 8;

function middleware(store) {
  return session({
    name: 'sid',
    secret: SECRET,
    store,
    resave: false,
    saveUninitialized: false,
    cookie: { maxAge: IDLE_TIMEOUT_MS },
  });
}

function hostAndPort(backend, peer) {
  const match = /^(.+):(\d+)$/.exec(backend || '');
  if (!match) {
    throw new Error(`${peer} needs its backend as host:port, got '${backend}'`);
  }
  return { host: match[1], port: Number(match[2]) };
}

/** Callback-style store methods as a promise. */
function promised(call) {
  return new Promise((resolve, reject) => call((err, value) => (err ? reject(err) : resolve(value))));
}

const PEERS = {
  // express alone, no session: what every Express peer's figures are measured against
  'express-floor': async () => ({ session: null, countSessions: async () => -1, close: async () => {} }),

  'express-memory': async () => {
    const store = new session.MemoryStore();
    return {
      session: middleware(store),
      countSessions: () => promised(cb => store.length(cb)),
      close: async () => {},
    };
  },

  'express-redis': async (backend, log) => {
    const { createClient } = require('redis');
    const { RedisStore } = require('connect-redis');
    const { host, port } = hostAndPort(backend, 'express-redis');
    const client = createClient({ socket: { host, port } });
    // without a listener an 'error' event would end the process; reported, the run shows it as a remark
    client.on('error', err => log.error(`redis client: ${err.message}`));
    await client.connect();
    const store = new RedisStore({ client });
    return {
      session: middleware(store),
      countSessions: () => store.length(),
      close: () => client.close(),
    };
  },

  'express-pg': async (backend, log) => {
    const { Pool } = require('pg');
    const PgStore = require('connect-pg-simple')(session);
    const { host, port } = hostAndPort(backend, 'express-pg');
    const pool = new Pool({ host, port, user: 'postgres', database: 'postgres', max: PG_POOL_SIZE });
    pool.on('error', err => log.error(`pg pool: ${err.message}`));
    // the table connect-pg-simple documents, created before the first request rather than by it
    await pool.query(fs.readFileSync(require.resolve('connect-pg-simple/table.sql'), 'utf8'));
    const store = new PgStore({ pool, errorLog: message => log.error(`connect-pg-simple: ${message}`) });
    return {
      session: middleware(store),
      // the sessions connect-pg-simple would still load: the same condition as its get
      countSessions: async () => Number((await pool.query(
        'SELECT count(*) AS n FROM "session" WHERE expire >= to_timestamp($1)', [Date.now() / 1000])).rows[0].n),
      close: async () => {
        await store.close();
        await pool.end();
      },
    };
  },
};

/** The peer called `name`, created against its backend (`host:port`, for the peers that have one). */
async function createPeer(name, backend, log) {
  const create = PEERS[name];
  if (!create) {
    throw new Error(`unknown Express peer '${name}'; one of ${Object.keys(PEERS).join(', ')}`);
  }
  return create(backend, log);
}

module.exports = { createPeer, peerNames: Object.keys(PEERS) };
