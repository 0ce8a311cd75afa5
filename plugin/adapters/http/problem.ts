// The one table from refusal codes to HTTP statuses, and the writer of RFC 9457 problem bodies.
import type { Request, Response } from 'express';
import type { Labels, Refusal } from '../../core/types.ts';
import { requestLanguage, say, type Language } from './language.ts';

export type ProblemCode =
  | Refusal['code']
  | 'bad_request'
  | 'payload_too_large'
  | 'idempotency_key_reused'
  | 'too_many_attempts'
  | 'store_unavailable'
  | 'store_full'
  | 'internal';

interface ProblemKind {
  status: number;
  title: Labels;
}

export const PROBLEMS: Record<ProblemCode, ProblemKind> = {
  bad_request: { status: 400, title: { 'zh-CN': '请求格式错误', en: 'Bad request' } },
  unauthenticated: { status: 401, title: { 'zh-CN': '未登录或登录已失效', en: 'Not signed in' } },
  forbidden: { status: 403, title: { 'zh-CN': '无权操作', en: 'Forbidden' } },
  read_only: { status: 403, title: { 'zh-CN': '只读', en: 'Read-only' } },
  not_found: { status: 404, title: { 'zh-CN': '未找到', en: 'Not found' } },
  invalid_transition: { status: 409, title: { 'zh-CN': '当前状态不允许此操作', en: 'Not allowed in this state' } },
  version_conflict: { status: 409, title: { 'zh-CN': '数据已被他人修改', en: 'Changed by someone else' } },
  conflict: { status: 409, title: { 'zh-CN': '冲突', en: 'Conflict' } },
  payload_too_large: { status: 413, title: { 'zh-CN': '请求内容过大', en: 'Payload too large' } },
  guard_failed: { status: 422, title: { 'zh-CN': '条件不满足', en: 'Condition not met' } },
  reason_required: { status: 422, title: { 'zh-CN': '需要填写原因', en: 'Reason required' } },
  reason_unknown: { status: 422, title: { 'zh-CN': '原因无效', en: 'Unknown reason' } },
  validation_failed: { status: 422, title: { 'zh-CN': '数据校验失败', en: 'Validation failed' } },
  template_invalid: { status: 422, title: { 'zh-CN': '模板无效', en: 'Invalid template' } },
  stock_insufficient: { status: 422, title: { 'zh-CN': '库存不足', en: 'Not enough stock' } },
  period_closed: { status: 422, title: { 'zh-CN': '会计期间已关闭', en: 'Accounting period closed' } },
  idempotency_key_reused: { status: 422, title: { 'zh-CN': '幂等键已用于另一请求', en: 'Idempotency key reused' } },
  too_many_attempts: { status: 429, title: { 'zh-CN': '尝试次数过多', en: 'Too many attempts' } },
  store_unavailable: { status: 503, title: { 'zh-CN': '数据存储暂不可用', en: 'Store unavailable' } },
  store_full: { status: 507, title: { 'zh-CN': '数据存储已满', en: 'Store full' } },
  internal: { status: 500, title: { 'zh-CN': '服务器内部错误', en: 'Internal error' } },
};

export interface ProblemIssue {
  path: string;
  message: string;
  /** The message in 简体中文, when the refusal knows it: answered to Chinese readers instead. */
  zh?: string;
}

/** An issue as a reader of `lang` reads it: in Chinese when it has its Chinese and they read Chinese. */
export function issueIn({ path, message, zh }: ProblemIssue, lang: Language): { path: string; message: string } {
  return { path, message: lang === 'zh-CN' && zh ? zh : message };
}

/** Thrown by handlers for refusals met at the edge (bad bodies, missing headers); the error handler writes it. */
export class HttpProblem extends Error {
  readonly code: ProblemCode;
  readonly labels: Labels;
  readonly errors?: ProblemIssue[];
  constructor(code: ProblemCode, message: Labels, errors?: ProblemIssue[]) {
    super(message.en);
    this.name = 'HttpProblem';
    this.code = code;
    this.labels = message;
    this.errors = errors;
  }
}

export function statusOf(code: string): number {
  return (PROBLEMS as Record<string, ProblemKind | undefined>)[code]?.status ?? 500;
}

export function sendProblem(req: Request, res: Response, code: string, message: Labels, errors?: ProblemIssue[]): void {
  const kind = (PROBLEMS as Record<string, ProblemKind | undefined>)[code] ?? PROBLEMS.internal;
  const lang = requestLanguage(req);
  const body: Record<string, unknown> = {
    type: `urn:order-workflow:problem:${code}`,
    title: say(kind.title, lang),
    status: kind.status,
    detail: say(message, lang),
    code,
  };
  if (errors && errors.length > 0) body.errors = errors.map((e) => issueIn(e, lang));
  res.status(kind.status).type('application/problem+json').send(JSON.stringify(body));
}

export function sendRefusal(req: Request, res: Response, refusal: Refusal): void {
  sendProblem(req, res, refusal.code, refusal.message, refusal.errors);
}
