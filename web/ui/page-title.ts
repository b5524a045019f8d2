import { useEffect } from 'react';

const APP_NAME = 'Encuentro';

/** Sets document.title to "<page> · Encuentro" (or just the app name) while the page is shown. */
export function usePageTitle(title: string | null | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · ${APP_NAME}` : APP_NAME;
  }, [title]);
}
