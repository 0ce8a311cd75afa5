// Holds every JSON answer to the contract (for tests and staging): an answer its operation does not describe
// is replaced by a 500 naming the difference, so that a route and its document cannot drift apart unseen.
import type { RequestHandler } from 'express';
import type { Operation } from './contract/kit.ts';
import { validatorOf } from './contract-ajv.ts';
import { sendProblem } from './problem.ts';

/** What is wrong with an answer of this status and body, by the operation's description; empty when nothing is. */
export function answerDrift(op: Operation, status: number, body: unknown): string[] {
  const answer = op.responses[status];
  const where = `${op.method.toUpperCase()} ${op.path} ${status}`;
  if (!answer) return [`${where}: the contract lists no such answer (it lists ${Object.keys(op.responses).join(', ')})`];
  const schema = answer.content?.['application/json']?.schema;
  if (!schema) return [`${where}: the contract describes no JSON body for it`];
  const validate = validatorOf(schema);
  if (validate(body)) return [];
  return (validate.errors ?? []).map((e) => `${where}: ${e.instancePath || '/'} ${e.message ?? e.keyword}${e.keyword === 'additionalProperties' ? ` (${String((e.params as { additionalProperty: string }).additionalProperty)})` : ''}`);
}

export function answerCheck(report: (drift: string[]) => void): RequestHandler {
  return (req, res, next) => {
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      const op = res.locals.operation as Operation | undefined;
      const drift = op ? answerDrift(op, res.statusCode, body) : [];
      if (drift.length === 0) return json(body);
      report(drift);
      sendProblem(req, res, 'internal', { 'zh-CN': `应答与接口说明不符：${drift.join('；')}`, en: `The answer does not match the API description: ${drift.join('; ')}` });
      return res;
    };
    next();
  };
}
