/** The service worker's cache of API answers kept for reading offline (web/offline/sw.ts). */
export const OFFLINE_API_CACHE = 'encuentro-api';

/** Forget the answers kept for offline reading: what one person saw must not stay for the next. */
export async function forgetOfflineAnswers(): Promise<void> {
  if (typeof caches !== 'undefined') await caches.delete(OFFLINE_API_CACHE).catch(() => false);
}
