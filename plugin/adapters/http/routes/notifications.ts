// The caller's inbox, in their language.
import type { Router } from 'express';
import type { Runtime } from '../../../runtime/runtime-api.ts';
import { actorOf } from '../auth.ts';
import * as contract from '../contract/inbox.ts';
import { on } from '../operation-route.ts';
import { HttpProblem } from '../problem.ts';
import { requestLanguage } from '../language.ts';

export function notificationRoutes(router: Router, runtime: Runtime): void {
  on(router, contract.notifications, async (req, res) => {
    const lang = requestLanguage(req);
    const { items, unread } = await runtime.notifications(actorOf(res));
    res.json({
      // Addresses and delivery bookkeeping stay inside; title and body come in the reader's language when both exist.
      items: items.map((n) => ({
        id: n.id,
        recordId: n.recordId,
        kind: n.kind,
        title: n.titles?.[lang] ?? n.title,
        titles: n.titles,
        body: n.bodies?.[lang] ?? n.body,
        bodies: n.bodies,
        at: n.at,
        read: n.read,
      })),
      unread,
    });
  });

  on<{ ids?: string[]; all?: boolean }>(router, contract.markRead, async (req, res, body) => {
    if (body.all === true) await runtime.markNotificationsRead(actorOf(res), 'all');
    else if (body.ids) await runtime.markNotificationsRead(actorOf(res), body.ids);
    else {
      throw new HttpProblem('bad_request', {
        'zh-CN': '请发送 {"ids": [...]} 或 {"all": true}。',
        en: 'Send {"ids": [...]} or {"all": true}.',
      });
    }
    res.status(204).end();
  });
}
