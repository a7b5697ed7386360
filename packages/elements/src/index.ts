/**
 * Package entry (`@xinqiao/elements`): classes, events, tokens, contexts and controllers, with no registration side
 * effects. Import `@xinqiao/elements/define/<tag>` to register a tag.
 */
export { XqElement } from './base/xq-element.js';
export { defineElement } from './base/define-element.js';
export { XqEvent, type XqEventName, type XqEventOptions } from './events.js';
export { tokens } from './styles/tokens.js';
export { XqErrorEvent } from './events.js';
export {
  clientContext,
  localeContext,
  appearanceContext,
  type XqAppearance,
  type XqTheme,
} from './context/contexts.js';
export { ensureContextRoot } from './context/context-root.js';
export {
  LocalizeController,
  type Catalog,
  type Catalogs,
  type Message,
  type Translation,
} from './i18n/localize.js';
export { matchLocale, xqLocales, defaultLocale, type XqLocale } from './i18n/locale.js';
export { formatDate, formatDateTime, formatTime, shanghaiTimeZone } from './i18n/format.js';
export { XqProvider, type FetchToken } from './provider/provider.js';
export {
  XqHotlineCard,
  mergeHotlines,
  type HotlineCardVariant,
  type HotlineLoadState,
} from './hotline-card/hotline-card.js';
export {
  hotlineSourceFromClient,
  type HotlineDataSource,
  type HotlineQuery,
} from './hotline-card/hotline-source.js';
export {
  XqParentSchoolSignup,
  type SessionModeFilter,
  type SignupLoadState,
} from './parent-school-signup/parent-school-signup.js';
export {
  XqSignupEvent,
  XqCancelEvent,
} from './parent-school-signup/parent-school-signup.events.js';
export {
  parentSchoolSourceFromClient,
  type ParentSchoolChild,
  type ParentSchoolDataSource,
  type ParentSchoolSession,
  type ParentSchoolSignup,
  type SignupInput,
  type SignupStatus,
} from './parent-school-signup/parent-school-source.js';
export {
  XqCaseTimeline,
  type CasePerson,
  type CaseTimelineLoadState,
} from './case-timeline/case-timeline.js';
export { XqCaseEventAddedEvent } from './case-timeline/case-timeline.events.js';
export {
  caseSourceFromClient,
  type CaseCallOptions,
  type CaseTimelineDataSource,
} from './case-timeline/case-source.js';
export {
  XqScreeningForm,
  type ScreeningFormLayout,
  type ScreeningFormState,
  type SafetyState,
  type SignalEntry,
} from './screening-form/screening-form.js';
export {
  XqSubmitEvent,
  XqSubmittedEvent,
  XqCriticalEvent,
} from './screening-form/screening-form.events.js';
export {
  screeningSourceFromClient,
  type Delivery,
  type DeliveryUpdate,
  type QueuedItem,
  type ScreeningDataSource,
  type ScreeningFormClient,
} from './screening-form/screening-source.js';
