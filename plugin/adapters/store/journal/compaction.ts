// Compaction folds sealed journals into a new store.json. It runs in a child process: rebuilding and
// serialising the whole store takes seconds at 100,000 orders, and the server must keep answering meanwhile.
import { fork } from 'node:child_process';
import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSnapshotAndSealed, sealedJournals, syncPath, writeSnapshot } from './data-dir-files.ts';

/** Rebuilds the state from store.json and the sealed journals, writes it as the new store.json, removes those journals. */
export async function compactDataDir(dataDir: string, stillWanted: () => boolean = () => true): Promise<number> {
  const sealed = await sealedJournals(dataDir);
  if (!sealed.length) return 0;
  const { state, seq } = await loadSnapshotAndSealed(dataDir, sealed);
  if (!stillWanted()) return 0;
  await writeSnapshot(dataDir, state, seq);
  // A server that died meanwhile may be restarting and reading them: it reads again when one vanishes.
  for (const name of sealed) await unlink(join(dataDir, name));
  await syncPath(dataDir);
  return sealed.length;
}

/** Runs compactDataDir in a child process; settles when it has finished. */
export function compactInBackground(dataDir: string): Promise<void> {
  const self = fileURLToPath(import.meta.url);
  // Under tsx (development, tests) the child needs the same loader; built JavaScript does not.
  const execArgv = self.endsWith('.ts') ? ['--import', import.meta.resolve('tsx')] : [];
  return new Promise((resolve, reject) => {
    const child = fork(self, [dataDir], { execArgv, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()).slice(-2000));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`compaction of ${dataDir} failed (exit ${code}): ${stderr.trim().slice(-500)}`))));
    child.unref();
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.send) {
  // Only while the server that asked is alive: otherwise a restarting server may be reading the same files.
  compactDataDir(process.argv[2], () => process.connected).then(
    () => process.exit(0),
    (error: Error) => {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    },
  );
}
