/**
 * Every error answer is `{"error":{"code","message"}}`. This middleware turns thrown errors, body
 * parser failures and unknown routes into that shape.
 */
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { RingbackError } from '../lib/errors.ts';

export function sendError(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ error: { code, message } });
}

export const notFound: RequestHandler = (req, res) => {
  sendError(res, 404, 'not_found', `no route for ${req.method} ${req.path}`);
};

interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
}

export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const e = err as BodyParserError & Error;
  if (res.headersSent) return;
  if (e.type === 'entity.too.large')
    return sendError(res, 413, 'payload_too_large', 'request body is over the 1 MiB limit');
  if (e.type === 'entity.parse.failed')
    return sendError(res, 400, 'malformed_json', `body is not valid JSON: ${e.message}`);
  if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported')
    return sendError(res, 415, 'unsupported_encoding', e.message);
  if (err instanceof RingbackError) return sendError(res, err.status, err.code, err.message);
  req.log?.error({ err }, 'unhandled error');
  sendError(res, 500, 'internal_error', 'internal error');
};
