// The host itself (server start-up, CLI) acting with full rights; never a person who can sign in.
import type { Actor } from '../core/types.ts';

export const HOST_ACTOR: Actor = { id: 'system', name: 'System', roles: ['admin'], system: true };
