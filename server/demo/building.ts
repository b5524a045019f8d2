import { sql } from 'drizzle-orm';
import { zonedTimeToInstant } from '../../shared/time.ts';
import {
  buildingMilestones,
  buildingProgrammeArticles,
  buildingProgrammeSessions,
  buildingProgrammes,
  buildingPromoters,
} from '../building/tables.ts';
import { type Queryable, rows } from '../db/client.ts';
import { sanitizeMinutes } from '../groups/rich-text.ts';
import { actionItems, meetingAgendaItems, meetingDecisions, meetingMinutes } from '../groups/tables.ts';

/*
 * The association-building programmes (Mexico: ADMI; Colombia: under way)
 * and the record of the LatAm Network meeting at FIM GDL 2024. The seed gives
 * the workshop in Mexico City (March 2023), the presentation of ADMI in
 * Guadalajara (1 March 2024), the promoters and the meeting's agenda; the
 * steps in between, Colombia's milestones, the minutes, decisions and action
 * items are illustrative and marked so.
 */

async function idOf(tx: Queryable, query: ReturnType<typeof sql>, what: string): Promise<string> {
  const [row] = await rows<{ id: string }>(tx, query);
  if (!row) throw new Error(`Demo data: unknown ${what}`);
  return row.id;
}
const organization = (tx: Queryable, slug: string) =>
  idOf(tx, sql`select id from organizations where slug = ${slug}`, `organisation "${slug}"`);
const person = (tx: Queryable, name: string) =>
  idOf(tx, sql`select id from people where name = ${name}`, `person "${name}"`);
const session = (tx: Queryable, titleEn: string) =>
  idOf(tx, sql`select id from sessions where title_en = ${titleEn}`, `session "${titleEn}"`);

const ADMI_PRESENTATION = 'Presenting ADMI, the new association of Mexican independent labels';
const LATAM_MEETING = 'LatAm Network meeting';
const MEXICO_ARTICLE = 'win-in-mexico-a-trip-into-the-local-independent-community';
const COLOMBIA_ARTICLE = 'win-promotes-an-independent-music-trade-association-in-colombia';

export async function insertBuildingDemo(tx: Queryable): Promise<void> {
  const presentation = await session(tx, ADMI_PRESENTATION);
  const meeting = await session(tx, LATAM_MEETING);

  const [mexico] = await tx
    .insert(buildingProgrammes)
    .values({
      slug: 'mexico',
      countryCode: 'MX',
      workingName: 'ADMI — Asociación de Discográficas Mexicanas Independientes',
      organizationId: await organization(tx, 'admi'),
      status: 'launched',
      summaryEn:
        'From a WIN workshop on association building in Mexico City (March 2023) to the presentation of ADMI at FIM GDL in Guadalajara on 1 March 2024. The steps in between are illustrative.',
      summaryEs:
        'Del taller de WIN sobre creación de asociaciones en Ciudad de México (marzo de 2023) a la presentación de ADMI en FIM GDL, en Guadalajara, el 1 de marzo de 2024. Los pasos intermedios son ilustrativos.',
    })
    .returning({ id: buildingProgrammes.id });
  const mexicoId = (mexico as { id: string }).id;
  await tx.insert(buildingPromoters).values([
    {
      programmeId: mexicoId,
      personId: await person(tx, 'Zorry Sedano'),
      organizationId: await organization(tx, 'grupo-anonimos'),
      roleEn: 'Promoter',
      roleEs: 'Integrante del grupo promotor',
      position: 0,
    },
    {
      programmeId: mexicoId,
      personId: await person(tx, 'Laura García'),
      organizationId: await organization(tx, 'sympathy-for-the-lawyer'),
      roleEn: 'Promoter',
      roleEs: 'Integrante del grupo promotor',
      position: 1,
    },
  ]);
  await tx.insert(buildingMilestones).values([
    {
      programmeId: mexicoId,
      position: 0,
      titleEn: 'Workshop on association building in Mexico City, led by WIN',
      titleEs: 'Taller de WIN sobre creación de asociaciones en Ciudad de México',
      plannedOn: '2023-03-15',
      doneOn: '2023-03-15',
    },
    {
      programmeId: mexicoId,
      position: 1,
      titleEn: 'Promoter group formed and statutes drafted',
      titleEs: 'Grupo promotor formado y estatutos redactados',
      plannedOn: '2023-06-30',
      doneOn: '2023-07-20',
      illustrative: true,
    },
    {
      programmeId: mexicoId,
      position: 2,
      titleEn: 'Founding assembly and legal constitution',
      titleEs: 'Asamblea fundacional y constitución legal',
      plannedOn: '2023-11-30',
      doneOn: '2024-01-25',
      illustrative: true,
    },
    {
      programmeId: mexicoId,
      position: 3,
      titleEn: 'Public launch of ADMI at FIM GDL, Guadalajara',
      titleEs: 'Presentación pública de ADMI en FIM GDL, Guadalajara',
      plannedOn: '2024-03-01',
      doneOn: '2024-03-01',
      sessionId: presentation,
      articleSlug: MEXICO_ARTICLE,
    },
  ]);
  await tx.insert(buildingProgrammeSessions).values({ programmeId: mexicoId, sessionId: presentation });
  await tx.insert(buildingProgrammeArticles).values({ programmeId: mexicoId, articleSlug: MEXICO_ARTICLE });

  const [colombia] = await tx
    .insert(buildingProgrammes)
    .values({
      slug: 'colombia',
      countryCode: 'CO',
      workingName: 'Asociación colombiana de música independiente (working name)',
      status: 'in_progress',
      illustrative: true,
      summaryEn:
        'WIN is promoting an independent music trade association in Colombia. The milestones and dates are illustrative.',
      summaryEs:
        'WIN impulsa la creación de una asociación de la música independiente en Colombia. Los hitos y las fechas son ilustrativos.',
    })
    .returning({ id: buildingProgrammes.id });
  const colombiaId = (colombia as { id: string }).id;
  await tx.insert(buildingPromoters).values({
    programmeId: colombiaId,
    personId: await person(tx, 'Valentina Ospina'),
    organizationId: await organization(tx, 'rio-magdalena-discos-demo'),
    roleEn: 'Promoter (fictional)',
    roleEs: 'Promotora (ficticia)',
  });
  await tx.insert(buildingMilestones).values([
    {
      programmeId: colombiaId,
      position: 0,
      titleEn: 'First meeting of Colombian labels with WIN',
      titleEs: 'Primera reunión de sellos colombianos con WIN',
      plannedOn: '2024-02-29',
      doneOn: '2024-02-29',
      sessionId: meeting,
      illustrative: true,
    },
    {
      programmeId: colombiaId,
      position: 1,
      titleEn: 'Workshop on association building in Bogotá',
      titleEs: 'Taller sobre creación de asociaciones en Bogotá',
      plannedOn: '2024-06-15',
      doneOn: '2024-07-10',
      articleSlug: COLOMBIA_ARTICLE,
      illustrative: true,
    },
    {
      programmeId: colombiaId,
      position: 2,
      titleEn: 'Promoter group and draft statutes',
      titleEs: 'Grupo promotor y borrador de estatutos',
      plannedOn: '2024-12-15',
      illustrative: true,
    },
    {
      programmeId: colombiaId,
      position: 3,
      titleEn: 'Public launch',
      titleEs: 'Presentación pública',
      plannedOn: '2025-09-01',
      illustrative: true,
    },
  ]);
  await tx.insert(buildingProgrammeArticles).values({ programmeId: colombiaId, articleSlug: COLOMBIA_ARTICLE });

  await insertLatamMeetingRecord(tx, meeting);
}

async function insertLatamMeetingRecord(tx: Queryable, sessionId: string): Promise<void> {
  const groupId = await idOf(
    tx,
    sql`select id from working_groups where slug = 'latam-network'`,
    'group latam-network',
  );
  const agenda: [string, string][] = [
    ['Association building in the region', 'La creación de asociaciones en la región'],
    ['Streaming reform and new remuneration models', 'La reforma del streaming y los nuevos modelos de remuneración'],
    ['Artificial intelligence', 'La inteligencia artificial'],
    ['Cultural policies', 'Las políticas culturales'],
  ];
  await tx
    .insert(meetingAgendaItems)
    .values(agenda.map(([titleEn, titleEs], position) => ({ sessionId, position, titleEn, titleEs })));
  await tx.insert(meetingMinutes).values([
    {
      sessionId,
      internal: false,
      bodyEn: sanitizeMinutes(
        '<p>Representatives from Argentina, Chile, Colombia, Mexico, Paraguay and Spain met in person in Guadalajara.</p><ul><li>ADMI will be presented on Friday 1 March.</li><li>Colombia is next: a workshop is being prepared.</li><li>Members shared their positions on streaming reform and on artificial intelligence.</li></ul><p><em>Illustrative minutes for the demo.</em></p>',
      ),
      bodyEs: sanitizeMinutes(
        '<p>Representantes de Argentina, Chile, Colombia, México, Paraguay y España se reunieron en persona en Guadalajara.</p><ul><li>ADMI se presentará el viernes 1 de marzo.</li><li>Colombia es la siguiente: se prepara un taller.</li><li>Los miembros compartieron sus posiciones sobre la reforma del streaming y la inteligencia artificial.</li></ul><p><em>Acta ilustrativa para la demo.</em></p>',
      ),
    },
    {
      sessionId,
      internal: true,
      bodyEn: sanitizeMinutes(
        '<p><strong>Internal:</strong> candidate promoters for Colombia were discussed by name; budget options for the Bogotá workshop to be compared before April. <em>Illustrative.</em></p>',
      ),
      bodyEs: sanitizeMinutes(
        '<p><strong>Interno:</strong> se habló de posibles promotores en Colombia; antes de abril se compararán opciones de presupuesto para el taller de Bogotá. <em>Ilustrativo.</em></p>',
      ),
    },
  ]);
  await tx.insert(meetingDecisions).values([
    {
      sessionId,
      position: 0,
      textEn: 'Support the creation of an independent music association in Colombia in 2024 (illustrative).',
      textEs: 'Apoyar la creación de una asociación de música independiente en Colombia en 2024 (ilustrativo).',
    },
    {
      sessionId,
      position: 1,
      textEn: 'Prepare a common position of the region on streaming remuneration (illustrative).',
      textEs: 'Preparar una posición común de la región sobre la remuneración del streaming (ilustrativo).',
    },
  ]);
  const createdAt = zonedTimeToInstant('2024-02-29', '11:00', 'America/Mexico_City');
  await tx.insert(actionItems).values([
    {
      workingGroupId: groupId,
      sessionId,
      textEn: 'Draft the programme of the Bogotá workshop',
      textEs: 'Redactar el programa del taller de Bogotá',
      ownerPersonId: await person(tx, 'Noemí Planas'),
      dueOn: '2024-04-30',
      illustrative: true,
      createdAt,
    },
    {
      workingGroupId: groupId,
      sessionId,
      textEn: 'Share the members’ notes on streaming remuneration',
      textEs: 'Compartir las notas de los miembros sobre la remuneración del streaming',
      ownerPersonId: await person(tx, 'Fran Sandoval'),
      dueOn: '2024-03-31',
      illustrative: true,
      createdAt,
    },
    {
      workingGroupId: groupId,
      sessionId,
      textEn: 'Collect the cultural policy contacts of each country',
      textEs: 'Reunir los contactos de políticas culturales de cada país',
      ownerPersonId: await person(tx, 'Mark Meyer'),
      dueOn: '2024-05-31',
      illustrative: true,
      createdAt,
    },
  ]);
}
