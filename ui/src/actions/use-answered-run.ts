// What the action dialogs share: the answers to an action's questions, and running it once they are complete
// (busy while it runs, the error if it fails, the missing answer if there is one).
import { useState } from 'react';
import { answersMissing, emptyAnswers, type ActionAnswers } from './action-inputs';
import type { ActionMeta } from './action-meta';

export function useAnsweredRun(meta: ActionMeta) {
  const [answers, setAnswers] = useState<ActionAnswers>(emptyAnswers);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState<string | null>(null);

  /** Runs `work` when every required answer is given; otherwise only notes what is missing. */
  async function run(work: () => Promise<void>) {
    const m = answersMissing(meta, answers);
    setMissing(m);
    if (m) return;
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return { answers, setAnswers, busy, error, missing, run };
}
