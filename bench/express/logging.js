'use strict';
// Warnings and errors in the JVM peers' logback layout (HH:mm:ss.SSS [thread] LEVEL logger -- message), because the
// suite finds a peer's problems in its log by that layout (load/PeerLog.java): one format, one reader.

function line(level, message) {
  const time = new Date().toISOString().substring(11, 23);
  return `${time} [node] ${level} express-peer -- ${message}`;
}

module.exports = {
  warn: message => console.log(line('WARN', message)),
  error: message => console.log(line('ERROR', message)),
};
