import { type FormEvent, useEffect, useState } from 'react';
import type { PersonRoles } from '../../shared/api/attendees.ts';
import type { OrganizationSummary } from '../../shared/api/directory.ts';
import { ACCOUNT_ROLES, type AccountRole } from '../../shared/domain.ts';
import { isAdmin } from '../accounts/permissions.ts';
import { useMe } from '../accounts/use-me.ts';
import { apiWrite, type List, useApi, type WriteError } from '../api.ts';
import { SelectField } from '../forms/form-fields.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';

/** The order a form offers them in: from the least to the most power. */
const OFFERED: readonly AccountRole[] = ['delegate', 'partner', 'manager', 'editor', 'admin'];

/** On a person's page, for admins: their account's role in the network, given and taken back here. */
export function PersonRolesSection({ personId }: { personId: string }) {
  const { me } = useMe();
  if (!isAdmin(me)) return null;
  return <RolesForm personId={personId} />;
}

function RolesForm({ personId }: { personId: string }) {
  const { t, language } = useI18n();
  const roles = useApi<PersonRoles>(`/api/people/${personId}/roles`);
  const organizations = useApi<List<OrganizationSummary>>('/api/organizations');
  const [role, setRole] = useState<AccountRole>('delegate');
  const [organization, setOrganization] = useState('');
  const [problem, setProblem] = useState<{ message: string; field?: string | undefined }>();
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (!roles.data) return;
    setRole(roles.data.account?.role ?? 'delegate');
    setOrganization(roles.data.account?.organization?.slug ?? roles.data.organizations[0]?.slug ?? '');
  }, [roles.data]);

  if (!roles.data) return null;
  const scoped = role === 'manager' || role === 'partner';
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(undefined);
    setSaved(false);
    try {
      await apiWrite<PersonRoles>('PUT', `/api/people/${personId}/roles`, language, {
        role,
        ...(scoped ? { organization: organization || null } : {}),
      });
      setSaved(true);
      roles.reload();
    } catch (error) {
      const refused = error as WriteError;
      setProblem({ message: refused.message, field: refused.field });
    }
  };
  const account = roles.data.account;
  return (
    <section aria-labelledby="person-roles" className="person-roles">
      <h2 id="person-roles">{t('attendees.roles.heading')}</h2>
      <p>
        {account
          ? account.organization
            ? t('attendees.roles.currentOf', {
                role: t(`attendees.roles.role.${account.role}`),
                organization: account.organization.name,
              })
            : t('attendees.roles.current', { role: t(`attendees.roles.role.${account.role}`) })
          : t('attendees.roles.noAccount', { email: roles.data.email ?? '' })}
      </p>
      <form onSubmit={(e) => void submit(e)}>
        <SelectField
          label={t('attendees.roles.role')}
          name="role"
          value={role}
          onChange={(value) => setRole(value as AccountRole)}
          options={OFFERED.filter((r) => ACCOUNT_ROLES.includes(r)).map((r) => ({
            value: r,
            label: t(`attendees.roles.role.${r}`),
          }))}
          error={problem?.field === 'role' ? problem.message : undefined}
        />
        {scoped ? (
          <SelectField
            label={t('attendees.roles.organization')}
            name="organization"
            value={organization}
            onChange={setOrganization}
            options={[
              { value: '', label: '—' },
              ...(organizations.data?.items ?? []).map((o) => ({ value: o.slug, label: o.name })),
            ]}
            error={problem?.field === 'organization' ? problem.message : undefined}
          />
        ) : null}
        {problem && problem.field !== 'role' && problem.field !== 'organization' ? (
          <p className="form-field__error" role="alert">
            {problem.message}
          </p>
        ) : null}
        <p className="actions">
          <button type="submit" className="button">
            {t('attendees.roles.save')}
          </button>
          {saved ? <span role="status">{t('attendees.roles.saved')}</span> : null}
        </p>
      </form>
    </section>
  );
}
