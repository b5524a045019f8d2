import { type ReactNode, useState } from 'react';
import type { Delegation } from '../../shared/api/delegations.ts';
import { apiWrite } from '../api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';

/** One write, its problem shown next to the form that made it. */
export function useWrite(onDone: (delegation: Delegation) => void) {
  const { language } = useI18n();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function run(method: 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown) {
    setBusy(true);
    setProblem(null);
    try {
      const answer = await apiWrite<Delegation>(method, path, language, body);
      onDone(answer);
      return true;
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { problem, busy, run };
}

export function Problem({ children }: { children: ReactNode }) {
  if (!children) return null;
  return (
    <p className="form-problem" role="alert">
      {children}
    </p>
  );
}

export interface Part {
  delegation: Delegation;
  onSaved(delegation: Delegation): void;
}
