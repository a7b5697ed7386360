// Re-exports of the contract types the definitions are written against.
export type {
  ContentCheck,
  InstrumentDefinition,
  LicensedSlot,
  Option,
} from '@xinqiao/contracts/instruments';
export type { LocalizedText } from '@xinqiao/contracts/ids';
