// The last stop for errors: known ones become problems, anything else a generic 500 (logged here, never sent).
import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { StoreFull, StoreUnavailable, VersionConflict } from '../../runtime/ports.ts';
import { HttpProblem, sendProblem } from './problem.ts';

interface BodyParserError {
  type?: string;
  /** zlib's, when a body sent as gzip or deflate is not. */
  code?: string;
  status?: number;
  message?: string;
  limit?: number;
}

function bodyParserProblem(err: BodyParserError, limit: string): HttpProblem | undefined {
  switch (err.type) {
    case 'entity.parse.failed':
      return new HttpProblem('bad_request', {
        'zh-CN': `请求内容不是有效的 JSON：${err.message ?? ''}`,
        en: `The body is not valid JSON: ${err.message ?? ''}`,
      });
    case 'entity.too.large':
      return new HttpProblem('payload_too_large', {
        'zh-CN': `请求内容超过了 ${limit} 的上限。`,
        en: `The body is larger than the ${limit} limit.`,
      });
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new HttpProblem('bad_request', {
        'zh-CN': '请求内容的编码不受支持，请使用 UTF-8 的 JSON。',
        en: 'Unsupported body encoding; send UTF-8 JSON.',
      });
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
    case 'stream.not.readable':
      return new HttpProblem('bad_request', {
        'zh-CN': '请求内容不完整，请重试。',
        en: 'The request body was incomplete; try again.',
      });
    default:
      return err.code?.startsWith('Z_')
        ? new HttpProblem('bad_request', {
            'zh-CN': '请求内容与其 Content-Encoding 不符（无法解压），请按声明的编码发送，或不压缩。',
            en: 'The body does not match its Content-Encoding (it cannot be decompressed); send it as declared, or uncompressed.',
          })
        : undefined;
  }
}

export function createErrorHandler(options: { bodyLimit: string; log?: (err: unknown, req: Request) => void }): ErrorRequestHandler {
  const log = options.log ?? ((err: unknown, req: Request) => console.error(`[http] ${req.method} ${req.originalUrl} failed:`, err));
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    if (err instanceof HttpProblem) {
      sendProblem(req, res, err.code, err.labels, err.errors);
      return;
    }
    // The runtime should turn a lost race into a refusal; if one slips through it still means 409, not 500.
    if (err instanceof VersionConflict) {
      sendProblem(req, res, 'version_conflict', {
        'zh-CN': '该记录已被他人修改，请刷新后重试。',
        en: 'Someone else changed this record; reload it and try again.',
      });
      return;
    }
    if (err instanceof StoreFull) {
      log(err, req);
      const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
      const { bytes, limitBytes } = err.size;
      sendProblem(req, res, 'store_full', {
        'zh-CN': `数据存储已达到容量上限（已用 ${mb(bytes)}，上限 ${mb(limitBytes)}），此次修改未保存，已有数据不受影响。请管理员备份并归档旧数据，或提高 STORE_MAX_MB 后重启服务器，再重试。`,
        en: `The store has reached its size ceiling (${mb(bytes)} of ${mb(limitBytes)}); this change was not saved and nothing already stored is affected. An administrator should back up and archive old data, or raise STORE_MAX_MB and restart the server, then try again.`,
      });
      return;
    }
    if (err instanceof StoreUnavailable) {
      log(err, req);
      sendProblem(req, res, 'store_unavailable', {
        // The embedded store needs a restart after a failed write; PostgreSQL comes back by itself: the log says which.
        'zh-CN': '数据存储暂不可用，服务器暂停读写以免数据出错；请稍后重试，如果持续，请管理员查看服务器日志（/api/health 说明原因）。',
        en: 'The store is unavailable, so the server is not reading or writing rather than serve wrong data; try again shortly, and if it persists an administrator should check the server log (/api/health gives the reason).',
      });
      return;
    }
    const parsed = typeof err === 'object' && err !== null ? bodyParserProblem(err as BodyParserError, options.bodyLimit) : undefined;
    if (parsed) {
      sendProblem(req, res, parsed.code, parsed.labels);
      return;
    }
    log(err, req);
    sendProblem(req, res, 'internal', {
      'zh-CN': '服务器出错了，请稍后重试；如果问题持续，请联系管理员。',
      en: 'Something went wrong on the server; try again later, and tell an administrator if it persists.',
    });
  };
}

/** Unknown paths under /api answer in the same problem format as everything else. */
export const notFoundHandler: RequestHandler = (req, res) => {
  sendProblem(req, res, 'not_found', {
    'zh-CN': `没有这个接口：${req.method} ${req.originalUrl}`,
    en: `No such endpoint: ${req.method} ${req.originalUrl}`,
  });
};
