import { tokenSource } from './auth.js';
import type { TokenOptions } from './auth.js';
import { createTransport } from './core.js';
import type { Transport, TransportOptions } from './core.js';
import { ClientOutbox } from './outbox.js';
import type { OutboxStore } from './outbox.js';
import { eligibility } from './resources/campaigns.js';
import { health } from './resources/health.js';
import { instruments } from './resources/instruments.js';
import {
  safetySignalSender,
  safetySignals,
  screeningSender,
  screenings,
} from './resources/screenings.js';

export interface ClientOptions extends TransportOptions, TokenOptions {
  /** An outbox from `createOutbox()`: submissions survive reloads and dropped connections. */
  outbox?: OutboxStore;
}

/**
 * What a screening form needs, and nothing else: the resources of `createClient` a student's
 * page calls. Every member is the same as on `XinqiaoClient`, so code written against this type
 * also accepts a full client.
 */
export interface ScreeningClient {
  /** Liveness of the API. */
  health: ReturnType<typeof health>;
  instruments: ReturnType<typeof instruments>;
  /** The form's pre-flight check (`createClient` has the rest of `campaigns`). */
  campaigns: { eligibility: ReturnType<typeof eligibility> };
  /** `create` now, or `submit` through the outbox; drafts. */
  screenings: ReturnType<typeof screenings>;
  /** `create` now, or `send` through the outbox (ahead of everything else). */
  safetySignals: ReturnType<typeof safetySignals>;
}

/** The parts both browser clients share: one token source, transport and outbox. */
export function screeningParts(options: ClientOptions): {
  transport: Transport;
  outbox: ClientOutbox | undefined;
  client: ScreeningClient & { outbox?: ClientOutbox };
} {
  const tokens = tokenSource(options);
  const transport = createTransport(options, tokens);
  const outbox = options.outbox ? new ClientOutbox(options.outbox, tokens, transport) : undefined;
  outbox?.registerSender('screening', screeningSender);
  outbox?.registerSender('safety-signal', safetySignalSender);
  return {
    transport,
    outbox,
    client: {
      health: health(transport),
      instruments: instruments(transport),
      campaigns: { eligibility: eligibility(transport) },
      screenings: screenings(transport, outbox),
      safetySignals: safetySignals(transport, outbox),
      ...(outbox ? { outbox } : {}),
    },
  };
}

/**
 * The browser client of a screening page: `createClient` cut to `health`, `instruments`,
 * `campaigns.eligibility`, `screenings`, `safetySignals` and the outbox. Same options, same
 * behaviour; a bundler then leaves out the other resources and their schemas (see README#size).
 */
export function createScreeningClient(
  options: ClientOptions & { outbox: OutboxStore },
): ScreeningClient & { outbox: ClientOutbox };
export function createScreeningClient(
  options: ClientOptions,
): ScreeningClient & { outbox?: ClientOutbox };
export function createScreeningClient(
  options: ClientOptions,
): ScreeningClient & { outbox?: ClientOutbox } {
  return screeningParts(options).client;
}
