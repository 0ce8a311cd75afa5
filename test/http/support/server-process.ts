// Real server and CLI processes (plugin/server.ts, plugin/cli.ts) for tests that kill them or run several at once.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ApiClient } from './api-client.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');

/** Starts processes with the given environment; `killAll` makes sure a failed check leaves none running. */
export function processes(baseEnv: () => Record<string, string>) {
  const children: ChildProcess[] = [];

  function run(script: string, args: string[], env: Record<string, string>): ChildProcess {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...baseEnv(), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    return child;
  }

  /** Starts plugin/server.ts and resolves with its URL once it listens. */
  function startServer(env: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string }> {
    const child = run('plugin/server.ts', [], { PORT: '0', ...env });
    return new Promise((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`server did not start in 60 s:\n${out}`)), 60_000);
      const onData = (chunk: Buffer) => {
        out += chunk.toString();
        const m = /running at (http:\/\/localhost:\d+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve({ child, url: m[1] });
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening:\n${out}`)));
    });
  }

  /** Runs a command to its end: exit code and everything it printed. */
  function finish(child: ChildProcess): Promise<{ code: number | null; output: string }> {
    let output = '';
    child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
  }

  /** Ends a process and waits for it to be gone. */
  async function stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((done) => child.once('exit', done));
    child.kill(signal);
    await gone;
  }

  function killAll(): void {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }

  return { run, startServer, finish, stop, killAll };
}

export async function signIn(url: string, username: string): Promise<ApiClient> {
  const res = await new ApiClient(url).post('/api/session', { username, password: 'demo' });
  if (res.status !== 200) throw new Error(`${username} cannot sign in: ${JSON.stringify(res.body)}`);
  return new ApiClient(url, res.body.token);
}
