// One writer per data folder: a second server (or a writing CLI command) beside a running one would each
// keep its own copy in memory and overwrite the other's writes, so it is refused, naming who holds the folder.
import { PluginFailure } from '../../../core/errors.ts';
import { readFileSync, unlinkSync } from 'node:fs';
import { open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';

interface Holder {
  pid: number;
  command: string;
  since: string;
}

export class DataDirLocked extends Error {
  readonly holder: Holder;
  constructor(dataDir: string, holder: Holder) {
    super(
      `${dataDir} is in use by another process (pid ${holder.pid}, "${holder.command}", since ${holder.since}); ` +
        'only one process may write a data folder. Stop that process first, or ask it through its HTTP API.',
    );
    this.name = 'DataDirLocked';
    this.holder = holder;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readHolder(file: string): Promise<Holder | undefined> {
  try {
    const h = JSON.parse(await readFile(file, 'utf8')) as Holder;
    return Number.isInteger(h.pid) ? h : undefined;
  } catch {
    return undefined; // Half-written by a process that died while taking it: nobody holds it.
  }
}

export interface DataDirLock {
  release(): Promise<void>;
}

/** Takes the folder's lock file, or throws DataDirLocked while a live process holds it; a dead holder's lock is taken over. */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  const file = join(dataDir, 'store.lock');
  const me: Holder = { pid: process.pid, command: process.argv.slice(1).join(' ').slice(0, 200), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(JSON.stringify(me));
      await handle.close();
      // A killed process cannot release it; one that exits normally does, even without close().
      const onExit = () => {
        try {
          if (readFileSync(file, 'utf8').includes(`"pid":${process.pid},`)) unlinkSync(file);
        } catch {
          // already gone
        }
      };
      process.once('exit', onExit);
      return {
        release: async () => {
          process.removeListener('exit', onExit);
          const holder = await readHolder(file);
          if (holder?.pid === process.pid) await unlink(file).catch(() => undefined);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = await readHolder(file);
      if (holder && holder.pid !== process.pid && alive(holder.pid)) throw new DataDirLocked(dataDir, holder);
      if (holder?.pid === process.pid) throw new DataDirLocked(dataDir, holder);
      await unlink(file).catch(() => undefined);
    }
  }
  throw new PluginFailure('store_unavailable', `could not take ${file}: it keeps being recreated; is another process starting on ${dataDir}?`);
}
