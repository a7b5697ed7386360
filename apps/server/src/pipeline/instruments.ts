import type { InstrumentDetail } from '@xinqiao/contracts/instrument-catalog';
import type { Locale } from '@xinqiao/contracts/ids';
import { listInstruments } from '@xinqiao/instruments';
import { localeFrom } from '../http/messages.js';

/** The locale instrument answers are given in: `?locale=` when asked, else `Accept-Language`. */
export function instrumentLocale(
  queryLocale: Locale | undefined,
  acceptLanguage: string | undefined,
): Locale {
  return queryLocale ?? localeFrom(acceptLanguage);
}

/** `GET /v1/instruments/:id`'s answer; undefined for an id the registry does not know. */
export function instrumentDetail(
  instrumentId: string,
  locale: Locale,
): InstrumentDetail | undefined {
  const entry = listInstruments().find((e) => e.id === instrumentId);
  return entry && { locale, instrument: entry };
}

/**
 * Every instrument a form of `instrumentIds` may need: those, in order, then the follow-up
 * instruments their critical items can insert (ASQ after PHQ-A), transitively, each once.
 * The registry refuses a definition whose follow-ups it does not hold.
 */
export function instrumentsWithFollowUps(instrumentIds: readonly string[]): string[] {
  const out = [...new Set(instrumentIds)];
  for (let i = 0; i < out.length; i++) {
    const entry = listInstruments().find((e) => e.id === out[i]);
    if (entry?.kind !== 'content') continue;
    for (const c of entry.criticalItems)
      for (const id of c.followUp) if (!out.includes(id)) out.push(id);
  }
  return out;
}

/** The definitions `GET /v1/campaigns/:id/eligibility?include=definitions` adds, in that order. */
export function definitionsFor(
  instrumentIds: readonly string[],
  locale: Locale,
): InstrumentDetail[] {
  return instrumentsWithFollowUps(instrumentIds).flatMap((id) => {
    const detail = instrumentDetail(id, locale);
    return detail ? [detail] : [];
  });
}
