import { startSession } from '../server/accounts/service.ts';
import { users } from '../server/accounts/tables.ts';
import type { ServiceContext } from '../server/context.ts';
import type { AccountRole } from '../shared/domain.ts';

/**
 * An account of the given role with a live session, without going through
 * the mail: returns the value of the `encuentro_session` cookie.
 */
export async function signedInAs(
  ctx: ServiceContext,
  account: { email: string; role: AccountRole; organizationId?: string | null; personId?: string | null },
): Promise<string> {
  const [user] = await ctx.db
    .insert(users)
    .values({
      email: account.email,
      role: account.role,
      organizationId: account.organizationId ?? null,
      personId: account.personId ?? null,
    })
    .returning({ id: users.id });
  return startSession(ctx, (user as { id: string }).id, 'test');
}
