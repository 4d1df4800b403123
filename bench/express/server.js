'use strict';
// One Express peer as an HTTP server on 127.0.0.1, in one Node.js process (no cluster), as the suite starts it:
//
//   node server.js <peer> <port> [<backend host:port>]
//
// Prints `READY <peer> on <port>` once listening, as the JVM peers do; the suite stops it with SIGTERM.

const { createApp } = require('./app');
const { createPeer, peerNames } = require('./peers');
const log = require('./logging');

async function main([name, port, backend]) {
  if (!name || !/^\d+$/.test(port || '')) {
    console.error(`usage: node server.js <peer> <port> [<backend host:port>]; peers: ${peerNames.join(', ')}`);
    process.exit(2);
  }
  const peer = await createPeer(name, backend, log);
  const app = createApp({ session: peer.session, countSessions: peer.countSessions, logError: log.error });
  const server = app.listen(Number(port), '127.0.0.1', () => console.log(`READY ${name} on ${port}`));
  server.on('error', err => {
    log.error(`cannot listen on ${port}: ${err.message}`);
    process.exit(1);
  });
  // the default for SIGTERM ends the process at once; closing first ends the store's connections cleanly
  process.once('SIGTERM', () => {
    server.close();
    server.closeAllConnections();
    peer.close().finally(() => process.exit(0));
  });
}

main(process.argv.slice(2)).catch(err => {
  log.error(`cannot start: ${err.stack || err}`);
  process.exit(1);
});
