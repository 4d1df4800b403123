'use strict';
// The routes every Express peer serves: the same paths, answers and session semantics as the JVM peers' Routes.java,
// so that a figure differs from theirs only by what sits behind them. Knows nothing of the command line or the
// stores, so that another program (issue 28's Express app sharing sessions with Vert.x) can mount it as it is.

const express = require('express');

const USER = 'user';
const COUNTER = 'n';

/**
 * The Express application.
 *
 * @param {object} options
 * @param {Function|null} options.session the session middleware to mount in front of the routes; null for none
 * @param {() => Promise<number>} options.countSessions how many sessions the store holds (-1 without a store)
 * @param {(message: string) => void} options.logError where a failed request is reported
 */
function createApp({ session, countSessions, logError }) {
  const app = express();
  // the Vert.x peers send neither an ETag nor an X-Powered-By: hashing every body would be work they do not do
  app.set('etag', false);
  app.disable('x-powered-by');

  // before the session middleware, so that asking for figures creates no session
  app.get('/stats', (req, res, next) => {
    countSessions().then(count => res.json({ sessions: count }), next);
  });
  if (session) {
    app.use(session);
  }

  // reads one attribute and changes nothing
  app.get('/read', (req, res) => {
    const user = attribute(req, USER);
    res.send(user == null ? 'anonymous' : String(user));
  });

  // increments a counter
  app.get('/write', (req, res) => {
    const n = attribute(req, COUNTER);
    const next = typeof n === 'number' ? n + 1 : 1;
    if (req.session) {
      req.session[COUNTER] = next;
    }
    res.send(String(next));
  });

  // reads the counter and changes nothing: the suite sums it after the write scenario to find lost writes
  app.get('/counter', (req, res) => {
    const n = attribute(req, COUNTER);
    res.send(typeof n === 'number' ? String(n) : '0');
  });

  // a log-in gets a fresh session (a new ID, as express-session's documentation advises against fixation)
  app.get('/login', (req, res, next) => {
    const user = 'user-' + process.hrtime.bigint().toString(16);
    if (!req.session) {
      res.send('welcome');
      return;
    }
    req.session.regenerate(err => {
      if (err) {
        next(err);
        return;
      }
      req.session[USER] = user;
      res.send('welcome');
    });
  });

  // four arguments: Express's error handler, reporting in the form the suite counts (see logging.js)
  app.use((err, req, res, next) => {
    logError(`${req.method} ${req.path} failed: ${err && err.stack ? err.stack.split('\n')[0] : err}`);
    if (res.headersSent) {
      next(err);
      return;
    }
    res.status(500).send('failed');
  });
  return app;
}

/** One attribute of the request's session; undefined without a session middleware (the floor). */
function attribute(req, name) {
  return req.session ? req.session[name] : undefined;
}

module.exports = { createApp };
