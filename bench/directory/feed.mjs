// A realistic Open Referral UK feed of `count` services, in the first-generation API's shape
// (the one many UK councils still publish): services across 33 English and Welsh towns and the
// demo's four boroughs, each a kind of service people are referred to (food banks, debt advice,
// lunch clubs…) with its esdNeeds term, a description, opening times, an organisation, and a
// place: coordinates for most, a postcode only for some, none for phone and online services.
// Seeded, so every run imports the same feed.

/** Towns: name as services name their area, centre, and outward codes to make postcodes in. */
const AREAS = [
  ['Islington', 51.552, -0.11, ['N1', 'N5', 'N7', 'N19', 'EC1V']],
  ['Brent', 51.558, -0.264, ['NW10', 'NW2', 'HA0', 'HA9']],
  ['Barking and Dagenham', 51.546, 0.13, ['IG11', 'RM8', 'RM9', 'RM10']],
  ['Bury', 53.59, -2.3, ['BL9', 'BL8', 'M26', 'M45']],
  ['Leeds', 53.797, -1.548, ['LS1', 'LS6', 'LS9']],
  ['Bristol', 51.454, -2.588, ['BS1', 'BS5', 'BS3']],
  ['Norwich', 52.628, 1.299, ['NR1', 'NR2', 'NR3']],
  ['Cardiff', 51.481, -3.179, ['CF10', 'CF24', 'CF11']],
  ['Sheffield', 53.381, -1.47, ['S1', 'S2', 'S8']],
  ['Nottingham', 52.954, -1.15, ['NG1', 'NG7', 'NG3']],
  ['Plymouth', 50.371, -4.143, ['PL1', 'PL4', 'PL2']],
  ['Newcastle upon Tyne', 54.973, -1.614, ['NE1', 'NE4', 'NE6']],
  ['Leicester', 52.636, -1.133, ['LE1', 'LE2', 'LE5']],
  ['Brighton and Hove', 50.823, -0.137, ['BN1', 'BN2', 'BN3']],
  ['Cambridge', 52.2, 0.137, ['CB1', 'CB2', 'CB4']],
  ['Oxford', 51.752, -1.258, ['OX1', 'OX4', 'OX3']],
  ['York', 53.959, -1.081, ['YO1', 'YO10', 'YO31']],
  ['Exeter', 50.722, -3.527, ['EX1', 'EX2', 'EX4']],
  ['Swansea', 51.621, -3.944, ['SA1', 'SA2', 'SA5']],
  ['Kingston upon Hull', 53.744, -0.332, ['HU1', 'HU3', 'HU5']],
  ['Derby', 52.922, -1.476, ['DE1', 'DE22', 'DE23']],
  ['Coventry', 52.408, -1.511, ['CV1', 'CV2', 'CV6']],
  ['Reading', 51.455, -0.971, ['RG1', 'RG2', 'RG30']],
  ['Southampton', 50.904, -1.404, ['SO14', 'SO15', 'SO17']],
  ['Stoke-on-Trent', 53.026, -2.177, ['ST1', 'ST4', 'ST6']],
  ['Wolverhampton', 52.586, -2.128, ['WV1', 'WV2', 'WV10']],
  ['Sunderland', 54.906, -1.381, ['SR1', 'SR2', 'SR4']],
  ['Preston', 53.763, -2.703, ['PR1', 'PR2', 'PR5']],
  ['Lincoln', 53.23, -0.541, ['LN1', 'LN2', 'LN6']],
  ['Ipswich', 52.059, 1.155, ['IP1', 'IP3', 'IP4']],
  ['Carlisle', 54.892, -2.932, ['CA1', 'CA2', 'CA3']],
  ['Bath and North East Somerset', 51.381, -2.359, ['BA1', 'BA2']],
  ['Luton', 51.879, -0.417, ['LU1', 'LU2', 'LU4']],
  ['Wakefield', 53.683, -1.499, ['WF1', 'WF2']],
  ['Medway', 51.388, 0.52, ['ME1', 'ME4', 'ME7']],
  ['Swindon', 51.558, -1.782, ['SN1', 'SN2', 'SN25']],
  ['Middlesbrough', 54.576, -1.235, ['TS1', 'TS3', 'TS5']],
];

/** Kinds of service: name, esdNeeds term, and what the description says. */
const KINDS = [
  ['Food Bank', 'Food banks', 'Emergency food parcels for people referred by a frontline worker or the hub.'],
  ['Community Pantry', 'Food', 'A membership pantry: a weekly shop of groceries for a few pounds.'],
  ['Lunch Club', 'Lunch clubs', 'A hot two-course meal and company for older people living alone.'],
  ['Debt Advice', 'Debt advice', 'Free, confidential help with debts, budgeting and letters from creditors.'],
  [
    'Benefits Advice',
    'Welfare benefits',
    'Help to claim Universal Credit, PIP and pension credit, and to appeal.',
  ],
  ['Housing Advice', 'Housing advice', 'Advice for tenants facing eviction, disrepair or homelessness.'],
  ['Counselling Service', 'Counselling', 'Short-term counselling for anxiety, depression and bereavement.'],
  ['Carers Support Group', 'Carers', 'A monthly group and one-to-one support for unpaid carers.'],
  [
    'Befriending Scheme',
    'Befriending',
    'A volunteer who visits or phones each week, for people who are lonely.',
  ],
  [
    'Youth Club',
    'Youth activities',
    'Evening sessions for young people aged 11 to 18: sport, music, mentoring.',
  ],
  ['Warm Space', 'Warm spaces', 'A warm, free place to spend the day in winter, with hot drinks.'],
  ['Employment Support', 'Employment support', 'Help with CVs, interviews and finding training or work.'],
  ['Walking Group', 'Physical activity', 'Gentle guided walks for people building up their fitness.'],
  [
    'Family Hub',
    'Family support',
    'Parenting courses, stay and play, and advice for families with children.',
  ],
  [
    'Domestic Abuse Support',
    'Domestic abuse',
    'Confidential support and safety planning for survivors of domestic abuse.',
  ],
  ['Energy Advice', 'Energy advice', 'Help with fuel debt, switching tariffs and grants for heating.'],
  [
    'Digital Skills Drop-in',
    'Digital inclusion',
    'Help getting online: email, forms, video calls, staying safe.',
  ],
];

const PREFIXES = [
  'St Mary’s',
  'Riverside',
  'Northgate',
  'Oak Tree',
  'Hope',
  'Community',
  'Good Neighbours',
  'Parkside',
  'Trinity',
  'Westfield',
  'Victoria',
  'Meadow',
  'Church Street',
  'Station Road',
  'Castle',
  'Millbrook',
  'Greenway',
  'Fairfield',
  'Kingsway',
  'Harbour',
  'Elm Grove',
  'Beacon',
  'Chapel',
  'Orchard',
];
const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA'];
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

function random(seed) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

export function generateFeed(count, seed = 14) {
  const next = random(seed);
  const pick = (items) => items[Math.floor(next() * items.length)];
  const services = [];
  for (let i = 0; i < count; i += 1) {
    const [area, lat, lon, districts] = AREAS[i % AREAS.length];
    const [kind, term, description] = KINDS[Math.floor(next() * KINDS.length)];
    const prefix = pick(PREFIXES);
    const id = `bench-${i}`;
    const postcode = `${pick(districts)} ${Math.floor(next() * 10)}${pick(INWARD_LETTERS)}${pick(INWARD_LETTERS)}`;
    const placed = next();
    const day = pick(DAYS);
    services.push({
      id,
      name: `${prefix} ${kind}${i % 5 === 0 ? ` ${area}` : ''}`,
      description: `${description} Run by volunteers in ${area}; ask at reception or call ahead.`,
      url: `https://${area.toLowerCase().replace(/[^a-z]+/g, '')}.example.org/services/${i}`,
      status: 'active',
      fees: next() < 0.8 ? 'Free' : 'A small charge; free for people on benefits',
      organization: {
        id: `bench-org-${i % 1500}`,
        name: `${prefix} ${pick(['Trust', 'Community Association', 'Charity', 'Partnership', 'CIO'])} ${area}`,
        description: `A voluntary organisation in ${area}.`,
      },
      eligibilitys: next() < 0.3 ? [{ id: `${id}-el`, eligibility: 'Adults', minimum_age: 18 }] : [],
      contacts: [
        {
          id: `${id}-c`,
          name: 'Front desk',
          phones: [{ id: `${id}-p`, number: `+4416329${String(60000 + (i % 1000)).padStart(5, '0')}` }],
        },
      ],
      languages: [{ id: `${id}-l`, language: 'English' }],
      service_areas: [{ id: `${id}-sa`, service_area: area }],
      service_at_locations:
        placed < 0.9
          ? [
              {
                id: `${id}-sal`,
                location: {
                  id: `${id}-loc`,
                  name: `${prefix} Centre`,
                  latitude: placed < 0.8 ? Number((lat + (next() - 0.5) * 0.14).toFixed(5)) : null,
                  longitude: placed < 0.8 ? Number((lon + (next() - 0.5) * 0.22).toFixed(5)) : null,
                  physical_addresses: [
                    {
                      id: `${id}-addr`,
                      address_1: `${1 + Math.floor(next() * 200)} ${pick(['High Street', 'Church Road', 'Mill Lane', 'Park Road', 'Station Road'])}`,
                      city: area,
                      postal_code: postcode,
                      country: 'GB',
                    },
                  ],
                },
              },
            ]
          : [],
      regular_schedules: [
        { id: `${id}-rs`, opens_at: '10:00', closes_at: '15:00', byday: day, freq: 'WEEKLY' },
      ],
      service_taxonomys: [
        {
          id: `${id}-t`,
          taxonomy: {
            id: `esdNeeds:${KINDS.findIndex((k) => k[0] === kind) + 1000}`,
            name: term,
            vocabulary: 'esdNeeds',
            parent: null,
          },
        },
      ],
    });
  }
  return services;
}
