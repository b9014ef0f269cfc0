// An IPv4 Internet server: an HTTP server that says who it sees (address and
// port) and logs every request, so tests can check the shared address and
// the port range from the far side.
import { READY_MARK } from '../aplus/daemon/run-daemon';
import { startDaemon, superviseDaemon } from './shell';

export const HTTP_LOG = '/var/log/aplus/http.jsonl';

export function serverScript(): string {
  return `
mkdir -p /run/aplus /var/log/aplus
${startDaemon('http', ['node', '/opt/aplus/http-echo.mjs', '--port', '80', '--log', HTTP_LOG], '/var/log/aplus/http.log', READY_MARK)}
`;
}

export const serverFinal = () => superviseDaemon('http');
