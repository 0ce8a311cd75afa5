// Serves the API description; public, because tools fetch it before anyone has signed in and it holds no data.
import type { Router } from 'express';
import { openApiDocument } from '../openapi-document.ts';

export function openApiRoutes(router: Router): void {
  router.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument);
  });
}
