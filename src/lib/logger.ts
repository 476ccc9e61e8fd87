// Structured logs (pino, one JSON line per event) and the request log (pino-http): one line per answer
// with its request id, method, path, status and time. A request id comes from the client's
// X-Request-Id (when it looks like one) or is generated, and is echoed on every answer.
// Nothing personal is written: bodies are never logged, query values that could hold a name, an
// e-mail, a phone or a card are replaced, and any such field that reaches a log line is redacted.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { pino, type DestinationStream, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { Config } from '../config.ts';

export type { Logger };

export const REQUEST_ID_HEADER = 'X-Request-Id';
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Query parameters whose values are personal or secret: logged as [redacted]. */
const SENSITIVE_KEY = /name|mail|phone|card|number|cvc|cvv|expiry|pan|secret|token|csrf|password/i;

/** Field names redacted wherever they appear in a log line (two levels deep). */
const SENSITIVE_FIELDS = ['givenName', 'familyName', 'lastName', 'name', 'email', 'phone', 'contactEmail', 'contactPhone', 'number', 'cardNumber', 'card', 'cvc', 'expiry', 'password', 'cookie', 'authorization'];
const REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  ...SENSITIVE_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]),
];

export function createLogger(config: Pick<Config, 'logLevel'>, destination?: DestinationStream): Logger {
  const options = { level: config.logLevel, base: { app: 'skylark-air' }, redact: { paths: REDACT_PATHS, censor: '[redacted]' } };
  if (destination) return pino(options, destination);
  // Silent (tests): no stream at all. Otherwise stdout, written asynchronously (src/server.ts flushes at exit).
  return config.logLevel === 'silent' ? pino(options) : pino(options, pino.destination({ dest: 1, sync: false }));
}

/** A URL as it may be logged: the path, and the query with personal values replaced. */
export function loggableUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  for (const key of [...new Set(params.keys())]) {
    if (SENSITIVE_KEY.test(key)) params.set(key, '[redacted]');
  }
  return `${url.slice(0, q)}?${params.toString()}`;
}

/** The request id of an answer: the client's X-Request-Id when usable, else a new UUID. */
function requestId(req: IncomingMessage, res: ServerResponse): string {
  const sent = req.headers['x-request-id'];
  const id = typeof sent === 'string' && REQUEST_ID.test(sent) ? sent : randomUUID();
  res.setHeader(REQUEST_ID_HEADER, id);
  return id;
}

/**
 * The request log: req.log (with the request id) for handlers, and one line per answer. A fault of
 * ours is logged on that line with its stack (the error mapper puts it on `res.err`), never answered.
 */
export function requestLogger(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    genReqId: requestId,
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: loggableUrl(req.url) }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  }) as unknown as RequestHandler;
}
