// Sections that only name other things: field permissions, create, copy, states, reason lists and notification recipients.
import { toPointer } from '../pointer.ts';
import type { CheckContext } from './context.ts';
import { isPointer } from './schema-pointers.ts';

/** Recipients that name a person the record already knows, so they take no argument. */
const RECORD_PEOPLE = ['handler', 'previousHandler', 'actor', 'requester'];

const RECIPIENT_KINDS = `${[...RECORD_PEOPLE, 'role:<role>', 'department:<role>'].map((k) => `'${k}'`).join(', ')} or 'contact:<JSON pointer>'`;

export function checkFieldPermissions(ctx: CheckContext): void {
  for (const [pointer, perm] of Object.entries(ctx.t.fields ?? {})) {
    const at = toPointer(['fields', pointer]);
    ctx.field(pointer, at);
    perm.read?.forEach((r, i) => ctx.role(r, `${at}/read/${i}`));
    perm.write?.forEach((r, i) => ctx.role(r, `${at}/write/${i}`));
  }
}

export function checkCreateAndCopy(ctx: CheckContext): void {
  const { t } = ctx;
  t.create.roles.forEach((r, i) => ctx.role(r, `/create/roles/${i}`));
  t.copy?.from.forEach((st, i) => ctx.state(st, `/copy/from/${i}`));
  t.copy?.omit?.forEach((p, i) => ctx.field(p, `/copy/omit/${i}`));
}

export function checkStates(ctx: CheckContext): void {
  const { t, fail } = ctx;
  const initial = Object.keys(t.states).filter((name) => t.states[name].initial === true);
  if (initial.length === 0) fail('/states', 'no state is marked initial: exactly one state needs "initial": true');
  if (initial.length > 1) {
    for (const name of initial) {
      fail(toPointer(['states', name, 'initial']), `only one state may be initial, but these are: ${initial.map((n) => `'${n}'`).join(', ')}`);
    }
  }
  for (const [name, def] of Object.entries(t.states)) {
    for (const [role, fields] of Object.entries(def.edit ?? {})) {
      const at = toPointer(['states', name, 'edit', role]);
      ctx.role(role, at);
      if (Array.isArray(fields)) fields.forEach((p, i) => ctx.field(p, `${at}/${i}`));
    }
  }
}

/** Codes are what reports group by, so a list must not repeat one. */
export function checkReasons(ctx: CheckContext): void {
  for (const [list, items] of Object.entries(ctx.t.reasons)) {
    const seen = new Map<string, number>();
    items.forEach((item, i) => {
      const first = seen.get(item.code);
      if (first !== undefined) ctx.fail(toPointer(['reasons', list, i, 'code']), `duplicate reason code '${item.code}' (also at index ${first})`);
      else seen.set(item.code, i);
    });
  }
}

export function checkNotifications(ctx: CheckContext): void {
  for (const [name, n] of Object.entries(ctx.t.notifications)) {
    n.recipients.forEach((r, i) => {
      const at = toPointer(['notifications', name, 'recipients', i]);
      const [kind, ...rest] = r.split(':');
      const arg = rest.join(':');
      if (rest.length === 0 && RECORD_PEOPLE.includes(kind)) return;
      if ((kind === 'role' || kind === 'department') && arg !== '') {
        ctx.role(arg, at);
        return;
      }
      if (kind === 'contact' && arg !== '') {
        if (!isPointer(arg)) ctx.fail(at, `'${arg}' is not a JSON pointer (write contact:/customer/email)`);
        else ctx.field(arg, at);
        return;
      }
      ctx.fail(at, `unknown recipient '${r}': use ${RECIPIENT_KINDS}`);
    });
  }
}
