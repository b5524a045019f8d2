import { Link } from 'wouter';
import type { PersonRef } from '../../shared/api/directory.ts';
import { FictionalBadge } from '../ui/badges.tsx';

export function personHref(person: { id: string }): string {
  return `/people/${encodeURIComponent(person.id)}`;
}

/** A person's name as a link, with the demo badge when the person is invented. */
export function PersonLink({
  person,
  badge = true,
}: {
  person: Pick<PersonRef, 'id' | 'name' | 'fictional'>;
  badge?: boolean;
}) {
  return (
    <>
      <Link href={personHref(person)}>{person.name}</Link>
      {badge && person.fictional ? (
        <>
          {' '}
          <FictionalBadge />
        </>
      ) : null}
    </>
  );
}
