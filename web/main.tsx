import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { initialLanguage } from './i18n/language-preference.ts';
import { loadCatalog } from './i18n/load-catalog.ts';
import { installSyncTracking } from './offline/sync-state.ts';
import './styles.css';

installSyncTracking();
// The service worker keeps the app and the reads a delegate needs on site readable offline.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((error: unknown) => {
      console.warn('Offline support is unavailable:', error);
    });
  });
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
// The messages of the reader's language come before the first render.
await loadCatalog(initialLanguage());
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
