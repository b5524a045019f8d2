#!/usr/bin/env node
// Writes the reference-data migration of regions and countries (server/db/migrations/0001_reference_countries.sql):
//   node scripts/generate-countries.mjs > server/db/migrations/0001_reference_countries.sql
// Country names come from ICU (Intl.DisplayNames); the region of each code is listed here.
const regions = {
  'north-america': ['North America', 'Norteamérica', 'US CA BM GL PM'],
  'latin-america': [
    'Latin America',
    'América Latina',
    'MX GT BZ SV HN NI CR PA CU DO HT JM PR TT BS BB AG DM GD KN LC VC AI AW BQ CW SX KY MS TC VG VI BL MF GP MQ CO VE EC PE BO BR PY UY AR CL GY SR GF FK GS',
  ],
  europe: [
    'Europe',
    'Europa',
    'AD AL AM AT AX AZ BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GE GG GI GR HR HU IE IM IS IT JE LI LT LU LV MC MD ME MK MT NL NO PL PT RO RS RU SE SI SJ SK SM UA VA BV',
  ],
  'middle-east': ['Middle East', 'Oriente Medio', 'AE BH IL IQ IR JO KW LB OM PS QA SA SY TR YE'],
  africa: [
    'Africa',
    'África',
    'DZ AO BJ BW BF BI CV CM CF TD KM CG CD CI DJ EG GQ ER SZ ET GA GM GH GN GW KE LS LR LY MG MW ML MR MU YT MA MZ NA NE NG RE RW SH ST SN SC SL SO ZA SS SD TZ TG TN UG EH ZM ZW IO TF',
  ],
  'asia-pacific': [
    'Asia-Pacific',
    'Asia-Pacífico',
    'AF KZ KG TJ TM UZ CN HK MO TW JP KR KP MN BD BT IN MV NP PK LK BN KH ID LA MY MM PH SG TH TL VN AU NZ FJ PG SB VU NC PF WS TO KI TV NR FM MH PW CK NU TK WF AS GU MP CC CX NF HM PN UM AQ',
  ],
};
const en = new Intl.DisplayNames(['en'], { type: 'region' });
const es = new Intl.DisplayNames(['es'], { type: 'region' });
const q = (s) => `'${s.replaceAll("'", "''")}'`;
const seen = new Set();
let out =
  '-- Reference data: world regions and ISO 3166-1 alpha-2 countries with English and Spanish names\n-- (names from the ICU data of Intl.DisplayNames; regions as the network groups its members).\n-- Rows that already exist are kept as they are.\n';
out +=
  'INSERT INTO "regions" ("code", "name_en", "name_es", "position") VALUES\n' +
  Object.entries(regions)
    .map(([code, [n1, n2]], i) => `  (${q(code)}, ${q(n1)}, ${q(n2)}, ${i})`)
    .join(',\n') +
  '\nON CONFLICT ("code") DO NOTHING;\n--> statement-breakpoint\n';
const rows = [];
for (const [region, [, , codes]] of Object.entries(regions))
  for (const code of codes.split(' ')) {
    if (seen.has(code)) throw new Error('dup ' + code);
    seen.add(code);
    const a = en.of(code),
      b = es.of(code);
    if (a === code || b === code) throw new Error('no name ' + code);
    rows.push(`  (${q(code)}, ${q(a)}, ${q(b)}, ${q(region)})`);
  }
out +=
  'INSERT INTO "countries" ("code", "name_en", "name_es", "region_code") VALUES\n' +
  rows.join(',\n') +
  '\nON CONFLICT ("code") DO NOTHING;\n';
// sanity: every two-letter code ICU names should be covered
const missing = [];
for (let i = 65; i < 91; i++)
  for (let j = 65; j < 91; j++) {
    const c = String.fromCharCode(i, j);
    const n = en.of(c);
    if (n !== c && !seen.has(c)) missing.push(`${c}=${n}`);
  }
console.error('count', seen.size, 'ICU names not covered:', missing.join(', '));
process.stdout.write(out);
