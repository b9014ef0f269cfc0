// Where port exhaustion shows: when the SMAP's NAT finds no free port of its
// range for a new connection, the kernel cannot insert the conntrack entry and
// drops the packet; `conntrack -S` counts both, per CPU. (Each retransmitted
// SYN of a connection that cannot be mapped counts again.)

export interface NatFailures {
  /** Sum over CPUs of insert_failed. */
  readonly insertFailed: number;
  /** Sum over CPUs of drop. */
  readonly drop: number;
}

/** Parses `conntrack -S` output: one line per CPU of key=value pairs; unknown lines are ignored. */
export function parseConntrackStats(text: string): NatFailures {
  let insertFailed = 0, drop = 0;
  for (const line of text.split('\n')) {
    if (!/^cpu=\d+/.test(line.trim())) continue;
    for (const [, key, value] of line.matchAll(/(\w+)=(\d+)/g)) {
      if (key === 'insert_failed') insertFailed += Number(value);
      else if (key === 'drop') drop += Number(value);
    }
  }
  return { insertFailed, drop };
}
