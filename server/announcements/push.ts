import webpush from 'web-push';
import type { PushSubscriptionRequest } from '../../shared/api/announcements.ts';
import type { Language } from '../../shared/domain.ts';
import { requireSignedIn } from '../accounts/policy.ts';
import type { AppContext, ServiceContext } from '../context.ts';
import type { Queryable } from '../db/client.ts';
import { notFound } from '../errors.ts';
import type { Viewer } from '../http/viewer.ts';
import type { ClaimedMail } from '../outbox/queries.ts';
import {
  deleteSubscription,
  deleteSubscriptionById,
  insertAppMetaOnce,
  selectAppMeta,
  selectSubscription,
  upsertSubscription,
} from './queries.ts';

/** The outbox kind of a push message; its payload says which subscription and what to open. */
export const PUSH_KIND = 'push';
const VAPID_META_KEY = 'vapid_keys';
/** How long a push service keeps a message for a phone that is off: a reminder is stale after an hour. */
const PUSH_TTL_SECONDS = 3600;
const PUSH_TIMEOUT_MS = 10_000;

interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

/**
 * The server's VAPID key pair, made on first start and kept in `app_meta`:
 * every instance signs with the same key, and phones subscribed with its
 * public half keep working across restarts. Two instances starting together
 * both make one; the first insert wins and both read it.
 */
export async function vapidKeys(db: Queryable): Promise<VapidKeys> {
  const kept = await selectAppMeta<VapidKeys>(db, VAPID_META_KEY);
  if (kept) return kept;
  const made = webpush.generateVAPIDKeys();
  return insertAppMetaOnce(db, VAPID_META_KEY, { publicKey: made.publicKey, privateKey: made.privateKey });
}

/** Kept once read: the keys never change once made. */
const keysOf = new WeakMap<object, Promise<VapidKeys>>();
export function keysFor(ctx: ServiceContext): Promise<VapidKeys> {
  let keys = keysOf.get(ctx);
  if (!keys) {
    keys = vapidKeys(ctx.db);
    keys.catch(() => keysOf.delete(ctx));
    keysOf.set(ctx, keys);
  }
  return keys;
}

export async function pushPublicKey(ctx: ServiceContext): Promise<{ publicKey: string }> {
  return { publicKey: (await keysFor(ctx)).publicKey };
}

/** This device allowed notifications (POST /api/me/push-subscriptions): kept for the signed-in account. */
export async function subscribe(
  ctx: ServiceContext,
  viewer: Viewer | null,
  input: PushSubscriptionRequest,
  language: Language,
): Promise<{ id: string }> {
  const account = requireSignedIn(viewer);
  const id = await upsertSubscription(ctx.db, {
    userId: account.userId,
    personId: account.personId,
    endpoint: input.endpoint,
    p256dh: input.keys.p256dh,
    auth: input.keys.auth,
    language: input.language ?? language,
    createdAt: ctx.clock.now(),
  });
  return { id };
}

export async function unsubscribe(ctx: ServiceContext, viewer: Viewer | null, endpoint: string): Promise<void> {
  const account = requireSignedIn(viewer);
  if (!(await deleteSubscription(ctx.db, account.userId, endpoint))) {
    throw notFound('announce.error.no_subscription', {});
  }
}

interface PushPayload {
  subscriptionId: string;
  url: string;
  tag: string;
  lang: string;
}

/** The VAPID subject: the public origin when it is https, else a mailbox of its host (push services want one). */
const vapidSubject = (publicUrl: string) =>
  publicUrl.startsWith('https://') ? publicUrl : `mailto:no-reply@${new URL(publicUrl).hostname || 'localhost'}`;

/**
 * Sends one push message of the outbox: web-push encrypts it for the device
 * (RFC 8291, aes128gcm) and signs the VAPID header; the request goes out with
 * fetch. A push service answering 404 or 410 says the subscription is gone:
 * it is deleted and the message counts as done. Any other failure throws, and
 * the outbox tries again later.
 */
export function pushSender(ctx: AppContext): (message: ClaimedMail) => Promise<void> {
  return async (message) => {
    const payload = message.payload as PushPayload;
    const subscription = await selectSubscription(ctx.db, payload.subscriptionId);
    if (!subscription) return;
    const keys = await keysFor(ctx);
    const details = webpush.generateRequestDetails(
      { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
      JSON.stringify({
        title: message.subject,
        body: message.body,
        url: payload.url,
        tag: payload.tag,
        lang: payload.lang,
      }),
      {
        vapidDetails: { subject: vapidSubject(ctx.publicUrl), publicKey: keys.publicKey, privateKey: keys.privateKey },
        TTL: PUSH_TTL_SECONDS,
        contentEncoding: 'aes128gcm',
      },
    );
    const answer = await fetch(details.endpoint, {
      method: details.method,
      headers: details.headers as Record<string, string>,
      body: details.body ? new Uint8Array(details.body) : null,
      signal: AbortSignal.timeout(PUSH_TIMEOUT_MS),
    });
    await answer.body?.cancel();
    if (answer.status === 404 || answer.status === 410) {
      await deleteSubscriptionById(ctx.db, subscription.id);
      return;
    }
    if (!answer.ok) throw new Error(`push service answered ${answer.status}`);
  };
}
