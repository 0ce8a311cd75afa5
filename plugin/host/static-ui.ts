// Serves the built web app, with every non-API GET falling back to index.html (client-side routes).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express } from 'express';

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Order workflow</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.5">
<h1>The web app is not built yet</h1>
<p>网页端尚未构建。请在项目目录运行 <code>npm run build:ui</code>，然后刷新本页。</p>
<p>Run <code>npm run build:ui</code> in the project folder, then reload this page.
The API is already up: <a href="/api/health">/api/health</a>, <a href="/api/openapi.json">/api/openapi.json</a>.</p>
</body></html>`;

function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

export function serveUi(app: Express, uiDir: string): { built: boolean } {
  const index = join(uiDir, 'index.html');
  const built = existsSync(index);
  if (built) app.use(express.static(uiDir, { index: false, maxAge: '1h' }));
  app.use((req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isApiPath(req.path)) {
      next();
      return;
    }
    // index.html names hashed assets; it must be fetched fresh after every build.
    res.set('Cache-Control', 'no-cache');
    if (built) res.sendFile(index);
    else res.type('html').send(NOT_BUILT);
  });
  return { built };
}
