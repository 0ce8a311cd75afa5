// Turning runtime results into responses: values pass through, refusals become problems.
import type { Response } from 'express';
import type { RecordView, Result } from '../../runtime/runtime-api.ts';
import { HttpProblem } from './problem.ts';

export function orRefuse<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new HttpProblem(result.code, result.message, result.errors);
}

/** A record with its version as the ETag, so clients can echo it back in If-Match. */
export function sendRecord(res: Response, record: RecordView, status = 200): void {
  res.set('ETag', `"${record.version}"`);
  // for the request's log line: which record this answer is about
  res.locals.record = { id: record.id, number: record.number, template: record.template, version: record.version };
  res.status(status).json(record);
}
