// The caller's inbox, in their language.
import type { Router } from 'express';
import type { Runtime } from '../../../runtime/runtime-api.ts';
import { actorOf } from '../auth.ts';
import { readBody } from '../body.ts';
import { HttpProblem } from '../problem.ts';
import { requestLanguage } from '../language.ts';

export function notificationRoutes(router: Router, runtime: Runtime): void {
  router.get('/notifications', async (req, res) => {
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

  router.post('/notifications/read', async (req, res) => {
    const body = readBody<{ ids?: string[]; all?: boolean }>(req, { ids: { type: 'string[]' }, all: { type: 'boolean' } });
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
