// An IPv4 Internet web server for the emulated Internet: answers every
// request with who it sees (address and port) and logs each request as a
// JSON line, so that tests check the shared address and the ranges from the
// far side. Usage: node http-echo.mjs [--port 80] [--log FILE] [--bytes N]
import { appendFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { READY_MARK } from '../aplus/daemon/run-daemon';
import { SERVER_FILES } from '../kinds/paths';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '80' },
    log: { type: 'string', default: SERVER_FILES.httpLog },
    name: { type: 'string', default: process.env.HOSTNAME ?? 'server' },
  },
});

const server = createServer((req, res) => {
  const seen = { at: new Date().toISOString(), server: values.name, method: req.method, path: req.url, address: req.socket.remoteAddress?.replace(/^::ffff:/, ''), port: req.socket.remotePort };
  appendFileSync(values.log!, JSON.stringify(seen) + '\n');
  // A page of the size the client asks for (?bytes=N), default a small one.
  const bytes = Math.min(Number(new URL(req.url ?? '/', 'http://x').searchParams.get('bytes') ?? 512) || 0, 64 << 20);
  const body = `${JSON.stringify(seen)}\n`;
  res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(body.length + Math.max(0, bytes - body.length)) });
  res.end(body + '.'.repeat(Math.max(0, bytes - body.length)));
});
server.listen(Number(values.port), '0.0.0.0', () => process.stdout.write(`http-echo on ${values.port}\n${READY_MARK}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
