import type { AccountRole } from '../../shared/domain.ts';

/** Who is asking: null for the anonymous public. */
export interface Viewer {
  userId: string;
  email: string;
  role: AccountRole;
  /** The organisation a manager or partner contact acts for. */
  organizationId: string | null;
  personId: string | null;
  sessionTokenHash: string;
}
