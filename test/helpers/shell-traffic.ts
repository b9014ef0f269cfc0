// Shell text run inside nodes by e2e tests: traffic of a known count, and a
// count by conntrack's own filter, so that a figure of ours has a second
// instrument that shares no code with it.

/**
 * `n` UDP datagrams of `size` bytes, `everyMs` apart, from one socket of a
 * client to `host:port`; prints how many were echoed, `waitMs` (default 2 s)
 * after the last was sent.
 */
export const echoDatagrams = (host: string, port: number, n: number, o: { size: number; everyMs: number; waitMs?: number }): string =>
  `node -e "const s=require('dgram').createSocket('udp4');let got=0,i=0;s.on('message',()=>got++);` +
  `const t=setInterval(()=>{s.send(Buffer.alloc(${o.size}),${port},'${host}');` +
  `if(++i>=${n}){clearInterval(t);setTimeout(()=>{console.log(got);process.exit(0)},${o.waitMs ?? 2000})}},${o.everyMs})"`;

/**
 * The distinct ports (by protocol) the SMAP's NAT holds on the shared address,
 * as conntrack -L lists them: the reply tuple's destination port is the port
 * the NAT chose (the second dport= of a line). `conntrackArgs` narrows the
 * listing (e.g. `-p udp`).
 */
export const conntrackSharedPorts = (shared: string, conntrackArgs = ''): string =>
  `conntrack -L ${conntrackArgs} --reply-dst ${shared} 2>/dev/null | awk '{n=0; for (i=1;i<=NF;i++) if ($i ~ /^dport=/ && ++n==2) print $1, $i}' | sort -u | wc -l`;
