import pino from "pino";

/**
 * The one logger: JSON lines, one object per event, `event` naming what happened. Raw webhook
 * bodies, card data and secrets are never passed to it.
 */
const logger = pino({ level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "warn" : "info"), base: undefined });

type Fields = Record<string, unknown>;

export const log = {
  info: (event: string, fields: Fields = {}) => logger.info({ event, ...fields }),
  warn: (event: string, fields: Fields = {}) => logger.warn({ event, ...fields }),
  error: (event: string, fields: Fields = {}) => logger.error({ event, ...fields }),
};
