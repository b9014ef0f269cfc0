// The node kinds, by role.
import type { Role } from '../plan/plan-types';
import { clientKind } from './client';
import type { NodeKind } from './node-kind';
import { prrKind } from './prr';
import { routerKind } from './router';
import { serverKind } from './server';
import { smapKind } from './smap';

export const KINDS: Readonly<Record<Role, NodeKind>> = { prr: prrKind, smap: smapKind, client: clientKind, server: serverKind, router: routerKind };
export const ROLES = Object.keys(KINDS) as readonly Role[];
