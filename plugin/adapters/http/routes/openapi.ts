// Serves the API description; public, because tools fetch it before anyone has signed in and it holds no data.
import type { Router } from 'express';
import { openApiDocument } from '../contract/document.ts';
import { openApi } from '../contract/session.ts';
import { on } from '../operation-route.ts';

export function openApiRoutes(router: Router): void {
  on(router, openApi, (_req, res) => {
    res.json(openApiDocument);
  });
}
