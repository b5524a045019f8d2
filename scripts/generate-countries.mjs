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
const english = new Intl.DisplayNames(['en'], { type: 'region' });
const spanish = new Intl.DisplayNames(['es'], { type: 'region' });
const quote = (text) => `'${text.replaceAll("'", "''")}'`;

const regionRows = Object.entries(regions).map(
  ([code, [nameEn, nameEs]], position) => `  (${quote(code)}, ${quote(nameEn)}, ${quote(nameEs)}, ${position})`,
);
const seen = new Set();
const countryRows = [];
for (const [region, [, , codes]] of Object.entries(regions)) {
  for (const code of codes.split(' ')) {
    if (seen.has(code)) throw new Error(`${code} is listed in two regions`);
    seen.add(code);
    const nameEn = english.of(code);
    const nameEs = spanish.of(code);
    if (nameEn === code || nameEs === code) throw new Error(`ICU has no name for ${code}`);
    countryRows.push(`  (${quote(code)}, ${quote(nameEn)}, ${quote(nameEs)}, ${quote(region)})`);
  }
}

process.stdout.write(
  [
    '-- Reference data: world regions and the ISO 3166-1 alpha-2 countries with English and Spanish names',
    '-- (names from ICU via Intl.DisplayNames). Written by scripts/generate-countries.mjs; rows already there are kept.',
    'INSERT INTO "regions" ("code", "name_en", "name_es", "position") VALUES',
    `${regionRows.join(',\n')}`,
    'ON CONFLICT ("code") DO NOTHING;',
    '--> statement-breakpoint',
    'INSERT INTO "countries" ("code", "name_en", "name_es", "region_code") VALUES',
    `${countryRows.join(',\n')}`,
    'ON CONFLICT ("code") DO NOTHING;',
    '',
  ].join('\n'),
);
console.error(`${seen.size} countries in ${regionRows.length} regions`);
