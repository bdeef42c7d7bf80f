/** CORS for the dashboard: only listed origins are echoed back; preflight requests are answered here. */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Sets CORS headers for an allowed `Origin`; returns true when the request was a preflight and is answered. */
export function applyCors(req: IncomingMessage, res: ServerResponse, allowedOrigins: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin && (allowedOrigins.includes(origin) || allowedOrigins.includes('*'))) {
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('vary', 'Origin');
    res.setHeader('access-control-expose-headers', 'content-disposition');
  }
  if (req.method !== 'OPTIONS') return false;
  res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
  res.setHeader('access-control-allow-headers', 'authorization, content-type, apollo-require-preflight, x-apollo-operation-name');
  res.setHeader('access-control-max-age', '600');
  res.writeHead(204);
  res.end();
  return true;
}
