import type { AuditChanges, AuditedEntity } from '../../shared/api/editing.ts';
import { AppError } from '../errors.ts';

// --- Versions -------------------------------------------------------------

/** A save based on an old version. Its field is `version`: a form tells it from other conflicts (a taken slug) by that. */
export const versionConflict = (entity: AuditedEntity, read: number, current: number) =>
  new AppError('conflict', 'editing.error.conflict', { entity, read, current }, { field: 'version' });

/** The row is locked and current: a version other than the one the client read means someone else saved meanwhile. */
export function expectVersion(entity: AuditedEntity, current: number, read: number | undefined): void {
  if (read !== undefined && current !== read) throw versionConflict(entity, read, current);
}

// --- Values and changes ---------------------------------------------------

/** Forms send "" for an empty box: stored as null. Surrounding spaces never matter. */
export function cleanText(value: string | null): string | null;
export function cleanText(value: string | null | undefined): string | null | undefined;
export function cleanText(value: string | null | undefined): string | null | undefined {
  if (value === undefined) return undefined;
  return value?.trim() || null;
}

/** Before and after of every field whose value differs (compared as JSON, so lists and dates compare by content). */
export function changesBetween(before: Record<string, unknown>, after: Record<string, unknown>): AuditChanges {
  const changes: AuditChanges = {};
  for (const [field, value] of Object.entries(after)) {
    if (value === undefined) continue;
    const was = before[field] ?? null;
    if (JSON.stringify(was) !== JSON.stringify(value)) changes[field] = { before: was, after: value };
  }
  return changes;
}

export const createdChanges = (state: Record<string, unknown>) =>
  changesBetween({}, Object.fromEntries(Object.entries(state).filter(([, value]) => value !== null)));

export const deletedChanges = (state: Record<string, unknown>): AuditChanges =>
  Object.fromEntries(
    Object.entries(state)
      .filter(([, value]) => value !== null && value !== undefined)
      .map(([field, value]) => [field, { before: value, after: null }]),
  );

export const nothingChanged = (changes: AuditChanges) => Object.keys(changes).length === 0;

/** Drop the fields a body left out, so `{ ...current, ...given }` changes only what was sent. */
export const given = <T extends Record<string, unknown>>(values: T): Partial<T> =>
  Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;

/** Both languages of a text, each only if the body named it. */
export function givenTexts(prefix: string, texts: { en?: string | null; es?: string | null } | undefined) {
  return given({ [`${prefix}.en`]: cleanText(texts?.en), [`${prefix}.es`]: cleanText(texts?.es) });
}
