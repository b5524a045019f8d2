import { sql } from 'drizzle-orm';
import { type Queryable, rows } from '../db/client.ts';
import { ensureAttendance } from '../delegations/attendance.ts';
import type { DemoNetwork } from './types.ts';

const EVENT = 'fim-gdl-2024';
/** The article gives no travel dates: these are plausible ones, said to be illustrative in the notes. */
const ARRIVES = '2024-02-27';
const DEPARTS = '2024-03-03';
const ILLUSTRATIVE_NOTE = 'Travel dates are illustrative: the source does not give them.';

interface DemoDelegation {
  organization: string;
  /** Demo person keys; the first named leader leads. */
  leader?: string;
  members: string[];
  /** WIN's own staff: they play the bingo but take no prize. */
  staff?: boolean;
  funding?: { funder: string; en: string; es: string }[];
  note?: string;
}

// "The visit of WIN delegates from Spain in Mexico was supported by Acción Cultural Española (AC/E)."
// What AC/E paid for is not said: "travel" is illustrative.
const ACE_TRAVEL = {
  funder: 'ac-e',
  en: 'Travel of the delegates from Spain (illustrative: the source names the support, not what it covered)',
  es: 'Viaje de las personas delegadas de España (ilustrativo: la fuente cita el apoyo, no qué cubrió)',
};

/**
 * The delegations of the seed article: A2IM, CIMA and IMICHILE "traveled with
 * official delegations"; members of AMI Paraguay, ASIAr, UFi and IMPALA "were
 * also in attendance"; WIN's officers led the programme; ADMI was presented
 * and delegates from Australia came too. Each fictional delegate goes with
 * their country's association; the Colombian ones, whose association is
 * still being built, attend on their own.
 */
const DELEGATIONS: DemoDelegation[] = [
  {
    organization: 'win',
    leader: 'noemi-planas',
    members: ['noemi-planas', 'zena-white', 'mark-kitcatt'],
    staff: true,
    funding: [ACE_TRAVEL],
  },
  {
    organization: 'a2im',
    leader: 'jasmine-carter',
    members: ['jasmine-carter', 'tyler-brooks', 'rachel-kim', 'devin-holloway'],
  },
  {
    organization: 'cima',
    leader: 'emilie-gagnon',
    members: ['emilie-gagnon', 'ryan-macdonald', 'sophie-tremblay', 'daniel-okafor'],
  },
  {
    organization: 'imichile',
    leader: 'fran-sandoval',
    members: ['fran-sandoval', 'javiera-munoz', 'matias-fuentealba', 'catalina-soto', 'felipe-contreras'],
  },
  {
    organization: 'ami-paraguay',
    leader: 'mark-meyer',
    members: ['mark-meyer', 'belen-gimenez', 'hugo-caceres', 'lorena-duarte', 'marcelo-ayala'],
  },
  {
    organization: 'asiar',
    leader: 'tweety-gonzalez',
    members: ['tweety-gonzalez', 'martina-ferreyra', 'julian-acosta', 'lucia-benitez', 'tomas-quiroga'],
  },
  {
    organization: 'ufi',
    leader: 'marta-vidal',
    members: ['marta-vidal', 'sergio-navarro', 'irene-castell', 'alvaro-prieto'],
    funding: [ACE_TRAVEL],
  },
  {
    organization: 'impala',
    members: [],
    note: 'The article says members of IMPALA were in attendance but names none.',
  },
  {
    organization: 'admi',
    leader: 'zorry-sedano',
    members: [
      'zorry-sedano',
      'laura-garcia',
      'ximena-hernandez',
      'diego-villasenor',
      'regina-castaneda',
      'emiliano-ortiz',
    ],
  },
  {
    organization: 'air',
    leader: 'priya-raman',
    members: ['priya-raman', 'callum-fraser', 'chloe-whitfield', 'liam-harcourt'],
  },
];

/** Colombia's association is under way: its delegates come on their own. */
const INDIVIDUAL_ATTENDEES = ['valentina-ospina', 'santiago-restrepo', 'daniela-cardenas', 'andres-mejia'];

/** Seats are limited at a few sessions (illustrative numbers), so RSVPs and waitlists can be tried. */
const CAPACITIES: Record<string, number> = {
  'd1-genai-panel': 80,
  'd2-latam-network-meeting': 24,
  'd3-admi-lunch': 12,
  'd3-admi-presentation': 120,
};

/** The delegations put down for the LatAm Network meeting: the six countries of the working group, and WIN. */
const LATAM_MEETING = {
  session: 'd2-latam-network-meeting',
  delegations: ['win', 'asiar', 'imichile', 'ami-paraguay', 'ufi', 'admi'],
};

export async function insertDemoDelegations(tx: Queryable, network: DemoNetwork): Promise<void> {
  const event = network.events.find((e) => e.slug === EVENT);
  if (!event) return;
  const [eventRow] = await rows<{ id: string }>(tx, sql`select id from events where slug = ${EVENT}`);
  if (!eventRow) return;
  const names = new Map(network.people.map((p) => [p.key, p.name]));
  const people = await rows<{ id: string; name: string }>(tx, sql`select id, name from people`);
  const personId = (key: string) => {
    const id = people.find((p) => p.name === names.get(key))?.id;
    if (!id) throw new Error(`Demo delegations: unknown person "${key}"`);
    return id;
  };
  const organizationId = async (slug: string) => {
    const [row] = await rows<{ id: string }>(tx, sql`select id from organizations where slug = ${slug}`);
    if (!row) throw new Error(`Demo delegations: unknown organisation "${slug}"`);
    return row.id;
  };

  const delegationIds = new Map<string, string>();
  for (const d of DELEGATIONS) {
    const [row] = await rows<{ id: string }>(
      tx,
      sql`insert into delegations (event_id, organization_id, leader_person_id, status, arrives_on, departs_on, notes)
          values (${eventRow.id}, ${await organizationId(d.organization)}, ${d.leader ? personId(d.leader) : null},
                  'confirmed', ${ARRIVES}, ${DEPARTS}, ${[ILLUSTRATIVE_NOTE, d.note].filter(Boolean).join(' ')})
          returning id`,
    );
    const delegationId = (row as { id: string }).id;
    delegationIds.set(d.organization, delegationId);
    for (const key of d.members) {
      const id = personId(key);
      await tx.execute(sql`insert into delegation_members (delegation_id, person_id) values (${delegationId}, ${id})`);
      await ensureAttendance(tx, { eventId: eventRow.id, personId: id, delegationId, isStaff: d.staff ?? false });
    }
    for (const f of d.funding ?? []) {
      await tx.execute(
        sql`insert into delegation_funding (delegation_id, funder_organization_id, covers_en, covers_es)
            values (${delegationId}, ${await organizationId(f.funder)}, ${f.en}, ${f.es})`,
      );
    }
  }
  for (const key of INDIVIDUAL_ATTENDEES) await ensureAttendance(tx, { eventId: eventRow.id, personId: personId(key) });

  for (const s of event.sessions) {
    const capacity = CAPACITIES[s.key];
    if (capacity === undefined) continue;
    await tx.execute(
      sql`update sessions set capacity = ${capacity} where event_id = ${eventRow.id} and title_en = ${s.title.en}`,
    );
  }
  const meeting = event.sessions.find((s) => s.key === LATAM_MEETING.session);
  if (meeting) {
    const [session] = await rows<{ id: string }>(
      tx,
      sql`select id from sessions where event_id = ${eventRow.id} and title_en = ${meeting.title.en}`,
    );
    for (const slug of LATAM_MEETING.delegations) {
      const delegationId = delegationIds.get(slug);
      if (session && delegationId) {
        await tx.execute(
          sql`insert into session_assignments (session_id, delegation_id) values (${session.id}, ${delegationId})`,
        );
      }
    }
  }
}
