import type { ArticleKind, ArticleStatus } from '../../shared/api/news.ts';
import type {
  ContactVisibility,
  Localized,
  OrganizationKind,
  OrganizationStatus,
  SessionKind,
  SessionVisibility,
  SpeakerPart,
} from '../../shared/domain.ts';

/**
 * The demo network as plain data. Organisations, venues and groups are
 * referred to by slug, people and sessions by a local key; the loader turns
 * those into database ids. Times are wall-clock times in the event's zone.
 */
export interface DemoNetwork {
  regions: { code: string; name: { en: string; es: string } }[];
  countries: { code: string; name: { en: string; es: string }; region: string }[];
  topics: { slug: string; name: { en: string; es: string } }[];
  organizations: DemoOrganization[];
  people: DemoPerson[];
  workingGroups: DemoWorkingGroup[];
  venues: DemoVenue[];
  events: DemoEvent[];
  articleCategories: DemoArticleCategory[];
  articles: DemoArticle[];
}

export interface DemoOrganization {
  slug: string;
  kind: OrganizationKind;
  status?: OrganizationStatus;
  name: string;
  acronym?: string;
  /** ISO 3166 alpha-2; absent for international bodies. */
  country?: string;
  website?: string;
  /** Slug of the parent: association -> network, label -> association. */
  memberOf?: string;
  description?: Localized;
}

export interface DemoPerson {
  key: string;
  name: string;
  country?: string;
  languages?: string[];
  topics?: string[];
  bio?: Localized;
  email?: string;
  emailVisibility?: ContactVisibility;
  website?: string;
  websiteVisibility?: ContactVisibility;
  /** Invented for the demo (to make the bingo playable); shown as such. */
  fictional?: boolean;
  affiliations: { organization: string; role: Localized }[];
}

export interface DemoWorkingGroup {
  slug: string;
  name: Localized & { en: string };
  description?: Localized;
  network: string;
  countries: string[];
  organizations: string[];
  topics: string[];
}

export interface DemoVenue {
  slug: string;
  name: string;
  address?: string;
  city: string;
  country: string;
  mapUrl?: string;
  description?: Localized;
  stages?: string[];
}

export interface DemoEvent {
  slug: string;
  name: Localized & { en: string };
  host: string;
  city: string;
  country: string;
  timeZone: string;
  startsOn: string;
  endsOn: string;
  website?: string;
  description?: Localized;
  sessions: DemoSession[];
}

export interface DemoSession {
  key: string;
  kind: SessionKind;
  title: Localized & { en: string };
  description?: Localized;
  /** Local date and times in the event's zone: YYYY-MM-DD and HH:MM. */
  day: string;
  start: string;
  end: string;
  /** The source names the day but not the hour. */
  timeIsIllustrative?: boolean;
  venue?: string;
  stage?: string;
  hosts?: string[];
  presenters?: string[];
  partners?: string[];
  speakers?: { person: string; part: SpeakerPart }[];
  topics?: string[];
  workingGroup?: string;
  visibility?: SessionVisibility;
  capacity?: number;
}

export interface DemoArticleCategory {
  slug: string;
  name: { en: string; es: string };
}

/** A news item or trip report; linked entities by slug, people by their demo key. */
export interface DemoArticle {
  slug: string;
  kind: ArticleKind;
  /** Published unless said otherwise. */
  status?: ArticleStatus;
  /** An ISO 8601 instant. */
  publishedAt: string;
  category: string;
  title: Localized;
  summary: Localized;
  /** HTML as the editor's sanitiser would store it: paragraphs, headings, lists, links, emphasis. */
  body: Localized;
  author?: string;
  tags: string[];
  links: { events?: string[]; organizations?: string[]; people?: string[]; programmes?: string[] };
}
