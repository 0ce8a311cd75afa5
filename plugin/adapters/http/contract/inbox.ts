// The caller's notifications.
import { jsonBody, object, ok, problems, ref, type Operation } from './kit.ts';

export const notifications: Operation = {
  method: 'get',
  path: '/api/notifications',
  summary: 'The caller\'s notifications, newest first',
  responses: { 200: ok('Inbox', object({ items: { type: 'array', items: ref('Notification') }, unread: { type: 'integer' } }, ['items', 'unread'])), ...problems(401) },
};

export const markRead: Operation = {
  method: 'post',
  path: '/api/notifications/read',
  summary: 'Mark notifications read: these ids, or all',
  requestBody: jsonBody(object({ ids: { type: 'array', items: { type: 'string' } }, all: { type: 'boolean' } })),
  responses: { 204: ok('Marked'), ...problems(400, 401) },
};
