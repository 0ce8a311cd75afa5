// Notifications: in-app inbox entries for people, outbox entries for outside contacts, all in the same commit.
import { titleLabels } from '../../core/bilingual-title.ts';
import { getAt } from '../../core/pointer.ts';
import { resolveData } from '../../core/template-checks/schema-pointers.ts';
import type { Labels } from '../../core/types.ts';
import { departmentLabel } from '../departments.ts';
import type { Notification, User } from '../ports.ts';
import type { EffectContext, EffectHandler, EffectPlan } from './effect-handler.ts';

export const notify: EffectHandler = {
  type: 'notify',
  params: { type: 'object', required: ['notification'], additionalProperties: false, properties: { notification: { type: 'string', 'x-ref': 'notifications' } } },
  async plan(params, ctx): Promise<EffectPlan> {
    const def = ctx.template.notifications[String(params.notification)];
    const recipients = resolveRecipients(def.recipients, ctx);
    const vars = { ...placeholders(ctx), ...fieldPlaceholders(def.title, def.body, ctx) };
    const title = fill(def.title, vars);
    const body = def.body ? fill(def.body, vars) : undefined;
    const notifications: Notification[] = recipients.map((to) => ({
      id: ctx.newId(),
      to,
      recordId: ctx.record.id,
      kind: String(params.notification),
      title: title['zh-CN'],
      titles: title,
      ...(body ? { body: body['zh-CN'], bodies: body } : {}),
      at: ctx.now,
      read: false,
      ...(to.startsWith('contact:') ? { delivered: false } : {}),
    }));
    const names = recipients.map((r) => (r.startsWith('contact:') ? r.slice(8) : (ctx.users.find((u) => u.id === r)?.name ?? r)));
    return {
      changes: { notifications },
      preview: [{
        kind: 'notify', to: recipients, notification: params.notification,
        text: names.length
          ? { 'zh-CN': `通知 ${names.join('、')}：${title['zh-CN']}`, en: `Notify ${names.join(', ')}: ${title.en}` }
          : { 'zh-CN': `无人需要通知（${title['zh-CN']}）`, en: `Nobody to notify (${title.en})` },
      }],
    };
  },
};

function resolveRecipients(kinds: string[], ctx: EffectContext): string[] {
  const active = ctx.users.filter((u) => !u.disabled);
  const ids = new Set<string>();
  const add = (users: User[]) => users.forEach((u) => ids.add(u.id));
  for (const kind of kinds) {
    if (kind === 'handler') add(active.filter((u) => u.id === ctx.record.handler));
    else if (kind === 'previousHandler') add(active.filter((u) => u.id === ctx.before.handler && u.id !== ctx.record.handler));
    else if (kind === 'actor') ids.add(ctx.actor.id);
    else if (kind === 'requester') add(active.filter((u) => u.id === ctx.command.requestedBy));
    else if (kind.startsWith('role:')) add(active.filter((u) => u.roles.includes(kind.slice(5))));
    else if (kind.startsWith('department:'))
      add(active.filter((u) => u.roles.includes(kind.slice(11)) && u.department === ctx.record.department));
    else if (kind.startsWith('contact:')) {
      const address = getAt(ctx.record.data, kind.slice(8));
      if (typeof address === 'string' && address) ids.add('contact:' + address);
    }
  }
  // Telling people what they just did themselves is noise, unless the template asks for it
  // (an approved request runs as its requester, who is told as `requester`).
  const askedFor = kinds.includes('actor') || (kinds.includes('requester') && ctx.command.requestedBy === ctx.actor.id);
  if (!askedFor) ids.delete(ctx.actor.id);
  return [...ids];
}

function placeholders(ctx: EffectContext): Record<string, Labels> {
  const plain = (s: string): Labels => ({ 'zh-CN': s, en: s });
  const reasonList = ctx.template.actions[ctx.command.action]?.input?.reason?.list;
  const reason = (reasonList && ctx.template.reasons[reasonList]?.find((r) => r.code === ctx.command.reason)?.label) || plain(ctx.command.reason ?? '');
  const handler = ctx.users.find((u) => u.id === ctx.record.handler);
  return {
    number: plain(ctx.record.number),
    state: ctx.template.states[ctx.record.status]?.label ?? plain(ctx.record.status),
    reason,
    actor: plain(ctx.actor.name),
    comment: plain(ctx.command.comment ?? ''),
    handlerName: plain(handler?.name ?? ctx.record.handler),
    department: departmentLabel(ctx.record.department),
  };
}

/**
 * `{/金额}` shows a field of the record: its value, a dropdown's option in each language. A field that only some
 * roles may read never goes into a message (recipients need not hold those roles): it shows as "—".
 */
function fieldPlaceholders(title: Labels, body: Labels | undefined, ctx: EffectContext): Record<string, Labels> {
  const text = [title['zh-CN'], title.en, body?.['zh-CN'] ?? '', body?.en ?? ''].join('\n');
  const out: Record<string, Labels> = {};
  for (const [, p] of text.matchAll(/\{(\/[^{}\s]+)\}/g)) {
    if (ctx.template.fields?.[p]?.read) {
      out[p] = { 'zh-CN': '—', en: '—' };
      continue;
    }
    const value = getAt(ctx.record.data, p);
    const option = (resolveData(ctx.template.form.schema, p)[0]?.oneOf as { const?: unknown; title?: string }[] | undefined)?.find((o) => o.const === value);
    const shown = value === undefined || value === null ? '—' : typeof value === 'object' ? JSON.stringify(value) : String(value);
    out[p] = titleLabels(option?.title ?? shown);
  }
  return out;
}

function fill(text: Labels, vars: Record<string, Labels>): Labels {
  const one = (lang: keyof Labels) => text[lang].replace(/\{(\w+|\/[^{}\s]+)\}/g, (m, name: string) => vars[name]?.[lang] ?? m).trim();
  return { 'zh-CN': one('zh-CN'), en: one('en') };
}
