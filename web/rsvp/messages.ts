import { type DelegationsMessageKey, delegationsMessage } from '../../shared/api/delegations.ts';

/** Keys of the delegations and RSVP catalog (shared/i18n/{en,es}/delegations.json), as `t` takes them. */
export const m = (key: DelegationsMessageKey) => delegationsMessage(key);
