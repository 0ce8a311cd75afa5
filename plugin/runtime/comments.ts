// Comments: a note anyone who sees a record may add to its audit trail, telling the people it @mentions.
import { scanMentions } from '../core/mentions.ts';
import { COMMENT_ACTION } from '../core/worked-by.ts';
import { canSee } from '../core/permissions.ts';
import { refuse } from '../core/refusals.ts';
import type { Actor, AuditEntry } from '../core/types.ts';
import { loadVisible, userAsActor, type RuntimeEnv } from './context.ts';
import type { Notification } from './ports.ts';
import type { Result } from './runtime-api.ts';

/** The longest comment kept, in characters (code points). */
export const COMMENT_MAX = 2_000;

const textProblem = (zh: string, en: string, message: string) => refuse('validation_failed', zh, en, [{ path: '/text', message }]);

/**
 * Adds a comment to a record's history. It changes neither the record's data nor its version (an edit made
 * meanwhile is no conflict): it is an audit entry, committed with the notifications of the people it mentions.
 * Mentioning someone who may not see the record is refused, naming them: a comment never tells anyone about
 * a record they cannot open.
 */
export async function addComment(env: RuntimeEnv, actor: Actor, id: string, input: { text?: unknown }): Promise<Result<AuditEntry>> {
  const text = typeof input.text === 'string' ? input.text.trim() : '';
  if (!text) return textProblem('评论不能为空。', 'The comment is empty.', 'required');
  const length = [...text].length;
  if (length > COMMENT_MAX)
    return textProblem(`评论最多 ${COMMENT_MAX} 个字（现在 ${length} 个）。`, `A comment has at most ${COMMENT_MAX} characters (this one has ${length}).`, `at most ${COMMENT_MAX} characters`);
  return env.exclusive(async () => {
    const found = await loadVisible(env, id, actor, canSee);
    if (found.refusal) return found.refusal;
    const { record, template } = found;
    const users = (await env.store.listUsers()).filter((u) => !u.disabled);
    const scan = scanMentions(text, users);
    if (scan.unknown.length)
      return textProblem(
        `没有这些用户：${scan.unknown.map((w) => '@' + w).join('、')}。请从列表中选择要提到的人。`,
        `Nobody is called ${scan.unknown.map((w) => '@' + w).join(', ')}; pick the people to mention from the list.`,
        `unknown: ${scan.unknown.join(', ')}`,
      );
    if (scan.ambiguous.length)
      return textProblem(
        `有多人叫 ${scan.ambiguous.map((w) => '@' + w).join('、')}，请改用用户名提到他们。`,
        `Several people are called ${scan.ambiguous.map((w) => '@' + w).join(', ')}; mention them by username instead.`,
        `ambiguous: ${scan.ambiguous.join(', ')}`,
      );
    const outsiders = scan.people.filter((u) => !canSee(template, record, userAsActor(u)));
    if (outsiders.length) {
      const names = outsiders.map((u) => `${u.name}（@${u.username}）`);
      return textProblem(
        `${names.join('、')} 无权查看 ${record.number}，不能在评论中提到；请去掉后再发表。`,
        `${outsiders.map((u) => `${u.name} (@${u.username})`).join(', ')} may not see ${record.number}, so the comment cannot mention them; remove the mention and post again.`,
        `cannot see the record: ${outsiders.map((u) => u.username).join(', ')}`,
      );
    }
    const now = env.now();
    const entry: AuditEntry = {
      id: env.newId(), recordId: record.id, at: now, actor: actor.id, actorName: actor.name,
      action: COMMENT_ACTION, from: record.status, to: record.status, comment: text,
      ...(scan.people.length ? { mentions: scan.people.map((u) => u.id) } : {}),
    };
    const titles = {
      'zh-CN': `${actor.name} 在 ${record.number} 的评论中提到了您`,
      en: `${actor.name} mentioned you in a comment on ${record.number}`,
    };
    // nobody is told about their own words
    const notifications: Notification[] = scan.people.filter((u) => u.id !== actor.id).map((u) => ({
      id: env.newId(), to: u.id, recordId: record.id, kind: 'comment.mention', at: now, read: false,
      title: titles['zh-CN'], titles, body: text, bodies: { 'zh-CN': text, en: text },
    }));
    await env.store.commit({ audit: [entry], notifications });
    return { ok: true as const, value: entry };
  });
}
