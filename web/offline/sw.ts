/// <reference lib="webworker" />
import { CacheableResponsePlugin } from 'workbox-cacheable-response';
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { NetworkFirst } from 'workbox-strategies';
import { OFFLINE_API_CACHE } from './api-cache.ts';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: { url: string; revision: string | null }[] };

/** Marks an answer taken from the cache, so the page can say it is offline (web/offline/sync-state.ts). */
const OFFLINE_HEADER = 'x-encuentro-offline';

// The app shell (HTML, scripts, styles, icons, manifest), listed by the build.
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// A new deployment takes over at once: the shell and the API it talks to must not drift apart.
self.skipWaiting();
clientsClaim();

// Client-side routes open the app shell; the server's own pages (sign-in links, the dev mailbox, feeds) do not.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('/index.html'), {
    denylist: [/^\/api\//, /^\/auth\//, /^\/dev\//, /^\/feed\.atom/, /^\/sw\.js/],
  }),
);

/**
 * Reads a delegate needs on site: the network first (fresh when it can be),
 * the last good answer when it cannot. Writes never match (GET only), nor
 * does the live channel (a stream), nor the data export.
 */
const OFFLINE_READS = [
  /^\/api\/me$/,
  /^\/api\/me\/agenda$/,
  // The events I attend: My trip chooses its event from them, the same offline as on line.
  /^\/api\/me\/events$/,
  /^\/api\/events(\/.*)?$/,
  /^\/api\/venues$/,
  /^\/api\/sessions\/[^/]+$/,
  /^\/api\/countries$/,
];

registerRoute(
  ({ url, request }) =>
    request.method === 'GET' &&
    url.origin === self.location.origin &&
    !url.pathname.endsWith('/live') &&
    OFFLINE_READS.some((pattern) => pattern.test(url.pathname)),
  new NetworkFirst({
    cacheName: OFFLINE_API_CACHE,
    // On a venue's weak signal, wait a little for the network, then show what was kept.
    networkTimeoutSeconds: 5,
    plugins: [
      new CacheableResponsePlugin({ statuses: [200] }),
      {
        cachedResponseWillBeUsed: async ({ cachedResponse }) => {
          if (!cachedResponse) return null;
          const headers = new Headers(cachedResponse.headers);
          headers.set(OFFLINE_HEADER, '1');
          return new Response(await cachedResponse.blob(), {
            status: cachedResponse.status,
            statusText: cachedResponse.statusText,
            headers,
          });
        },
      },
    ],
  }),
);

/** What the server's push messages carry (server/announcements/push.ts), decrypted by the browser. */
interface PushMessage {
  title: string;
  body: string;
  url: string;
  tag: string;
  lang: string;
}

// A push message (an announcement, a reminder, a session that moved) becomes a notification, in the
// language the device subscribed in; a later one with the same tag replaces it.
self.addEventListener('push', (event) => {
  let message: PushMessage;
  try {
    message = event.data?.json() as PushMessage;
  } catch {
    return;
  }
  if (!message?.title) return;
  event.waitUntil(
    self.registration.showNotification(message.title, {
      body: message.body,
      tag: message.tag,
      lang: message.lang,
      icon: '/icon-192.png',
      data: { url: message.url },
    }),
  );
});

// A tap opens the page the message is about: in a window of the app already open, else a new one.
self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const path = String((event.notification.data as { url?: string } | null)?.url ?? '/');
  const target = new URL(path.startsWith('/') ? path : '/', self.location.origin).href;
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const open = windows.find((client) => new URL(client.url).origin === self.location.origin) as
        | WindowClient
        | undefined;
      if (open) {
        await open.focus();
        await open.navigate(target).catch(() => undefined);
        return;
      }
      await self.clients.openWindow(target);
    })(),
  );
});
