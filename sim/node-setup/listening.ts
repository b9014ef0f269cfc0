// Whether something listens on a TCP port, from /proc/net/tcp and tcp6: one
// socket a line, the local address as hex ADDR:PORT, the state 0A for LISTEN.
export function listensOn(procNetTcp: string, port: number): boolean {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  return procNetTcp.split('\n').some((line) => {
    const [, local, , state] = line.trim().split(/\s+/);
    return state === '0A' && local?.split(':').at(-1) === hexPort;
  });
}
