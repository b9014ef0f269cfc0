// Small topology texts for tests, built by lines so a case can change one.
import { readFileSync } from 'node:fs';
import { tempFile } from './cli';
export const small = (over: { smaps?: string; extra?: string; prr?: string; internet?: string } = {}) => `name: small
core:
  prefix: 2001:db8:1::/64
internet:
  prefix: ${over.internet ?? '198.51.100.0/24'}
prr:
${over.prr ?? `  ipv6: 2001:db8:1::1
  ipv4: 198.51.100.1
  shared: 198.51.100.2`}
smaps:
${over.smaps ?? `  - name: room1
    ipv6: 2001:db8:1::11
    ports: 10000-10999
    lan: 192.168.1.0/24
    clients:
      - { name: b }
  - name: room2
    ipv6: 2001:db8:1::12
    ports: 11000-11999
    lan: 192.168.2.0/24`}
${over.extra ?? ''}`;

/** seed-2010 with an impairment on lab-router's link (room 1 and room 2's access), as a temporary file. */
export const seedWithImpairment = (impair: string): string => tempFile('seed-impaired.yaml', readFileSync('topologies/seed-2010.yaml', 'utf8')
  .replace('      prefix: 2001:db8:7301:4666::/64\n', `      prefix: 2001:db8:7301:4666::/64\n      impair: ${impair}\n`));
