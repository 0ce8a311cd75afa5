// One writer at a time: planning and committing a command must see the state they change.
import { writerScope } from './ports.ts';

export function createMutex() {
  let tail: Promise<unknown> = Promise.resolve();
  return function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const inScope = () => writerScope.run(true, fn);
    const run = tail.then(inScope, inScope);
    tail = run.catch(() => undefined);
    return run;
  };
}
