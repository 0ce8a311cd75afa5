// Running a template's actions on records: preview, run (200 done or 202 waiting for approval), bulk.
import type { Request, Router } from 'express';
import type { JsonObject } from '../../../core/types.ts';
import type { ActionInput, Runtime } from '../../../runtime/runtime-api.ts';
import { actorOf } from '../auth.ts';
import { isPlainObject } from '../body.ts';
import * as contract from '../contract/actions.ts';
import { on } from '../operation-route.ts';
import { HttpProblem, statusOf } from '../problem.ts';
import { orRefuse, sendRecord } from '../reply.ts';
import { ifMatchVersion, queryString } from '../request-params.ts';

/** Preview is a GET, so its input comes from the query: `reason`, `comment`, and `params` as JSON. */
function previewInput(req: Request): ActionInput {
  const input: ActionInput = { reason: queryString(req, 'reason'), comment: queryString(req, 'comment') };
  const rawParams = queryString(req, 'params');
  if (rawParams !== undefined) {
    let params: unknown;
    try {
      params = JSON.parse(rawParams);
    } catch {
      params = undefined;
    }
    if (!isPlainObject(params)) {
      throw new HttpProblem('bad_request', {
        'zh-CN': '参数 params 必须是 JSON 对象（URL 编码）。',
        en: 'query parameter "params" must be a URL-encoded JSON object.',
      }, [{ path: '/params', message: 'must be a JSON object' }]);
    }
    input.params = params as JsonObject;
  }
  const version = ifMatchVersion(req);
  if (version !== undefined) input.version = version;
  return input;
}

/** The version may come in the body or as If-Match; both is fine only when they agree. */
function actionVersion(req: Request, bodyVersion: number | undefined): number | undefined {
  const header = ifMatchVersion(req);
  if (header !== undefined && bodyVersion !== undefined && header !== bodyVersion) {
    throw new HttpProblem('bad_request', {
      'zh-CN': `If-Match（${header}）与请求中的 version（${bodyVersion}）不一致。`,
      en: `If-Match (${header}) and the body's version (${bodyVersion}) disagree.`,
    });
  }
  return bodyVersion ?? header;
}

export function actionRoutes(router: Router, runtime: Runtime): void {
  // Registered before the per-record routes so that "bulk" is never taken for a record id.
  on<{ ids: string[]; reason?: string; comment?: string; params?: JsonObject }>(router, contract.bulkAction, async (req, res, body) => {
    const { ids, ...input } = body;
    const results = await runtime.bulkAction(actorOf(res), [...new Set(ids)], req.params.action, input);
    // Statuses are HTTP's business: each result says what the single call would have answered.
    res.json({
      results: results.map((r) => ({
        ...r,
        status: r.ok ? (r.approval ? 202 : 200) : statusOf(r.code ?? 'internal'),
      })),
    });
  });

  on(router, contract.previewAction, async (req, res) => {
    res.json(orRefuse(await runtime.previewAction(actorOf(res), req.params.id, req.params.action, previewInput(req))));
  });

  on<ActionInput>(router, contract.runAction, async (req, res, body) => {
    const input: ActionInput = { ...body, version: actionVersion(req, body.version) };
    if (input.version === undefined) delete input.version;
    const outcome = orRefuse(await runtime.runAction(actorOf(res), req.params.id, req.params.action, input));
    if (outcome.kind === 'approval') {
      res.status(202).json({ approval: outcome.approval });
      return;
    }
    sendRecord(res, outcome.record);
  });
}
