import { type Static, type TSchema, Type } from 'typebox';
import { Int, StringEnum, Text } from '../schema-helpers.ts';
import { Country, LocalizedText, Slug, Uuid } from './common.ts';
import { OrganizationRef } from './directory.ts';

/*
 * Working-group meetings (agenda, minutes, decisions, action items) and
 * association-building programmes: what the API answers and what its writes
 * accept. Both live here so the web app and the server share one shape.
 */

export const ACTION_ITEM_STATUSES = ['open', 'done'] as const;
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];

export const BUILDING_PROGRAMME_STATUSES = ['planned', 'in_progress', 'launched', 'paused'] as const;
export type BuildingProgrammeStatus = (typeof BUILDING_PROGRAMME_STATUSES)[number];

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Strict = { additionalProperties: false } as const;
const DateOnly = Text({ format: 'date' });
const Version = Int({ minimum: 1, description: 'The version the change is based on, as read' });
/** A place in a list; far below PostgreSQL's limit, so that appending (the last place + 1) cannot overflow. */
const Position = Int({ minimum: 0, maximum: 10_000 });
const PersonRef = Type.Object({ id: Uuid, name: Type.String() });

// --- Meetings ------------------------------------------------------------

export const AgendaItem = Type.Object({ id: Uuid, position: Type.Integer(), title: LocalizedText });
export type AgendaItem = Static<typeof AgendaItem>;

export const Minutes = Type.Object({
  id: Uuid,
  internal: Type.Boolean({ description: 'Seen only by the members of the group and the network staff' }),
  body: Type.Object(
    { en: Nullable(Type.String()), es: Nullable(Type.String()) },
    { description: 'Sanitised HTML per language' },
  ),
  updatedAt: Type.String({ format: 'date-time' }),
  version: Type.Integer(),
});
export type Minutes = Static<typeof Minutes>;

export const Decision = Type.Object({ id: Uuid, position: Type.Integer(), text: LocalizedText });
export type Decision = Static<typeof Decision>;

export const ActionItem = Type.Object({
  id: Uuid,
  text: LocalizedText,
  owner: Nullable(PersonRef),
  dueOn: Nullable(DateOnly),
  status: StringEnum(ACTION_ITEM_STATUSES),
  doneAt: Nullable(Type.String({ format: 'date-time' })),
  overdue: Type.Boolean({ description: 'Open and due before today (in the meeting event zone, else UTC)' }),
  illustrative: Type.Boolean(),
  meeting: Nullable(Type.Object({ id: Uuid, title: LocalizedText, startsAt: Type.String({ format: 'date-time' }) })),
  version: Type.Integer(),
});
export type ActionItem = Static<typeof ActionItem>;

export const MeetingDetail = Type.Object({
  session: Type.Object({
    id: Uuid,
    title: LocalizedText,
    startsAt: Type.String({ format: 'date-time' }),
    endsAt: Type.String({ format: 'date-time' }),
    event: Type.Object({ slug: Slug, name: LocalizedText, timeZone: Type.String() }),
  }),
  group: Type.Object({ slug: Slug, name: LocalizedText }),
  agenda: Type.Array(AgendaItem),
  minutes: Type.Array(Minutes, { description: 'The parts this viewer may read: internal ones only for members' }),
  decisions: Type.Array(Decision),
  actionItems: Type.Array(ActionItem),
  viewer: Type.Object({
    member: Type.Boolean({ description: 'Reads internal minutes' }),
    mayEdit: Type.Boolean(),
  }),
});
export type MeetingDetail = Static<typeof MeetingDetail>;

export const ActionItemOverview = Type.Object({
  group: Type.Object({ slug: Slug, name: LocalizedText }),
  today: DateOnly,
  items: Type.Array(ActionItem),
});
export type ActionItemOverview = Static<typeof ActionItemOverview>;

const Texts = (maxLength: number) =>
  Type.Object(
    {
      en: Text({ minLength: 1, maxLength, pattern: '\\S' }),
      es: Type.Optional(Nullable(Text({ maxLength }))),
    },
    Strict,
  );
const TextChanges = (maxLength: number) =>
  Type.Object(
    {
      en: Type.Optional(Text({ minLength: 1, maxLength, pattern: '\\S' })),
      es: Type.Optional(Nullable(Text({ maxLength }))),
    },
    Strict,
  );

export const MinutesInput = Type.Object(
  {
    internal: Type.Boolean(),
    body: Type.Object({ en: Nullable(Text({ maxLength: 50_000 })), es: Nullable(Text({ maxLength: 50_000 })) }, Strict),
    version: Type.Optional(Version),
  },
  Strict,
);
export type MinutesInput = Static<typeof MinutesInput>;

export const NewAgendaItem = Type.Object({ title: Texts(300), position: Type.Optional(Position) }, Strict);
export type NewAgendaItem = Static<typeof NewAgendaItem>;
export const AgendaItemChanges = Type.Object(
  { title: Type.Optional(TextChanges(300)), position: Type.Optional(Position) },
  Strict,
);
export type AgendaItemChanges = Static<typeof AgendaItemChanges>;

export const NewDecision = Type.Object({ text: Texts(2000), position: Type.Optional(Position) }, Strict);
export type NewDecision = Static<typeof NewDecision>;
export const DecisionChanges = Type.Object(
  { text: Type.Optional(TextChanges(2000)), position: Type.Optional(Position) },
  Strict,
);
export type DecisionChanges = Static<typeof DecisionChanges>;

export const NewActionItem = Type.Object(
  {
    text: Texts(2000),
    owner: Type.Optional(Nullable(Uuid)),
    dueOn: Type.Optional(Nullable(DateOnly)),
  },
  Strict,
);
export type NewActionItem = Static<typeof NewActionItem>;
export const ActionItemChanges = Type.Object(
  {
    version: Version,
    text: Type.Optional(TextChanges(2000)),
    owner: Type.Optional(Nullable(Uuid)),
    dueOn: Type.Optional(Nullable(DateOnly)),
    status: Type.Optional(StringEnum(ACTION_ITEM_STATUSES)),
  },
  Strict,
);
export type ActionItemChanges = Static<typeof ActionItemChanges>;

// --- Building programmes --------------------------------------------------

export const Milestone = Type.Object({
  id: Uuid,
  position: Type.Integer(),
  title: LocalizedText,
  plannedOn: Nullable(DateOnly),
  doneOn: Nullable(DateOnly),
  daysSincePrevious: Nullable(
    Type.Integer({ description: 'Days from the previous done milestone to this one (both done)' }),
  ),
  session: Nullable(
    Type.Object({ id: Uuid, title: LocalizedText, startsAt: Type.String({ format: 'date-time' }), eventSlug: Slug }),
  ),
  article: Nullable(Type.Object({ slug: Slug, title: LocalizedText })),
  illustrative: Type.Boolean(),
  version: Type.Integer(),
});
export type Milestone = Static<typeof Milestone>;

export const Promoter = Type.Object({
  id: Uuid,
  person: PersonRef,
  organization: Nullable(OrganizationRef),
  role: LocalizedText,
});
export type Promoter = Static<typeof Promoter>;

export const BuildingProgrammeSummary = Type.Object({
  slug: Slug,
  country: Country,
  workingName: Type.String(),
  organization: Nullable(OrganizationRef),
  status: StringEnum(BUILDING_PROGRAMME_STATUSES),
  summary: LocalizedText,
  illustrative: Type.Boolean(),
  milestones: Type.Array(Milestone),
  startedOn: Nullable(DateOnly),
  lastDoneOn: Nullable(DateOnly),
  daysSoFar: Nullable(Type.Integer({ description: 'From the first to the last done milestone' })),
  version: Type.Integer(),
});
export type BuildingProgrammeSummary = Static<typeof BuildingProgrammeSummary>;

export const BuildingProgrammeDetail = Type.Object({
  ...BuildingProgrammeSummary.properties,
  promoters: Type.Array(Promoter),
  sessions: Type.Array(
    Type.Object({
      id: Uuid,
      title: LocalizedText,
      startsAt: Type.String({ format: 'date-time' }),
      event: Type.Object({ slug: Slug, name: LocalizedText, timeZone: Type.String() }),
    }),
  ),
  articles: Type.Array(Type.Object({ slug: Slug, title: LocalizedText, publishedAt: Nullable(Type.String()) })),
});
export type BuildingProgrammeDetail = Static<typeof BuildingProgrammeDetail>;

const ProgrammeStatus = StringEnum(BUILDING_PROGRAMME_STATUSES);
const CountryCode = Text({ pattern: '^[A-Za-z]{2}$' });

export const NewBuildingProgramme = Type.Object(
  {
    slug: Slug,
    country: CountryCode,
    workingName: Text({ minLength: 1, maxLength: 200, pattern: '\\S' }),
    organization: Type.Optional(Nullable(Slug)),
    status: Type.Optional(ProgrammeStatus),
    summary: Type.Optional(TextChanges(5000)),
    sessions: Type.Optional(Type.Array(Uuid, { maxItems: 50, uniqueItems: true })),
    articles: Type.Optional(Type.Array(Slug, { maxItems: 50, uniqueItems: true })),
  },
  Strict,
);
export type NewBuildingProgramme = Static<typeof NewBuildingProgramme>;

export const BuildingProgrammeChanges = Type.Object(
  {
    version: Version,
    country: Type.Optional(CountryCode),
    workingName: Type.Optional(Text({ minLength: 1, maxLength: 200, pattern: '\\S' })),
    organization: Type.Optional(Nullable(Slug)),
    status: Type.Optional(ProgrammeStatus),
    summary: Type.Optional(TextChanges(5000)),
    sessions: Type.Optional(Type.Array(Uuid, { maxItems: 50, uniqueItems: true })),
    articles: Type.Optional(Type.Array(Slug, { maxItems: 50, uniqueItems: true })),
  },
  Strict,
);
export type BuildingProgrammeChanges = Static<typeof BuildingProgrammeChanges>;

export const NewPromoter = Type.Object(
  {
    person: Uuid,
    organization: Type.Optional(Nullable(Slug)),
    role: Type.Optional(TextChanges(200)),
  },
  Strict,
);
export type NewPromoter = Static<typeof NewPromoter>;
export const PromoterChanges = Type.Object(
  { organization: Type.Optional(Nullable(Slug)), role: Type.Optional(TextChanges(200)) },
  Strict,
);
export type PromoterChanges = Static<typeof PromoterChanges>;

export const NewMilestone = Type.Object(
  {
    title: Texts(300),
    plannedOn: Type.Optional(Nullable(DateOnly)),
    doneOn: Type.Optional(Nullable(DateOnly)),
    position: Type.Optional(Position),
    session: Type.Optional(Nullable(Uuid)),
    article: Type.Optional(Nullable(Slug)),
  },
  Strict,
);
export type NewMilestone = Static<typeof NewMilestone>;
export const MilestoneChanges = Type.Object(
  {
    version: Version,
    title: Type.Optional(TextChanges(300)),
    plannedOn: Type.Optional(Nullable(DateOnly)),
    doneOn: Type.Optional(Nullable(DateOnly)),
    position: Type.Optional(Position),
    session: Type.Optional(Nullable(Uuid)),
    article: Type.Optional(Nullable(Slug)),
  },
  Strict,
);
export type MilestoneChanges = Static<typeof MilestoneChanges>;
