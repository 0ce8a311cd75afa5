// Every change a store can make, as data: the same value is applied to memory and, by the journaled
// store, written to its journal and applied again on the next start. Applying never reads a clock or
// a random source, so replaying the journal rebuilds exactly the state that was acknowledged.
import { PluginFailure } from '../../core/errors.ts';
import type { Template } from '../../core/types.ts';
import type { ChangeSet, Session, User } from '../../runtime/ports.ts';
import type { StoreState } from './store-state.ts';

export type StoreOp =
  | { op: 'commit'; changes: ChangeSet }
  | { op: 'putTemplate'; template: Template }
  | { op: 'putUser'; user: User }
  | { op: 'putSession'; session: Session }
  | { op: 'deleteSession'; token: string }
  | { op: 'deleteSessionsOf'; userId: string }
  | { op: 'purgeSessions'; now: string }
  | { op: 'markNotificationsRead'; to: string; ids: string[] | 'all' }
  | { op: 'markDelivered'; ids: string[] }
  | { op: 'setPeriodClosed'; period: string; closed: boolean };

/** Applies one change; throws before touching anything when the state refuses it. */
export function applyOp(state: StoreState, change: StoreOp): void {
  switch (change.op) {
    case 'commit':
      return state.commit(change.changes);
    case 'putTemplate':
      return state.putTemplate(change.template);
    case 'putUser':
      return state.putUser(change.user);
    case 'putSession':
      return state.putSession(change.session);
    case 'deleteSession':
      return state.deleteSession(change.token);
    case 'deleteSessionsOf':
      return state.deleteSessionsOf(change.userId);
    case 'purgeSessions':
      return state.purgeSessions(change.now);
    case 'markNotificationsRead':
      return state.markNotificationsRead(change.to, change.ids);
    case 'markDelivered':
      return state.markDelivered(change.ids);
    case 'setPeriodClosed':
      return state.setPeriodClosed(change.period, change.closed);
    default:
      throw new PluginFailure('data_inconsistent', `unknown store change "${(change as { op: string }).op}"`);
  }
}
