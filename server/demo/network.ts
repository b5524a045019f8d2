import type { ContactVisibility, Localized } from '../../shared/domain.ts';
import { demoArticleCategories, demoArticles } from './articles.ts';
import type { DemoNetwork, DemoPerson } from './types.ts';

/**
 * The demo network, taken from WIN's account of its trip to FIM GDL 2024 in
 * Guadalajara (seed article 000). Real organisations and people carry only
 * what the article or common public knowledge says about them; everything
 * invented for the connection bingo is flagged `fictional` or named "(demo)".
 *
 * Dates: the article calls day 1 "Wednesday, February 27", but 2024 is a leap
 * year and the 27th was a Tuesday. Its other anchors (Friday, March 1; four
 * days ending on Saturday) and FIM GDL's published dates (28 February to
 * 2 March 2024) put the four days on 28 Feb, 29 Feb, 1 Mar and 2 Mar.
 * No hour is given anywhere, so every session time is illustrative.
 */

const osm = (place: string) =>
  `https://www.openstreetmap.org/search?query=${encodeURIComponent(`${place}, Guadalajara`)}`;

const FICTIONAL_BIO: Localized = {
  en: 'Fictional delegate created for the Encuentro demo.',
  es: 'Delegado ficticio creado para la demo de Encuentro.',
};

/** A made-up delegate: the key is "first-last", the address first.last@example.org. */
function delegate(d: {
  key: string;
  name: string;
  country: string;
  languages: string[];
  topics: string[];
  organization: string;
  role: Localized;
  emailVisibility?: ContactVisibility;
}): DemoPerson {
  return {
    key: d.key,
    name: d.name,
    country: d.country,
    languages: d.languages,
    topics: d.topics,
    bio: FICTIONAL_BIO,
    email: `${d.key.replace('-', '.')}@example.org`,
    emailVisibility: d.emailVisibility ?? 'private',
    fictional: true,
    affiliations: [{ organization: d.organization, role: d.role }],
  };
}

const LABEL_OWNER_F: Localized = { en: 'Label owner', es: 'Dueña de sello' };
const LABEL_OWNER_M: Localized = { en: 'Label owner', es: 'Dueño de sello' };
const LABEL_MANAGER: Localized = { en: 'Label manager', es: 'Gerente de sello' };
const A_AND_R: Localized = { en: 'A&R', es: 'A&R' };
const PRESS_F: Localized = { en: 'Press officer', es: 'Jefa de prensa' };
const PRESS_M: Localized = { en: 'Press officer', es: 'Jefe de prensa' };
const DISTRIBUTION: Localized = { en: 'Distribution manager', es: 'Responsable de distribución' };
const SYNC: Localized = { en: 'Sync manager', es: 'Responsable de sincronización' };
const POLICY: Localized = { en: 'Policy officer', es: 'Responsable de políticas públicas' };
const MEMBER_SERVICES_F: Localized = { en: 'Member services coordinator', es: 'Coordinadora de atención a socios' };
const MEMBER_SERVICES_M: Localized = { en: 'Member services coordinator', es: 'Coordinador de atención a socios' };
const LABEL_REPRESENTATIVE: Localized = { en: 'Label representative', es: 'Representante del sello' };

export const demoNetwork: DemoNetwork = {
  regions: [
    { code: 'latin-america', name: { en: 'Latin America', es: 'América Latina' } },
    { code: 'europe', name: { en: 'Europe', es: 'Europa' } },
    { code: 'north-america', name: { en: 'North America', es: 'América del Norte' } },
    { code: 'asia-pacific', name: { en: 'Asia-Pacific', es: 'Asia-Pacífico' } },
  ],

  countries: [
    { code: 'AR', name: { en: 'Argentina', es: 'Argentina' }, region: 'latin-america' },
    { code: 'AU', name: { en: 'Australia', es: 'Australia' }, region: 'asia-pacific' },
    { code: 'BE', name: { en: 'Belgium', es: 'Bélgica' }, region: 'europe' },
    { code: 'CA', name: { en: 'Canada', es: 'Canadá' }, region: 'north-america' },
    { code: 'CL', name: { en: 'Chile', es: 'Chile' }, region: 'latin-america' },
    { code: 'CO', name: { en: 'Colombia', es: 'Colombia' }, region: 'latin-america' },
    { code: 'ES', name: { en: 'Spain', es: 'España' }, region: 'europe' },
    { code: 'GB', name: { en: 'United Kingdom', es: 'Reino Unido' }, region: 'europe' },
    { code: 'MX', name: { en: 'Mexico', es: 'México' }, region: 'latin-america' },
    { code: 'PY', name: { en: 'Paraguay', es: 'Paraguay' }, region: 'latin-america' },
    { code: 'US', name: { en: 'United States', es: 'Estados Unidos' }, region: 'north-america' },
  ],

  topics: [
    { slug: 'generative-ai', name: { en: 'Generative AI', es: 'IA generativa' } },
    { slug: 'legislation', name: { en: 'Legislation', es: 'Legislación' } },
    { slug: 'association-building', name: { en: 'Association building', es: 'Creación de asociaciones' } },
    {
      slug: 'streaming-reform',
      name: {
        en: 'Streaming reform and new remuneration models',
        es: 'Reforma del streaming y nuevos modelos de remuneración',
      },
    },
    { slug: 'cultural-policies', name: { en: 'Cultural policies', es: 'Políticas culturales' } },
    { slug: 'latin-rock', name: { en: 'Latin rock', es: 'Rock latino' } },
    { slug: 'live-music', name: { en: 'Live music', es: 'Música en vivo' } },
    { slug: 'export', name: { en: 'Music export', es: 'Exportación musical' } },
    { slug: 'sync-licensing', name: { en: 'Sync licensing', es: 'Licencias de sincronización' } },
    { slug: 'digital-distribution', name: { en: 'Digital distribution', es: 'Distribución digital' } },
  ],

  organizations: [
    // The network
    {
      slug: 'win',
      kind: 'network',
      name: 'Worldwide Independent Network',
      acronym: 'WIN',
      website: 'https://www.winformusic.org',
      description: {
        en: 'The global network of trade associations representing independent music companies.',
        es: 'La red mundial de asociaciones que representan a las compañías de música independiente.',
      },
    },

    // Member associations
    {
      slug: 'a2im',
      kind: 'association',
      name: 'American Association of Independent Music',
      acronym: 'A2IM',
      country: 'US',
      website: 'https://a2im.org',
      memberOf: 'win',
      description: {
        en: 'Trade association of the independent music sector in the United States; it sent an official delegation to FIM GDL 2024.',
        es: 'Asociación del sector de la música independiente de Estados Unidos; viajó a FIM GDL 2024 con una delegación oficial.',
      },
    },
    {
      slug: 'cima',
      kind: 'association',
      name: 'Canadian Independent Music Association',
      acronym: 'CIMA',
      country: 'CA',
      memberOf: 'win',
      description: {
        en: 'Trade association of the Canadian independent music industry; it sent an official delegation to FIM GDL 2024.',
        es: 'Asociación de la industria musical independiente de Canadá; viajó a FIM GDL 2024 con una delegación oficial.',
      },
    },
    {
      slug: 'imichile',
      kind: 'association',
      name: 'IMICHILE',
      acronym: 'IMICHILE',
      country: 'CL',
      memberOf: 'win',
      description: {
        en: 'Association of Chilean independent music companies; it sent an official delegation to FIM GDL 2024.',
        es: 'Asociación de las compañías de música independiente de Chile; viajó a FIM GDL 2024 con una delegación oficial.',
      },
    },
    {
      slug: 'ami-paraguay',
      kind: 'association',
      name: 'AMI Paraguay',
      acronym: 'AMI',
      country: 'PY',
      memberOf: 'win',
      description: {
        en: 'Paraguayan independent music association and WIN member, represented at FIM GDL 2024 by its Vice President.',
        es: 'Asociación paraguaya de música independiente y miembro de WIN; su vicepresidente participó en FIM GDL 2024.',
      },
    },
    {
      slug: 'asiar',
      kind: 'association',
      name: 'ASIAr',
      acronym: 'ASIAr',
      country: 'AR',
      memberOf: 'win',
      description: {
        en: 'Argentine association of independent record labels and WIN member; one of its board members spoke at FIM GDL 2024.',
        es: 'Asociación argentina de sellos independientes y miembro de WIN; uno de sus directivos fue ponente en FIM GDL 2024.',
      },
    },
    {
      slug: 'ufi',
      kind: 'association',
      name: 'Unión Fonográfica Independiente',
      acronym: 'UFi',
      country: 'ES',
      memberOf: 'win',
      description: {
        en: 'Spanish association of independent record labels and WIN member.',
        es: 'Asociación española de discográficas independientes y miembro de WIN.',
      },
    },
    {
      slug: 'impala',
      kind: 'association',
      name: 'Independent Music Companies Association',
      acronym: 'IMPALA',
      country: 'BE',
      website: 'https://impalamusic.org',
      memberOf: 'win',
      description: {
        en: 'The European association of independent music companies, based in Brussels.',
        es: 'La asociación europea de compañías de música independiente, con sede en Bruselas.',
      },
    },
    {
      slug: 'admi',
      kind: 'association',
      status: 'active',
      name: 'Asociación de Discográficas Mexicanas Independientes',
      acronym: 'ADMI',
      country: 'MX',
      memberOf: 'win',
      description: {
        en: 'The new association of Mexican independent record labels, launched at FIM GDL on 1 March 2024 after almost a year of work with WIN.',
        es: 'La nueva asociación de discográficas independientes de México, presentada en FIM GDL el 1 de marzo de 2024 tras casi un año de trabajo con WIN.',
      },
    },
    {
      slug: 'air',
      kind: 'association',
      name: 'Australian Independent Record Labels Association',
      acronym: 'AIR',
      country: 'AU',
      memberOf: 'win',
      description: {
        en: 'Trade association of Australian independent record labels and WIN member.',
        es: 'Asociación de los sellos discográficos independientes de Australia y miembro de WIN.',
      },
    },

    // Labels
    {
      slug: 'partisan-records',
      kind: 'label',
      name: 'Partisan Records',
      country: 'US',
      website: 'https://www.partisanrecords.com',
      memberOf: 'a2im',
      description: {
        en: 'Independent record label; home of the WIN Chair.',
        es: 'Sello discográfico independiente; en él trabaja la presidenta de WIN.',
      },
    },
    {
      slug: 'everlasting-records',
      kind: 'label',
      name: 'Everlasting Records',
      country: 'ES',
      memberOf: 'ufi',
      description: {
        en: 'Spanish independent record label, represented on the WIN board.',
        es: 'Sello discográfico independiente español, representado en la junta directiva de WIN.',
      },
    },
    {
      slug: 'grupo-anonimos',
      kind: 'label',
      name: 'Grupo Anónimos',
      country: 'MX',
      memberOf: 'admi',
      description: {
        en: 'Mexican independent music company among the promoters of ADMI.',
        es: 'Compañía musical independiente mexicana, entre las impulsoras de ADMI.',
      },
    },
    {
      slug: 'sympathy-for-the-lawyer',
      kind: 'label',
      name: 'Sympathy for the Lawyer',
      country: 'MX',
      memberOf: 'admi',
      description: {
        en: 'Mexican independent music company among the promoters of ADMI.',
        es: 'Compañía musical independiente mexicana, entre las impulsoras de ADMI.',
      },
    },
    {
      slug: 'southern-cross-demo-records',
      kind: 'label',
      name: 'Southern Cross Records (demo)',
      country: 'AU',
      description: {
        en: 'Fictional Australian label created for the Encuentro demo.',
        es: 'Sello australiano ficticio creado para la demo de Encuentro.',
      },
    },
    {
      slug: 'rio-magdalena-discos-demo',
      kind: 'label',
      name: 'Río Magdalena Discos (demo)',
      country: 'CO',
      description: {
        en: 'Fictional Colombian label created for the Encuentro demo.',
        es: 'Sello colombiano ficticio creado para la demo de Encuentro.',
      },
    },

    // Partners, funder and conference
    {
      slug: 'sounds-from-spain',
      kind: 'partner',
      name: 'Sounds from Spain',
      country: 'ES',
      description: {
        en: 'Spanish music export initiative; it hosted a networking event and a showcase at FIM GDL 2024.',
        es: 'Iniciativa española de exportación musical; organizó un encuentro de networking y un showcase en FIM GDL 2024.',
      },
    },
    {
      slug: 'canada-house',
      kind: 'partner',
      name: 'Canada House',
      country: 'CA',
      memberOf: 'cima',
      description: {
        en: "CIMA's Canada House, which presented an evening of Canadian talent on the C3 stage at FIM GDL 2024.",
        es: 'La Canada House de CIMA, que presentó una noche de talento canadiense en el escenario C3 durante FIM GDL 2024.',
      },
    },
    {
      slug: 'chilemusica',
      kind: 'partner',
      name: 'Chilemúsica',
      country: 'CL',
      description: {
        en: 'Promoter of Chilean music abroad; it presented showcases of Chilean artists at FIM GDL 2024.',
        es: 'Promotora de la música chilena en el exterior; presentó showcases de artistas chilenos en FIM GDL 2024.',
      },
    },
    {
      slug: 'portamerica-latitudes',
      kind: 'partner',
      name: 'Portamérica Latitudes',
      country: 'MX',
      description: {
        en: 'Festival pairing music and gastronomy that closes FIM GDL in Guadalajara.',
        es: 'Festival que une música y gastronomía y sirve de cierre a FIM GDL en Guadalajara.',
      },
    },
    {
      slug: 'ac-e',
      kind: 'funder',
      name: 'Acción Cultural Española',
      acronym: 'AC/E',
      country: 'ES',
      website: 'https://www.accioncultural.es',
      description: {
        en: "Spain's public agency for promoting Spanish culture abroad; it supported the trip of WIN's Spanish delegates.",
        es: 'Entidad pública que promueve la cultura española en el exterior; apoyó el viaje de los delegados españoles de WIN.',
      },
    },
    {
      slug: 'fim-gdl',
      kind: 'conference',
      name: 'FIM GDL',
      acronym: 'FIM GDL',
      country: 'MX',
      description: {
        en: "Guadalajara's International Music Fair, the leading music industry conference in the region.",
        es: 'La Feria Internacional de la Música de Guadalajara, la principal conferencia de la industria musical de la región.',
      },
    },
  ],

  people: [
    // Real people named in the article
    {
      key: 'noemi-planas',
      name: 'Noemí Planas',
      country: 'ES',
      topics: ['association-building', 'generative-ai'],
      bio: {
        en: 'CEO of the Worldwide Independent Network (WIN).',
        es: 'Directora ejecutiva de la Worldwide Independent Network (WIN).',
      },
      affiliations: [{ organization: 'win', role: { en: 'CEO', es: 'Directora ejecutiva' } }],
    },
    {
      key: 'zena-white',
      name: 'Zena White',
      topics: ['generative-ai', 'legislation'],
      bio: {
        en: 'Chair of WIN, from Partisan Records.',
        es: 'Presidenta de WIN, de Partisan Records.',
      },
      affiliations: [
        { organization: 'win', role: { en: 'Chair', es: 'Presidenta' } },
        { organization: 'partisan-records', role: LABEL_REPRESENTATIVE },
      ],
    },
    {
      key: 'mark-kitcatt',
      name: 'Mark Kitcatt',
      topics: ['generative-ai', 'legislation'],
      bio: {
        en: 'WIN board member, from Everlasting Records.',
        es: 'Miembro de la junta directiva de WIN, de Everlasting Records.',
      },
      affiliations: [
        { organization: 'win', role: { en: 'Board member', es: 'Miembro de la junta directiva' } },
        { organization: 'everlasting-records', role: LABEL_REPRESENTATIVE },
      ],
    },
    {
      key: 'tweety-gonzalez',
      name: 'Tweety González',
      country: 'AR',
      topics: ['latin-rock'],
      bio: {
        en: 'ASIAr board member.',
        es: 'Integrante de la comisión directiva de ASIAr.',
      },
      affiliations: [
        { organization: 'asiar', role: { en: 'Board member', es: 'Integrante de la comisión directiva' } },
      ],
    },
    {
      key: 'mark-meyer',
      name: 'Mark Meyer',
      country: 'PY',
      topics: ['association-building'],
      bio: {
        en: 'Vice President of AMI Paraguay.',
        es: 'Vicepresidente de AMI Paraguay.',
      },
      affiliations: [{ organization: 'ami-paraguay', role: { en: 'Vice President', es: 'Vicepresidente' } }],
    },
    {
      key: 'fran-sandoval',
      name: 'Fran Sandoval',
      country: 'CL',
      topics: ['association-building'],
      bio: {
        en: 'General Manager of IMICHILE.',
        es: 'Gerente general de IMICHILE.',
      },
      affiliations: [{ organization: 'imichile', role: { en: 'General Manager', es: 'Gerente general' } }],
    },
    {
      key: 'zorry-sedano',
      name: 'Zorry Sedano',
      country: 'MX',
      topics: ['association-building'],
      bio: {
        en: 'From Grupo Anónimos; one of the promoters of ADMI.',
        es: 'De Grupo Anónimos; forma parte del grupo promotor de ADMI.',
      },
      affiliations: [
        { organization: 'grupo-anonimos', role: LABEL_REPRESENTATIVE },
        { organization: 'admi', role: { en: 'Promoter', es: 'Integrante del grupo promotor' } },
      ],
    },
    {
      key: 'laura-garcia',
      name: 'Laura García',
      country: 'MX',
      topics: ['association-building'],
      bio: {
        en: 'From Sympathy for the Lawyer; one of the promoters of ADMI.',
        es: 'De Sympathy for the Lawyer; forma parte del grupo promotor de ADMI.',
      },
      affiliations: [
        { organization: 'sympathy-for-the-lawyer', role: LABEL_REPRESENTATIVE },
        { organization: 'admi', role: { en: 'Promoter', es: 'Integrante del grupo promotor' } },
      ],
    },

    // Fictional delegates, so that the connection bingo can be played.
    // Argentina
    delegate({
      key: 'martina-ferreyra',
      name: 'Martina Ferreyra',
      country: 'AR',
      languages: ['es', 'en'],
      topics: ['latin-rock', 'live-music', 'export'],
      organization: 'asiar',
      role: LABEL_OWNER_F,
      emailVisibility: 'members',
    }),
    delegate({
      key: 'julian-acosta',
      name: 'Julián Acosta',
      country: 'AR',
      languages: ['es', 'en'],
      topics: ['streaming-reform', 'digital-distribution'],
      organization: 'asiar',
      role: DISTRIBUTION,
    }),
    delegate({
      key: 'lucia-benitez',
      name: 'Lucía Benítez',
      country: 'AR',
      languages: ['es'],
      topics: ['cultural-policies', 'association-building'],
      organization: 'asiar',
      role: MEMBER_SERVICES_F,
    }),
    delegate({
      key: 'tomas-quiroga',
      name: 'Tomás Quiroga',
      country: 'AR',
      languages: ['es', 'en', 'pt'],
      topics: ['latin-rock', 'sync-licensing'],
      organization: 'asiar',
      role: A_AND_R,
    }),

    // Australia
    delegate({
      key: 'chloe-whitfield',
      name: 'Chloe Whitfield',
      country: 'AU',
      languages: ['en'],
      topics: ['export', 'live-music'],
      organization: 'southern-cross-demo-records',
      role: LABEL_OWNER_F,
      emailVisibility: 'public',
    }),
    delegate({
      key: 'liam-harcourt',
      name: 'Liam Harcourt',
      country: 'AU',
      languages: ['en'],
      topics: ['sync-licensing', 'digital-distribution'],
      organization: 'southern-cross-demo-records',
      role: SYNC,
    }),
    delegate({
      key: 'priya-raman',
      name: 'Priya Raman',
      country: 'AU',
      languages: ['en'],
      topics: ['legislation', 'generative-ai', 'streaming-reform'],
      organization: 'air',
      role: POLICY,
    }),
    delegate({
      key: 'callum-fraser',
      name: 'Callum Fraser',
      country: 'AU',
      languages: ['en', 'es'],
      topics: ['export', 'association-building'],
      organization: 'air',
      role: MEMBER_SERVICES_M,
    }),

    // Canada
    delegate({
      key: 'emilie-gagnon',
      name: 'Émilie Gagnon',
      country: 'CA',
      languages: ['fr', 'en', 'es'],
      topics: ['export', 'cultural-policies'],
      organization: 'cima',
      role: LABEL_OWNER_F,
      emailVisibility: 'members',
    }),
    delegate({
      key: 'ryan-macdonald',
      name: 'Ryan MacDonald',
      country: 'CA',
      languages: ['en'],
      topics: ['live-music', 'export'],
      organization: 'cima',
      role: LABEL_MANAGER,
    }),
    delegate({
      key: 'sophie-tremblay',
      name: 'Sophie Tremblay',
      country: 'CA',
      languages: ['fr', 'en'],
      topics: ['sync-licensing', 'generative-ai'],
      organization: 'cima',
      role: SYNC,
    }),
    delegate({
      key: 'daniel-okafor',
      name: 'Daniel Okafor',
      country: 'CA',
      languages: ['en', 'fr'],
      topics: ['streaming-reform', 'digital-distribution'],
      organization: 'cima',
      role: DISTRIBUTION,
    }),

    // Chile
    delegate({
      key: 'javiera-munoz',
      name: 'Javiera Muñoz',
      country: 'CL',
      languages: ['es', 'en'],
      topics: ['export', 'live-music'],
      organization: 'imichile',
      role: LABEL_OWNER_F,
    }),
    delegate({
      key: 'matias-fuentealba',
      name: 'Matías Fuentealba',
      country: 'CL',
      languages: ['es'],
      topics: ['latin-rock', 'live-music'],
      organization: 'imichile',
      role: A_AND_R,
    }),
    delegate({
      key: 'catalina-soto',
      name: 'Catalina Soto',
      country: 'CL',
      languages: ['es', 'en'],
      topics: ['cultural-policies', 'legislation', 'association-building'],
      organization: 'imichile',
      role: POLICY,
      emailVisibility: 'members',
    }),
    delegate({
      key: 'felipe-contreras',
      name: 'Felipe Contreras',
      country: 'CL',
      languages: ['es', 'en'],
      topics: ['digital-distribution', 'streaming-reform'],
      organization: 'imichile',
      role: LABEL_MANAGER,
    }),

    // Colombia
    delegate({
      key: 'valentina-ospina',
      name: 'Valentina Ospina',
      country: 'CO',
      languages: ['es', 'en'],
      topics: ['association-building', 'export'],
      organization: 'rio-magdalena-discos-demo',
      role: LABEL_OWNER_F,
      emailVisibility: 'public',
    }),
    delegate({
      key: 'santiago-restrepo',
      name: 'Santiago Restrepo',
      country: 'CO',
      languages: ['es'],
      topics: ['live-music', 'latin-rock'],
      organization: 'rio-magdalena-discos-demo',
      role: A_AND_R,
    }),
    delegate({
      key: 'daniela-cardenas',
      name: 'Daniela Cárdenas',
      country: 'CO',
      languages: ['es', 'en'],
      topics: ['streaming-reform', 'generative-ai'],
      organization: 'rio-magdalena-discos-demo',
      role: PRESS_F,
    }),
    delegate({
      key: 'andres-mejia',
      name: 'Andrés Mejía',
      country: 'CO',
      languages: ['es', 'en'],
      topics: ['digital-distribution', 'sync-licensing'],
      organization: 'rio-magdalena-discos-demo',
      role: DISTRIBUTION,
    }),

    // Mexico
    delegate({
      key: 'ximena-hernandez',
      name: 'Ximena Hernández',
      country: 'MX',
      languages: ['es', 'en'],
      topics: ['association-building', 'cultural-policies'],
      organization: 'admi',
      role: LABEL_OWNER_F,
    }),
    delegate({
      key: 'diego-villasenor',
      name: 'Diego Villaseñor',
      country: 'MX',
      languages: ['es', 'en'],
      topics: ['live-music', 'export'],
      organization: 'admi',
      role: LABEL_OWNER_M,
      emailVisibility: 'members',
    }),
    delegate({
      key: 'regina-castaneda',
      name: 'Regina Castañeda',
      country: 'MX',
      languages: ['es'],
      topics: ['latin-rock', 'sync-licensing'],
      organization: 'admi',
      role: PRESS_F,
    }),
    delegate({
      key: 'emiliano-ortiz',
      name: 'Emiliano Ortiz',
      country: 'MX',
      languages: ['es', 'en'],
      topics: ['streaming-reform', 'digital-distribution', 'generative-ai'],
      organization: 'admi',
      role: LABEL_MANAGER,
    }),

    // Paraguay
    delegate({
      key: 'belen-gimenez',
      name: 'Belén Giménez',
      country: 'PY',
      languages: ['es', 'gn'],
      topics: ['cultural-policies', 'association-building'],
      organization: 'ami-paraguay',
      role: MEMBER_SERVICES_F,
    }),
    delegate({
      key: 'hugo-caceres',
      name: 'Hugo Cáceres',
      country: 'PY',
      languages: ['es', 'gn', 'en'],
      topics: ['live-music', 'export'],
      organization: 'ami-paraguay',
      role: LABEL_OWNER_M,
    }),
    delegate({
      key: 'lorena-duarte',
      name: 'Lorena Duarte',
      country: 'PY',
      languages: ['es', 'en'],
      topics: ['digital-distribution', 'streaming-reform'],
      organization: 'ami-paraguay',
      role: DISTRIBUTION,
    }),
    delegate({
      key: 'marcelo-ayala',
      name: 'Marcelo Ayala',
      country: 'PY',
      languages: ['es'],
      topics: ['latin-rock', 'live-music'],
      organization: 'ami-paraguay',
      role: A_AND_R,
    }),

    // Spain
    delegate({
      key: 'marta-vidal',
      name: 'Marta Vidal',
      country: 'ES',
      languages: ['es', 'ca', 'en'],
      topics: ['export', 'cultural-policies'],
      organization: 'ufi',
      role: LABEL_OWNER_F,
    }),
    delegate({
      key: 'sergio-navarro',
      name: 'Sergio Navarro',
      country: 'ES',
      languages: ['es', 'en'],
      topics: ['streaming-reform', 'legislation', 'generative-ai'],
      organization: 'ufi',
      role: POLICY,
      emailVisibility: 'members',
    }),
    delegate({
      key: 'irene-castell',
      name: 'Irene Castell',
      country: 'ES',
      languages: ['es', 'en', 'fr'],
      topics: ['sync-licensing', 'export'],
      organization: 'ufi',
      role: SYNC,
    }),
    delegate({
      key: 'alvaro-prieto',
      name: 'Álvaro Prieto',
      country: 'ES',
      languages: ['es', 'en'],
      topics: ['live-music', 'latin-rock'],
      organization: 'ufi',
      role: PRESS_M,
    }),

    // United States
    delegate({
      key: 'jasmine-carter',
      name: 'Jasmine Carter',
      country: 'US',
      languages: ['en'],
      topics: ['generative-ai', 'legislation'],
      organization: 'a2im',
      role: POLICY,
    }),
    delegate({
      key: 'tyler-brooks',
      name: 'Tyler Brooks',
      country: 'US',
      languages: ['en', 'es'],
      topics: ['export', 'live-music'],
      organization: 'a2im',
      role: LABEL_OWNER_M,
    }),
    delegate({
      key: 'rachel-kim',
      name: 'Rachel Kim',
      country: 'US',
      languages: ['en', 'ko'],
      topics: ['sync-licensing', 'digital-distribution'],
      organization: 'a2im',
      role: SYNC,
    }),
    delegate({
      key: 'devin-holloway',
      name: 'Devin Holloway',
      country: 'US',
      languages: ['en'],
      topics: ['streaming-reform', 'digital-distribution'],
      organization: 'a2im',
      role: LABEL_MANAGER,
    }),
  ],

  workingGroups: [
    {
      slug: 'latam-network',
      name: { en: 'LatAm Network', es: 'Red LatAm' },
      description: {
        en: "WIN's working group for Latin America, where associations and labels from Ibero-American countries discuss the present and future of the independent sector in the region.",
        es: 'El grupo de trabajo de WIN para América Latina, donde asociaciones y sellos de países iberoamericanos debaten el presente y el futuro del sector independiente en la región.',
      },
      network: 'win',
      countries: ['AR', 'CL', 'CO', 'MX', 'PY', 'ES'],
      organizations: ['asiar', 'imichile', 'ami-paraguay', 'ufi', 'admi', 'rio-magdalena-discos-demo'],
      topics: ['association-building', 'streaming-reform', 'generative-ai', 'cultural-policies'],
    },
  ],

  venues: [
    {
      // FIM GDL 2024 was held at the Conjunto Santander, in Zapopan (Guadalajara metropolitan area).
      slug: 'fim-gdl',
      name: 'Conjunto Santander de Artes Escénicas',
      address: 'Periférico Norte Manuel Gómez Morín 1695, Belenes Norte, Zapopan, Jalisco',
      city: 'Guadalajara',
      country: 'MX',
      mapUrl: osm('Conjunto Santander de Artes Escénicas'),
      description: {
        en: 'Main venue of the FIM GDL conference.',
        es: 'Sede principal de la conferencia FIM GDL.',
      },
    },
    {
      slug: 'fabrica-morelos',
      name: 'Fábrica Morelos',
      city: 'Guadalajara',
      country: 'MX',
      mapUrl: osm('Fábrica Morelos'),
      stages: ['Terrace'],
    },
    {
      slug: 'c3-stage',
      name: 'C3 Stage',
      city: 'Guadalajara',
      country: 'MX',
      mapUrl: osm('C3 Stage'),
      stages: ['Main stage'],
    },
    {
      slug: 'rey-gallo',
      name: 'Rey Gallo',
      city: 'Guadalajara',
      country: 'MX',
      mapUrl: osm('Rey Gallo'),
      stages: ['Terrace'],
    },
    {
      slug: 'casa-aguafuerte',
      name: 'Casa Aguafuerte',
      city: 'Guadalajara',
      country: 'MX',
      mapUrl: osm('Casa Aguafuerte'),
      description: {
        en: 'A multicultural space with art galleries, a café and a cosy terrace.',
        es: 'Un espacio multicultural con galerías de arte, una cafetería y una terraza acogedora.',
      },
      stages: ['Terrace'],
    },
    {
      slug: 'portamerica-latitudes',
      name: 'Portamérica Latitudes festival',
      city: 'Guadalajara',
      country: 'MX',
      mapUrl: osm('Portamérica Latitudes'),
    },
  ],

  events: [
    {
      slug: 'fim-gdl-2024',
      name: { en: 'WIN at FIM GDL 2024', es: 'WIN en FIM GDL 2024' },
      host: 'fim-gdl',
      city: 'Guadalajara',
      country: 'MX',
      timeZone: 'America/Mexico_City',
      startsOn: '2024-02-28',
      endsOn: '2024-03-02',
      description: {
        en: "Four days in Guadalajara with the independent music community: WIN's programme at FIM GDL 2024, with official delegations from A2IM, CIMA and IMICHILE, members of other WIN associations, and the launch of ADMI.",
        es: 'Cuatro días en Guadalajara con la comunidad de la música independiente: el programa de WIN en FIM GDL 2024, con delegaciones oficiales de A2IM, CIMA e IMICHILE, miembros de otras asociaciones de WIN y la presentación de ADMI.',
      },
      sessions: [
        // Day 1: Wednesday 28 February
        {
          key: 'd1-genai-panel',
          kind: 'panel',
          title: {
            en: 'Generative AI and the record industry',
            es: 'La IA generativa y la industria discográfica',
          },
          description: {
            en: "WIN's leadership looks at how AI can help and disrupt the music business, and at the laws being drafted in North America and Europe. It closes with a case study: IDLES' video for 'Grace', which recreates Coldplay's 'Yellow' with AI and gave work to 17 people — an example of ethical use opening new opportunities.",
            es: 'La dirección de WIN analiza cómo la IA puede beneficiar y afectar al negocio de la música, así como las leyes que se preparan en Norteamérica y Europa. Cierra con un caso práctico: el videoclip de «Grace» de IDLES, que recrea con IA el «Yellow» de Coldplay y generó 17 empleos, muestra de que un uso ético abre nuevas oportunidades.',
          },
          day: '2024-02-28',
          start: '11:00',
          end: '12:00',
          timeIsIllustrative: true,
          venue: 'fim-gdl',
          hosts: ['win'],
          partners: ['fim-gdl'],
          speakers: [
            { person: 'noemi-planas', part: 'moderator' },
            { person: 'zena-white', part: 'speaker' },
            { person: 'mark-kitcatt', part: 'speaker' },
          ],
          topics: ['generative-ai', 'legislation'],
        },
        {
          key: 'd1-opening-cocktail',
          kind: 'social',
          title: { en: 'Conference opening cocktail', es: 'Cóctel de inauguración de la conferencia' },
          description: {
            en: 'Drinks to open FIM GDL: a first chance to catch up with colleagues from the WIN associations and meet the local industry.',
            es: 'Brindis de apertura de FIM GDL: una primera ocasión para reencontrarse con colegas de las asociaciones de WIN y conocer a la industria local.',
          },
          day: '2024-02-28',
          start: '12:30',
          end: '13:30',
          timeIsIllustrative: true,
          hosts: ['fim-gdl'],
        },
        {
          key: 'd1-sfs-networking',
          kind: 'networking',
          title: { en: 'Networking with Sounds from Spain', es: 'Networking con Sounds from Spain' },
          description: {
            en: 'An afternoon of networking hosted by the Spanish music export initiative on the terrace of Fábrica Morelos.',
            es: 'Una tarde de networking organizada por la iniciativa española de exportación musical en la terraza de Fábrica Morelos.',
          },
          day: '2024-02-28',
          start: '17:00',
          end: '19:00',
          timeIsIllustrative: true,
          venue: 'fabrica-morelos',
          stage: 'Terrace',
          hosts: ['sounds-from-spain'],
          topics: ['export'],
        },
        {
          key: 'd1-canada-house-showcase',
          kind: 'showcase',
          title: {
            en: 'Canada House: an evening of Canadian talent',
            es: 'Canada House: una noche de talento canadiense',
          },
          description: {
            en: "Canadian artists on the C3 stage, presented by CIMA's Canada House.",
            es: 'Artistas canadienses en el escenario C3, de la mano de Canada House, de CIMA.',
          },
          day: '2024-02-28',
          start: '21:00',
          end: '23:00',
          timeIsIllustrative: true,
          venue: 'c3-stage',
          stage: 'Main stage',
          presenters: ['canada-house'],
          partners: ['cima'],
          topics: ['live-music', 'export'],
        },

        // Day 2: Thursday 29 February
        {
          key: 'd2-latam-network-meeting',
          kind: 'meeting',
          title: { en: 'LatAm Network meeting', es: 'Reunión de la Red LatAm' },
          description: {
            en: "In-person meeting of WIN's Latin American working group, with representatives from Argentina, Chile, Colombia, Mexico, Paraguay and Spain. On the agenda: building associations in the region, streaming reform and new remuneration models, artificial intelligence, and cultural policies.",
            es: 'Reunión presencial del grupo de trabajo latinoamericano de WIN, con representantes de Argentina, Chile, Colombia, México, Paraguay y España. En la agenda: la creación de asociaciones en la región, la reforma del streaming y los nuevos modelos de remuneración, la inteligencia artificial y las políticas culturales.',
          },
          day: '2024-02-29',
          start: '09:30',
          end: '11:00',
          timeIsIllustrative: true,
          hosts: ['win'],
          workingGroup: 'latam-network',
          // The meeting itself was announced in public; its minutes are for members.
          visibility: 'public',
          topics: ['association-building', 'streaming-reform', 'generative-ai', 'cultural-policies'],
        },
        {
          key: 'd2-latin-rock-panel',
          kind: 'panel',
          title: {
            en: "What's Happening on the Street? Nomadic Chronicles of Latin Rock",
            es: '¿Qué pasa en la calle? Crónicas nómadas del rock latino',
          },
          description: {
            en: 'A FIM GDL panel on Latin rock, with ASIAr board member Tweety González among the speakers.',
            es: 'Un panel de FIM GDL sobre el rock latino, con Tweety González, de la comisión directiva de ASIAr, entre los ponentes.',
          },
          day: '2024-02-29',
          start: '11:30',
          end: '12:30',
          timeIsIllustrative: true,
          venue: 'fim-gdl',
          hosts: ['fim-gdl'],
          speakers: [{ person: 'tweety-gonzalez', part: 'speaker' }],
          topics: ['latin-rock'],
        },
        {
          key: 'd2-chilemusica-showcase',
          kind: 'showcase',
          title: { en: 'Chilemúsica showcases', es: 'Showcases de Chilemúsica' },
          description: {
            en: 'Live sets by Chilean artists presented by Chilemúsica, accompanied by Chilean wine and pisco.',
            es: 'Actuaciones de artistas chilenos presentadas por Chilemúsica, acompañadas de vino y pisco chilenos.',
          },
          day: '2024-02-29',
          start: '13:00',
          end: '14:30',
          timeIsIllustrative: true,
          presenters: ['chilemusica'],
          topics: ['live-music', 'export'],
        },
        {
          key: 'd2-rey-gallo-networking',
          kind: 'networking',
          title: { en: 'Networking on the Rey Gallo terrace', es: 'Networking en la terraza de Rey Gallo' },
          description: {
            en: 'Delegates from Australia, Canada and the USA meet the local industry to the sound of cumbia rebajada, the slowed-down cumbia born in Monterrey from Colombian and Mexican roots.',
            es: 'Delegados de Australia, Canadá y Estados Unidos se reúnen con la industria local al ritmo de la cumbia rebajada, la cumbia ralentizada nacida en Monterrey de raíces colombianas y mexicanas.',
          },
          day: '2024-02-29',
          start: '17:00',
          end: '19:00',
          timeIsIllustrative: true,
          venue: 'rey-gallo',
          stage: 'Terrace',
        },
        {
          key: 'd2-sfs-showcase',
          kind: 'showcase',
          title: { en: 'Sounds from Spain showcase', es: 'Showcase de Sounds from Spain' },
          description: {
            en: 'The night closes with Spanish artists on the C3 stage, presented by Sounds from Spain.',
            es: 'La noche termina con artistas españoles en el escenario C3, presentados por Sounds from Spain.',
          },
          day: '2024-02-29',
          start: '21:00',
          end: '23:00',
          timeIsIllustrative: true,
          venue: 'c3-stage',
          stage: 'Main stage',
          presenters: ['sounds-from-spain'],
          topics: ['live-music', 'export'],
        },

        // Day 3: Friday 1 March
        {
          key: 'd3-admi-presentation',
          kind: 'presentation',
          title: {
            en: 'Presenting ADMI, the new association of Mexican independent labels',
            es: 'Presentación de ADMI, la nueva asociación de discográficas independientes de México',
          },
          description: {
            en: 'Noemí Planas (WIN), Mark Meyer (AMI Paraguay) and Fran Sandoval (IMICHILE) share the stage with Zorry Sedano and Laura García, two of the people behind ADMI, to talk about what launching a trade association involves and why it strengthens the local industry. Questions from the audience close the session.',
            es: 'Noemí Planas (WIN), Mark Meyer (AMI Paraguay) y Fran Sandoval (IMICHILE) comparten escenario con Zorry Sedano y Laura García, del grupo promotor de ADMI, para explicar qué implica crear una asociación del sector y por qué fortalece a la industria local. La sesión termina con preguntas del público.',
          },
          day: '2024-03-01',
          start: '11:00',
          end: '12:00',
          timeIsIllustrative: true,
          venue: 'fim-gdl',
          hosts: ['win'],
          presenters: ['admi'],
          speakers: [
            { person: 'noemi-planas', part: 'moderator' },
            { person: 'mark-meyer', part: 'speaker' },
            { person: 'fran-sandoval', part: 'speaker' },
            { person: 'zorry-sedano', part: 'speaker' },
            { person: 'laura-garcia', part: 'speaker' },
          ],
          topics: ['association-building'],
        },
        {
          key: 'd3-admi-lunch',
          kind: 'social',
          title: { en: "Lunch with ADMI's promoters", es: 'Comida con el grupo promotor de ADMI' },
          description: {
            en: "Fish tacos with the WIN delegation and ADMI's promoters, to keep talking about next steps, goals and plans.",
            es: 'Tacos de pescado con la delegación de WIN y el grupo promotor de ADMI para seguir hablando de los próximos pasos, los objetivos y los planes.',
          },
          day: '2024-03-01',
          start: '13:30',
          end: '15:00',
          timeIsIllustrative: true,
          hosts: ['win'],
          visibility: 'members',
          topics: ['association-building'],
        },
        {
          key: 'd3-a2im-networking',
          kind: 'networking',
          title: { en: 'A2IM networking', es: 'Networking de A2IM' },
          description: {
            en: 'Networking organised by A2IM, with local food and drinks on the terrace of Fábrica Morelos.',
            es: 'Networking organizado por A2IM, con comida y bebida locales en la terraza de Fábrica Morelos.',
          },
          day: '2024-03-01',
          start: '17:00',
          end: '19:00',
          timeIsIllustrative: true,
          venue: 'fabrica-morelos',
          stage: 'Terrace',
          hosts: ['a2im'],
        },

        // Day 4: Saturday 2 March
        {
          key: 'd4-winhub',
          kind: 'social',
          title: { en: 'WINHUB x FIM GDL', es: 'WINHUB x FIM GDL' },
          description: {
            en: "WIN's own networking get-together at Casa Aguafuerte, bringing international delegates together with professionals from Mexico and Latin America. Play the connection bingo: fill your card with contacts from every country for a chance to win gifts from our partners.",
            es: 'El encuentro de networking de WIN en Casa Aguafuerte, que reúne a delegados internacionales con profesionales de México y de América Latina. Juega al bingo de conexiones: completa tu cartón con contactos de todos los países y participa por regalos de nuestros socios.',
          },
          day: '2024-03-02',
          start: '13:00',
          end: '16:00',
          timeIsIllustrative: true,
          venue: 'casa-aguafuerte',
          hosts: ['win'],
          partners: ['fim-gdl'],
        },
        {
          key: 'd4-portamerica',
          kind: 'external',
          title: { en: 'Portamérica Latitudes festival', es: 'Festival Portamérica Latitudes' },
          description: {
            en: 'The last evening of the trip at the Portamérica Latitudes festival, with the Mexican marimba band Son Rompe Pera.',
            es: 'La última noche del viaje en el festival Portamérica Latitudes, con la banda mexicana de marimba Son Rompe Pera.',
          },
          day: '2024-03-02',
          start: '19:00',
          end: '23:30',
          timeIsIllustrative: true,
          venue: 'portamerica-latitudes',
          hosts: ['portamerica-latitudes'],
          topics: ['live-music'],
        },
      ],
    },
  ],

  articleCategories: demoArticleCategories,
  articles: demoArticles,
};
