import { sql } from 'drizzle-orm';
import { type Queryable, rows } from '../db/client.ts';

const EVENT = 'fim-gdl-2024';
const ADMI_PRESENTATION = 'Presenting ADMI, the new association of Mexican independent labels';
const GENAI_PANEL = 'Generative AI and the record industry';

/**
 * The room's voice at FIM GDL 2024. The seed says the ADMI promoters
 * "answered questions from the audience": the questions here, asked by the
 * demo's fictional delegates in their languages, are illustrative, as are the
 * votes and the polls at the generative AI panel.
 */
const QUESTIONS: {
  text: string;
  anonymous?: boolean;
  votes: number;
  answered?: boolean;
  pinned?: boolean;
  pending?: boolean;
}[] = [
  {
    text: '¿Qué sellos pueden sumarse a ADMI y cuánto cuesta ser miembro?',
    votes: 7,
    answered: true,
  },
  {
    text: 'How will ADMI work with the other associations of the LatAm Network?',
    votes: 5,
    answered: true,
  },
  {
    text: '¿Habrá apoyo para que los sellos pequeños viajen a ferias internacionales?',
    anonymous: true,
    votes: 4,
    pinned: true,
  },
  {
    text: 'What did the Mexico City workshop teach you that others starting an association should know?',
    votes: 3,
  },
  {
    text: '¿ADMI negociará con las plataformas de streaming en nombre de sus miembros?',
    votes: 0,
    pending: true,
  },
];

const POLLS = [
  {
    kind: 'single',
    status: 'closed',
    shown: true,
    question: {
      en: 'Should labels tell listeners when music was made with generative AI?',
      es: '¿Deberían los sellos avisar al público cuando la música se hizo con IA generativa?',
    },
    options: [
      { en: 'Yes, always', es: 'Sí, siempre' },
      { en: 'Only when AI did most of it', es: 'Solo si la IA hizo la mayor parte' },
      { en: 'No', es: 'No' },
      { en: 'Not sure yet', es: 'Aún no lo sé' },
    ],
    /** Each voter's choice, by option index, in turn. */
    pattern: [0, 0, 1, 0, 3, 1, 0, 2, 0, 1],
  },
  {
    kind: 'multiple',
    status: 'open',
    shown: false,
    question: {
      en: 'Which uses of AI would you accept in your label’s work?',
      es: '¿Qué usos de la IA aceptarías en el trabajo de tu sello?',
    },
    options: [
      { en: 'Mastering and audio clean-up', es: 'Masterización y limpieza de audio' },
      { en: 'Artwork and videos', es: 'Portadas y videoclips' },
      { en: 'Metadata and catalogue work', es: 'Metadatos y gestión de catálogo' },
      { en: 'None', es: 'Ninguno' },
    ],
    pattern: [0, 2, 0, 1, 2, 0, 3, 2],
  },
] as const;

async function sessionId(tx: Queryable, title: string): Promise<string> {
  const [row] = await rows<{ id: string }>(
    tx,
    sql`select s.id from sessions s join events e on e.id = s.event_id where e.slug = ${EVENT} and s.title_en = ${title}`,
  );
  if (!row) throw new Error(`demo: no session "${title}"`);
  return row.id;
}

export async function insertAudienceDemo(tx: Queryable): Promise<void> {
  const people = (
    await rows<{ id: string }>(
      tx,
      sql`select p.id from people p join attendances a on a.person_id = p.id join events e on e.id = a.event_id
          where e.slug = ${EVENT} and p.fictional order by p.name`,
    )
  ).map((row) => row.id);
  if (people.length < 12) return;
  const admi = await sessionId(tx, ADMI_PRESENTATION);
  const panel = await sessionId(tx, GENAI_PANEL);

  for (const [i, question] of QUESTIONS.entries()) {
    const author = people[i] as string;
    const [row] = await rows<{ id: string }>(
      tx,
      sql`insert into questions (session_id, author_person_id, text, anonymous, status, pinned, answered, votes, asked_at)
          values (${admi}, ${author}, ${question.text}, ${question.anonymous ?? false},
                  ${question.pending ? 'pending' : 'approved'}, ${question.pinned ?? false}, ${question.answered ?? false},
                  ${question.votes}, ${`2024-03-01T17:${String(30 + i * 4).padStart(2, '0')}:00Z`})
          returning id`,
    );
    const voters = people.filter((id) => id !== author).slice(i, i + question.votes);
    for (const voter of voters) {
      await tx.execute(
        sql`insert into question_votes (question_id, person_id, voted_at)
            values (${(row as { id: string }).id}, ${voter}, '2024-03-01T17:50:00Z')`,
      );
    }
  }

  for (const [p, poll] of POLLS.entries()) {
    const [row] = await rows<{ id: string }>(
      tx,
      sql`insert into polls (session_id, kind, status, results_shown, question_en, question_es, created_at)
          values (${panel}, ${poll.kind}, ${poll.status}, ${poll.shown}, ${poll.question.en}, ${poll.question.es},
                  ${`2024-02-28T17:${String(30 + p * 10).padStart(2, '0')}:00Z`})
          returning id`,
    );
    const pollId = (row as { id: string }).id;
    const options = await rows<{ id: string }>(
      tx,
      sql`insert into poll_options (poll_id, position, label_en, label_es) values ${sql.join(
        poll.options.map((option, position) => sql`(${pollId}, ${position}, ${option.en}, ${option.es})`),
        sql`, `,
      )} returning id`,
    );
    for (const [v, choice] of poll.pattern.entries()) {
      const chosen = poll.kind === 'multiple' && choice !== 3 ? [choice, (choice + 1) % 3] : [choice];
      await tx.execute(
        sql`insert into poll_ballots (poll_id, person_id, option_ids, voted_at)
            values (${pollId}, ${people[v] as string},
                    ${`{${chosen.map((c) => (options[c] as { id: string }).id).join(',')}}`}::uuid[],
                    '2024-02-28T17:45:00Z')`,
      );
    }
  }
}
