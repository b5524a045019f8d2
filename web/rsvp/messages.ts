import type { MessageKey } from '../../shared/i18n/index.ts';

/** Keys of the delegations and RSVP catalog (shared/i18n/{en,es}/delegations.json), as `t` takes them. */
export const m = (key: MessageKey) => key;
