import type { Lang } from '../i18n';
import type { Notification } from '../model';

/** A notification's title in the reader's language when the server sent both. */
export function notificationTitle(n: Notification, lang: Lang): string {
  return n.titles?.[lang] || n.title;
}

/** Its body likewise: the server's body is in the language asked for, and both come along to follow a switch. */
export function notificationBody(n: Notification, lang: Lang): string | undefined {
  return n.bodies?.[lang] || n.body;
}
