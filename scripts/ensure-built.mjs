// `npm start` and `npm run cli` run the built JavaScript (dist/); this builds it first when nothing is built
// yet (a fresh clone), and otherwise leaves the build as it is: `npm run build` rebuilds after a change.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = ['dist/server/plugin/server.js', 'dist/server/plugin/cli.js', 'dist/ui/index.html'].every((f) => existsSync(join(root, f)));
if (!built) {
  if (!existsSync(join(root, 'node_modules', 'typescript')) || !existsSync(join(root, 'node_modules', 'vite'))) {
    console.error('Nothing is built yet, and the build tools are not installed (a production install leaves them out).');
    console.error('Run `npm ci && npm run build` where dev dependencies are installed, then copy dist/ here.');
    process.exit(1);
  }
  console.log('Building the server and the web app once (npm run build)…');
  const r = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
