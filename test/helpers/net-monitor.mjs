// Loaded into a connector process under test (NODE_OPTIONS=--import): appends every outbound TCP
// connection the process opens (host:port, one line each) to the file NET_MONITOR_FILE. fetch/undici
// and net.connect publish on the 'net.client.socket' diagnostics channel; clients that call
// Socket#connect themselves (node-postgres) are caught by wrapping it.
import { appendFileSync } from 'node:fs';
import dc from 'node:diagnostics_channel';
import net from 'node:net';
import process from 'node:process';

const file = process.env.NET_MONITOR_FILE;
if (file) {
  const seen = new WeakSet();
  const record = (socket) => {
    if (seen.has(socket)) return;
    seen.add(socket);
    socket.once('connect', () => appendFileSync(file, `${socket.remoteAddress}:${socket.remotePort}\n`));
  };
  dc.subscribe('net.client.socket', ({ socket }) => record(socket));
  const connect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function (...args) {
    record(this);
    return connect.apply(this, args);
  };
}
