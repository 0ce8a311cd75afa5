// Failed sign-ins are counted per account and per address (express-rate-limit, in this process's memory): past
// the limit a sign-in is refused with 429 and Retry-After until the window has passed, even with the right
// password, so that guessing is slow whatever the guesser spreads over. Successful sign-ins are not counted.
import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { HttpProblem } from './problem.ts';

export interface SignInLimits {
  /** How long failures are remembered (default 15 minutes). */
  windowMs?: number;
  /** Failed sign-ins one account may receive in a window, from anywhere (default 10). */
  perAccount?: number;
  /** Failed sign-ins one address may make in a window, to any accounts (default 50). */
  perAddress?: number;
}

export function signInLimits(limits: SignInLimits = {}): RequestHandler[] {
  const windowMs = limits.windowMs ?? 15 * 60_000;
  const common = {
    windowMs,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-7' as const,
    legacyHeaders: false,
    handler: ((req, res, next) => {
      const reset = (req as { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const seconds = Math.max(1, Math.ceil(((reset?.getTime() ?? Date.now() + windowMs) - Date.now()) / 1000));
      res.set('Retry-After', String(seconds));
      const minutes = Math.ceil(seconds / 60);
      next(
        new HttpProblem('too_many_attempts', {
          'zh-CN': `登录失败次数过多，请 ${minutes} 分钟后再试；忘记密码请联系管理员重置。`,
          en: `Too many failed sign-ins; try again in ${minutes} minute(s), or ask an administrator to reset the password.`,
        }),
      );
    }) as RequestHandler,
  };
  return [
    rateLimit({ ...common, limit: limits.perAddress ?? 50 }),
    // The account as typed, case and spaces aside: the same person's name written twice is one account.
    rateLimit({ ...common, limit: limits.perAccount ?? 10, keyGenerator: (req) => `account:${String(req.body?.username ?? '').trim().toLowerCase()}` }),
  ];
}
