// A TCP server speaking the generator's protocol (wire-protocol.ts): read
// the header, send the bytes asked for, count the bytes sent up, and hold
// the connection until the client closes it. One per port; the peers
// listener is the same server on the peers' port, bound to 0.0.0.0 so
// that it answers on every address the orchestrator adds for the peers.
import { createServer, type Server, type Socket } from 'node:net';
import { MAX_HEADER, parseRequest, writeFiller, type Request } from '../generator/wire-protocol';
import type { JsonLog } from './json-log';

export interface TcpServer {
  /** Stops listening and drops held connections (they would keep the server up for their holds). */
  close(): Promise<void>;
}

export async function startTcpServer(port: number, bind: string, service: 'tcp' | 'peer', log: JsonLog): Promise<TcpServer> {
  const open = new Set<Socket>();
  const server: Server = createServer((sock) => {
    open.add(sock);
    sock.on('close', () => open.delete(sock));
    serve(sock, service, log);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, bind, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        open.forEach((s) => s.destroy());
      }),
  };
}

function serve(sock: Socket, service: 'tcp' | 'peer', log: JsonLog): void {
  const started = Date.now();
  const who = { peer: sock.remoteAddress, peerPort: sock.remotePort, local: sock.localAddress, localPort: sock.localPort };
  let head = Buffer.alloc(0);
  let asked: Request | undefined;
  let bytesUp = 0;
  let problem: string | undefined;

  sock.on('data', (chunk: Buffer) => {
    if (asked) {
      bytesUp += chunk.length;
      return;
    }
    head = Buffer.concat([head, chunk]);
    const nl = head.indexOf(0x0a);
    if (nl < 0) {
      if (head.length > MAX_HEADER) {
        problem = 'bad-request';
        sock.destroy();
      }
      return;
    }
    asked = parseRequest(head.toString('ascii', 0, nl));
    if (!asked) {
      problem = 'bad-request';
      sock.destroy();
      return;
    }
    bytesUp += head.length - nl - 1;
    void writeFiller(sock, asked.bytesDown);
  });
  // The client's FIN ends the hold: Node answers with ours (allowHalfOpen is off).
  sock.on('error', (e: NodeJS.ErrnoException) => {
    problem = e.code ?? e.message;
  });
  sock.on('close', () => {
    const sizes = asked ? { bytesDown: asked.bytesDown, bytesUp: asked.bytesUp } : undefined;
    log.write({ event: service, ...who, ...(asked?.flow === undefined ? {} : { flow: asked.flow }), asked: sizes, bytesUp, bytesDown: sock.bytesWritten /* the server writes only the filler */, ms: Date.now() - started, ...(problem ? { problem } : {}) });
  });
}
