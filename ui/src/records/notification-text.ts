import type { Lang } from '../i18n';
import type { Notification } from '../model';

/** A notification's title in the reader's language when the server sent both. */
export function notificationTitle(n: Notification, lang: Lang): string {
  return n.titles?.[lang] || n.title;
}
