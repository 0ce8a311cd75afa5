// Shows a failed call: the server's detail and, for validation, each error at its JSON pointer path.
import { ApiError } from '../../api';
import { findings } from '../issues';
import { FindingsList } from './findings-list';

export function ProblemBox({ error, testId }: { error: unknown; testId?: string }) {
  if (!error) return null;
  const detail = error instanceof Error ? (error instanceof ApiError ? error.detail || error.code : error.message) : String(error);
  const errors = error instanceof ApiError ? error.errors ?? [] : [];
  return (
    <div className="adm-problem" role="alert" data-testid={testId}>
      <p className="adm-problem__detail">{detail}</p>
      <FindingsList items={findings(errors)} />
    </div>
  );
}
