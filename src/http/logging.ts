import pino, { type Logger } from 'pino';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** Structured JSON logs; anything that could hold a credential is redacted. */
export function createLogger(level: LogLevel = 'info', destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'okta-iam-graphql' },
      redact: {
        paths: [
          'headers.authorization',
          'req.headers.authorization',
          'request.headers.authorization',
          '*.apiToken',
          '*.privateKey',
          '*.token',
          'authorization',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

/** A request id: the caller's x-request-id when it is a plain token, else a fresh UUID. */
export function requestIdOf(header: string | null): string {
  return header && /^[\w.:-]{1,128}$/.test(header) ? header : crypto.randomUUID();
}
