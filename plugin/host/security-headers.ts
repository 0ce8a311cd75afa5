// The headers a browser needs to keep the web app and its data to itself (helmet): a Content-Security-Policy
// that lets the app load only its own scripts, no framing by other sites, no referrer leaving the app, and
// nosniff on every answer, not only under /api.
import type { RequestHandler } from 'express';
import helmet from 'helmet';

export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'default-src': ["'self'"],
        // Forms are validated in the browser by ajv, which compiles each template's schema to a function
        // (eval); scripts still come only from the app itself, never inline or from elsewhere.
        'script-src': ["'self'", "'unsafe-eval'"],
        // React and JSON Forms set style attributes; nothing of the app's loads from elsewhere.
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'connect-src': ["'self'"],
        'frame-ancestors': ["'none'"],
        'form-action': ["'self'"],
        // Plain-HTTP installs (an office server) must keep working: HTTPS is the proxy's to enforce.
        'upgrade-insecure-requests': null,
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // Only meaningful over HTTPS, where the proxy in front sets it with the host's own lifetime.
    strictTransportSecurity: false,
  });
}
