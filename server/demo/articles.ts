import type { DemoArticle, DemoArticleCategory } from './types.ts';

/**
 * The demo's news: the seed article itself (WIN's report of its trip to FIM
 * GDL 2024, told again in our own words, day by day) and the three "Related
 * News" listed under it. Of those three the source gives only a headline and
 * a few opening words, so their texts say no more than that and call
 * themselves illustrative. Publication dates are illustrative too: the source
 * gives none. Day 1 is Wednesday 28 February (decision 0001).
 */

export const demoArticleCategories: DemoArticleCategory[] = [
  {
    slug: 'global-industry-affairs',
    name: { en: 'Global Industry Affairs', es: 'Asuntos globales de la industria' },
  },
  { slug: 'win-en-colombia', name: { en: 'WIN in Colombia', es: 'WIN en Colombia' } },
  { slug: 'winhub', name: { en: 'WINHUB', es: 'WINHUB' } },
];

const html = (...blocks: string[]): string => blocks.join('\n');

const ILLUSTRATIVE = {
  en: '<p><em>Illustrative text for the Encuentro demo: only the headline and opening words of this piece are known.</em></p>',
  es: '<p><em>Texto ilustrativo para la demo de Encuentro: de esta noticia solo se conocen el titular y las primeras palabras.</em></p>',
};

export const demoArticles: DemoArticle[] = [
  {
    slug: 'win-in-mexico-a-trip-into-the-local-independent-community',
    kind: 'trip_report',
    publishedAt: '2024-03-14T10:00:00Z',
    category: 'global-industry-affairs',
    title: {
      en: 'WIN in Mexico: a trip into the local independent community',
      es: 'WIN en México: un viaje a la comunidad independiente local',
    },
    summary: {
      en: 'Four days at FIM GDL 2024 in Guadalajara: a panel on generative AI, the LatAm Network meeting, the launch of ADMI and a WINHUB evening with a connection bingo.',
      es: 'Cuatro días en FIM GDL 2024 en Guadalajara: un panel sobre IA generativa, la reunión de la Red LatAm, la presentación de ADMI y un WINHUB con bingo de conexiones.',
    },
    body: {
      en: html(
        '<p>In March 2023 WIN ran a workshop in Mexico City on how to build a trade association, with a delegation led by its CEO, Noemí Planas. Almost a year of work followed, and it bore fruit in Guadalajara in March 2024 with the presentation of <a href="/organizations/admi">ADMI</a>, the new association of Mexican independent record labels.</p>',
        '<p><a href="/events/fim-gdl-2024">FIM GDL</a> is the leading music industry conference in the region. Together with it, WIN put on a panel about generative AI and music, an in-person meeting of its LatAm Network and a WINHUB social. A2IM, CIMA and IMICHILE came with official delegations, and members of AMI Paraguay, ASIAr, UFi and IMPALA were there too.</p>',
        '<h2>Day 1: industry issues, from the risks to the promise of AI</h2>',
        '<p>The programme opened on Wednesday 28 February with a panel on generative AI and the record business. Noemí Planas, WIN Chair Zena White (Partisan Records) and board member Mark Kitcatt (Everlasting Records) weighed what AI can bring to music against what it puts at risk, and went through the laws being prepared in North America and Europe.</p>',
        '<p>To finish, the panel looked at the new IDLES video as a case study: an AI remake of Coldplay’s 2000 video for “Yellow” in which Chris Martin sings “Grace”, the Bristol band’s new single. Seventeen people were hired to make it — AI used ethically, creating work rather than taking it away.</p>',
        '<p>The conference’s opening cocktail brought the WIN associations together with the local industry. After a long lunch of Guadalajara cooking, Sounds from Spain hosted a networking afternoon on the Fábrica Morelos terrace, and in the evening CIMA’s Canada House presented Canadian artists on the C3 stage.</p>',
        '<h2>Day 2: the Latin American agenda</h2>',
        '<p>Thursday began with the LatAm Network, WIN’s working group for the region. Representatives from Argentina, Chile, Colombia, Mexico, Paraguay and Spain discussed where the independent sector in Latin America stands and where it is heading:</p>',
        '<ul><li>building associations in the region;</li><li>streaming reform and new remuneration models;</li><li>artificial intelligence;</li><li>cultural policies.</li></ul>',
        '<p>Later that morning Tweety González, a board member of ASIAr, spoke on the panel “What’s Happening on the Street? Nomadic Chronicles of Latin Rock”. The Chilemúsica showcases came next, with Chilean wine and pisco.</p>',
        '<p>In the afternoon delegates from Australia, Canada and the United States met the local industry on the Rey Gallo terrace to the sound of <em>cumbia rebajada</em>, the slowed-down style born in Monterrey from Colombian and Mexican cumbia. Sounds from Spain closed the night with a showcase on the C3 stage.</p>',
        '<h2>Day 3: a new association for Mexico’s independent labels</h2>',
        '<p>On Friday 1 March the Asociación de Discográficas Mexicanas Independientes (ADMI) was presented. Noemí Planas, Mark Meyer (Vice President of AMI Paraguay) and Fran Sandoval (General Manager of IMICHILE) shared the stage with two of its promoters, Zorry Sedano (Grupo Anónimos) and Laura García (Sympathy for the Lawyer). They talked about what launching a trade association takes and why it matters to a local industry, then answered questions from the floor. The room was full, members of WIN associations from other countries among them: a milestone on the way to a body that unites Mexico’s independent music community.</p>',
        '<p>Over fish tacos the WIN delegation and the promoters kept talking about next steps, goals and intentions. A2IM then hosted another networking session, with local food and drink, on the Fábrica Morelos terrace.</p>',
        '<h2>Day 4: the international indie community in one place</h2>',
        '<p>With the three conference days over, WIN held its own WINHUB x FIM GDL on Saturday at Casa Aguafuerte, a multicultural space with art galleries, a café and a terrace. Professionals from Australia, Canada, Chile, Spain and the United States mixed with colleagues from Mexico and the rest of Latin America, and played a bingo that asked them to collect connections with delegates from every country; the winners took home gifts from WIN’s partners.</p>',
        '<p>The last evening was spent at the Portamérica Latitudes festival, where the Mexican marimba band Son Rompe Pera rounded off four days of shared knowledge and new encounters.</p>',
        '<p>The trip of WIN’s delegates from Spain was supported by Acción Cultural Española (AC/E).</p>',
      ),
      es: html(
        '<p>En marzo de 2023, WIN organizó en Ciudad de México un taller sobre cómo crear una asociación del sector, con una delegación encabezada por su directora ejecutiva, Noemí Planas. Siguió casi un año de trabajo, que dio fruto en Guadalajara en marzo de 2024 con la presentación de <a href="/organizations/admi">ADMI</a>, la nueva asociación de discográficas independientes de México.</p>',
        '<p><a href="/events/fim-gdl-2024">FIM GDL</a> es la principal conferencia de la industria musical de la región. Junto con ella, WIN preparó un panel sobre inteligencia artificial generativa y música, una reunión presencial de su Red LatAm y un encuentro social WINHUB. A2IM, CIMA e IMICHILE viajaron con delegaciones oficiales, y también asistieron miembros de AMI Paraguay, ASIAr, UFi e IMPALA.</p>',
        '<h2>Día 1: los temas de la industria, de los riesgos a las oportunidades de la IA</h2>',
        '<p>El programa arrancó el miércoles 28 de febrero con un panel sobre la IA generativa y la industria discográfica. Noemí Planas, la presidenta de WIN, Zena White (Partisan Records), y el miembro de la junta directiva Mark Kitcatt (Everlasting Records) sopesaron lo que la IA puede aportar a la música frente a lo que pone en riesgo, y repasaron las leyes que se preparan en Norteamérica y Europa.</p>',
        '<p>Para cerrar, el panel analizó como caso de estudio el nuevo videoclip de IDLES: una recreación con IA del vídeo de «Yellow» de Coldplay, del año 2000, en la que Chris Martin canta «Grace», el nuevo sencillo de la banda de Bristol. Su producción dio trabajo a diecisiete personas: la IA, usada con ética, creando empleo en lugar de quitarlo.</p>',
        '<p>El cóctel de apertura de la conferencia reunió a las asociaciones de WIN con la industria local. Tras una larga comida con lo mejor de la cocina tapatía, Sounds from Spain organizó una tarde de networking en la terraza de Fábrica Morelos y, por la noche, la Canada House de CIMA presentó a artistas canadienses en el escenario C3.</p>',
        '<h2>Día 2: la agenda latinoamericana</h2>',
        '<p>El jueves empezó con la Red LatAm, el grupo de trabajo de WIN para la región. Representantes de Argentina, Chile, Colombia, España, México y Paraguay debatieron sobre el presente y el futuro del sector independiente en América Latina:</p>',
        '<ul><li>la creación de asociaciones en la región;</li><li>la reforma del streaming y los nuevos modelos de remuneración;</li><li>la inteligencia artificial;</li><li>las políticas culturales.</li></ul>',
        '<p>Más tarde, Tweety González, de la comisión directiva de ASIAr, participó en el panel «¿Qué está pasando en la calle? Crónicas nómadas del rock latino». Después llegaron los showcases de Chilemúsica, con vino chileno y pisco.</p>',
        '<p>Por la tarde, delegados de Australia, Canadá y Estados Unidos se reunieron con la industria local en la terraza del Rey Gallo al ritmo de la <em>cumbia rebajada</em>, el estilo ralentizado que nació en Monterrey a partir de las cumbias colombiana y mexicana. Sounds from Spain cerró la noche con un showcase en el escenario C3.</p>',
        '<h2>Día 3: una nueva asociación para los sellos independientes de México</h2>',
        '<p>El viernes 1 de marzo se presentó la Asociación de Discográficas Mexicanas Independientes (ADMI). Noemí Planas, Mark Meyer (vicepresidente de AMI Paraguay) y Fran Sandoval (gerente general de IMICHILE) compartieron escenario con dos de sus impulsores, Zorry Sedano (Grupo Anónimos) y Laura García (Sympathy for the Lawyer). Hablaron de lo que exige poner en marcha una asociación del sector y de su importancia para la industria local, y respondieron a las preguntas del público. Con la sala llena, y con miembros de asociaciones de WIN de otros países entre el público, fue un hito en el camino hacia una entidad que una a la comunidad de la música independiente de México.</p>',
        '<p>Entre tacos de pescado, la delegación de WIN y el grupo promotor siguieron hablando de los próximos pasos, los objetivos y las intenciones. Después, A2IM ofreció otro encuentro de networking, con comida y bebida locales, en la terraza de Fábrica Morelos.</p>',
        '<h2>Día 4: la comunidad independiente internacional, reunida</h2>',
        '<p>Terminados los tres días de conferencia, WIN celebró el sábado su propio WINHUB x FIM GDL en Casa Aguafuerte, un espacio multicultural con galerías de arte, café y terraza. Profesionales de Australia, Canadá, Chile, España y Estados Unidos se mezclaron con colegas de México y del resto de América Latina, y jugaron a un bingo que los retaba a sumar conexiones con delegados de todos los países; quienes ganaron se llevaron regalos de los socios de WIN.</p>',
        '<p>La última noche fue en el festival Portamérica Latitudes, donde la banda mexicana de marimba Son Rompe Pera puso el broche final a cuatro días de conocimiento compartido y nuevos encuentros.</p>',
        '<p>El viaje de los delegados de WIN procedentes de España contó con el apoyo de Acción Cultural Española (AC/E).</p>',
      ),
    },
    tags: ['fim-gdl', 'latam', 'association-building', 'generative-ai', 'winhub', 'mexico'],
    links: {
      events: ['fim-gdl-2024'],
      organizations: [
        'win',
        'fim-gdl',
        'admi',
        'a2im',
        'cima',
        'imichile',
        'ami-paraguay',
        'asiar',
        'ufi',
        'impala',
        'partisan-records',
        'everlasting-records',
        'grupo-anonimos',
        'sympathy-for-the-lawyer',
        'sounds-from-spain',
        'canada-house',
        'chilemusica',
        'portamerica-latitudes',
        'ac-e',
      ],
      people: [
        'noemi-planas',
        'zena-white',
        'mark-kitcatt',
        'tweety-gonzalez',
        'mark-meyer',
        'fran-sandoval',
        'zorry-sedano',
        'laura-garcia',
      ],
    },
  },
  {
    slug: 'win-promotes-an-independent-music-trade-association-in-colombia',
    kind: 'news',
    publishedAt: '2023-11-20T10:00:00Z',
    category: 'win-en-colombia',
    title: {
      en: 'WIN promotes the creation of an independent music trade association in Colombia',
      es: 'WIN impulsa la creación de una asociación de la música independiente en Colombia',
    },
    summary: {
      en: 'Illustrative summary: WIN’s CEO Noemí Planas and representatives of Latin American members such as AMI Paraguay work towards an association for Colombia’s independent music companies.',
      es: 'Resumen ilustrativo: la directora ejecutiva de WIN, Noemí Planas, y representantes de miembros latinoamericanos como AMI Paraguay trabajan por una asociación para las compañías de música independiente de Colombia.',
    },
    body: {
      en: html(
        ILLUSTRATIVE.en,
        '<p>WIN is encouraging the independent music companies of Colombia to come together in a trade association of their own. Its CEO, Noemí Planas, and representatives of WIN’s Latin American members, AMI Paraguay among them, are taking part in the effort.</p>',
      ),
      es: html(
        ILLUSTRATIVE.es,
        '<p>WIN anima a las compañías de música independiente de Colombia a unirse en una asociación propia. Su directora ejecutiva, Noemí Planas, y representantes de los miembros latinoamericanos de WIN, entre ellos AMI Paraguay, participan en el proceso.</p>',
      ),
    },
    tags: ['association-building', 'latam', 'colombia'],
    links: { organizations: ['win', 'ami-paraguay'], people: ['noemi-planas'] },
  },
  {
    slug: 'win-calls-for-joined-up-approach-on-genai',
    kind: 'news',
    publishedAt: '2023-10-05T10:00:00Z',
    category: 'global-industry-affairs',
    title: {
      en: 'WIN calls for joined-up approach on GenAI',
      es: 'WIN pide un enfoque conjunto sobre la IA generativa',
    },
    summary: {
      en: 'Illustrative summary: the worldwide independent music community asks for a joined-up approach to generative AI.',
      es: 'Resumen ilustrativo: la comunidad mundial de la música independiente pide un enfoque conjunto sobre la inteligencia artificial generativa.',
    },
    body: {
      en: html(
        ILLUSTRATIVE.en,
        '<p>The worldwide independent music community, through WIN, is calling for a joined-up approach to generative AI.</p>',
      ),
      es: html(
        ILLUSTRATIVE.es,
        '<p>La comunidad mundial de la música independiente, a través de WIN, pide un enfoque conjunto sobre la inteligencia artificial generativa.</p>',
      ),
    },
    tags: ['generative-ai', 'policy'],
    links: { organizations: ['win'] },
  },
  {
    slug: 'winhub-connects-the-global-independent-music-community-in-new-york',
    kind: 'news',
    publishedAt: '2023-06-14T10:00:00Z',
    category: 'winhub',
    title: {
      en: 'WINHUB connects the global independent music community in New York',
      es: 'WINHUB conecta en Nueva York a la comunidad mundial de la música independiente',
    },
    summary: {
      en: 'Illustrative summary: WIN brings its WINHUB networking get-together to New York, as part of its efforts to unite the global independent music community.',
      es: 'Resumen ilustrativo: WIN lleva a Nueva York su encuentro de networking WINHUB, dentro de su labor para unir a la comunidad mundial de la música independiente.',
    },
    body: {
      en: html(
        ILLUSTRATIVE.en,
        '<p>As part of its efforts to unite the global independent music community, WIN held a WINHUB networking get-together in New York.</p>',
      ),
      es: html(
        ILLUSTRATIVE.es,
        '<p>Dentro de su labor para unir a la comunidad mundial de la música independiente, WIN celebró en Nueva York un encuentro de networking WINHUB.</p>',
      ),
    },
    tags: ['winhub', 'networking'],
    links: { organizations: ['win'] },
  },
];
