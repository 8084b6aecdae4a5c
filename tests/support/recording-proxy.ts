/**
 * An HTTP(S) proxy on loopback that records every request the browser makes and lets through only tunnels to the
 * fixture hosts (sent to the fixture server); anything else is recorded and refused. Chromium is pointed at it with
 * `--proxy-server` and told not to bypass it even for loopback, so no request escapes the record.
 */
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** host:port for tunnels, the absolute URL for plain HTTP. */
  target: string;
  allowed: boolean;
}

export interface RecordingProxy {
  requests: RecordedRequest[];
  /** The loopback port it listens on (Firefox is pointed at it by preferences). */
  port: number;
  chromiumArgs: string[];
  close(): Promise<void>;
}

export async function startRecordingProxy(
  allowedHosts: readonly string[],
  upstreamPort: number,
): Promise<RecordingProxy> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    requests.push({ method: req.method ?? '?', target: req.url ?? '?', allowed: false });
    res.writeHead(403).end();
  });
  server.on('connect', (req, socket, head) => {
    const target = req.url ?? '';
    const [host, port] = target.split(':');
    const allowed = allowedHosts.includes(host ?? '') && port === '443';
    requests.push({ method: 'CONNECT', target, allowed });
    if (!allowed) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = connect(upstreamPort, '127.0.0.1', () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
    socket.on('close', () => upstream.destroy());
  });
  // Refused and tunnelled sockets leave the HTTP server's tracking: close() destroys them, or it would wait for a
  // browser that is gone or still closing to end them.
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as AddressInfo).port;
  return {
    requests,
    port,
    chromiumArgs: [
      `--proxy-server=http://127.0.0.1:${port}`,
      '--proxy-bypass-list=<-loopback>',
      '--ignore-certificate-errors',
    ],
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      }),
  };
}
