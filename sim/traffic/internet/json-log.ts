// The emulated Internet's log: one JSON object per line, with its time, to
// a file (appended, so a restarted server keeps the earlier lines) or to
// stdout. A stream, not appendFileSync: a torrent profile logs thousands
// of connections.
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

export interface JsonLog {
  write(event: Readonly<Record<string, unknown>>): void;
  close(): Promise<void>;
}

export function openJsonLog(target: string): JsonLog {
  const stream: WriteStream | NodeJS.WriteStream = target === '-' ? process.stdout : createWriteStream(target, { flags: 'a' });
  return {
    write: (event) => void stream.write(`${JSON.stringify({ at: new Date().toISOString(), ...event })}\n`),
    close: async () => {
      if (stream === process.stdout) return;
      stream.end();
      await once(stream, 'finish');
    },
  };
}
