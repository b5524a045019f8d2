import { sql } from 'drizzle-orm';
import { importDemoAttendees } from '../attendees/import.ts';
import { type Queryable, rows } from '../db/client.ts';

const EVENT = 'fim-gdl-2024';

/**
 * FIM GDL 2024's attendee list as the network's staff would import it, on
 * top of the delegations: WIN's officers are the network's staff and speak
 * at its sessions; the speakers named in the programme are marked; and one
 * contact of each partner that gives a bingo prize (Sounds from Spain,
 * Canada House, Chilemúsica, Portamérica Latitudes) attends as a partner, so
 * never wins a prize. The seed names the partners, not who came on their
 * behalf: their contacts are named as desks marked "(demo)", like the demo's
 * invented organisations, and are not flagged fictional, which would make
 * them players of the demo bingo (server/demo/bingo.ts plays every fictional
 * person at the event).
 */
const LIST = `name,email,organization,country,delegation,language,role
Noemí Planas,,WIN,,,,staff;speaker
Zena White,,WIN,,,,staff;speaker
Mark Kitcatt,,WIN,,,,staff;speaker
Tweety González,,ASIAr,,,,speaker
Mark Meyer,,AMI Paraguay,,,,speaker
Fran Sandoval,,IMICHILE,,,,speaker
Zorry Sedano,,ADMI,,,,speaker
Laura García,,ADMI,,,,speaker
Sounds from Spain partner desk (demo),,Sounds from Spain,ES,,es,partner
Canada House partner desk (demo),,Canada House,CA,,en,partner
Chilemúsica partner desk (demo),,Chilemúsica,CL,,es,partner
Portamérica Latitudes partner desk (demo),,Portamérica Latitudes,ES,,es,partner
`;

export async function insertDemoAttendees(tx: Queryable): Promise<void> {
  const [event] = await rows<{ id: string }>(tx, sql`select id from events where slug = ${EVENT}`);
  if (!event) throw new Error(`Demo data: no event ${EVENT}`);
  await importDemoAttendees(tx, event.id, LIST);
}
