// The findings that concern one part of the template, shown right where that part is edited.
import { under } from '../issues';
import { useStudio } from '../studio/studio-context';
import { FindingsList } from './findings-list';

export function InlineFindings({ at, testId }: { at: string[]; testId?: string }) {
  const { findings } = useStudio();
  const mine = under(findings, ...at);
  return <FindingsList items={mine} compact testId={testId} />;
}
