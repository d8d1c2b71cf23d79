/**
 * Offline postcode-district geography for the four demo hub areas, so that the reference
 * server and the mocks measure "how far away" in exactly the same way, with no network.
 *
 * What the numbers are: approximate centres of postcode districts (outward codes), compiled
 * by hand for the demo from general knowledge of the areas, not from a dataset. They are good
 * to about a kilometre: enough to sort services by distance, not to draw a map or to decide
 * which borough an address is in. A district is listed under the borough that holds most of
 * it; a few are shared with a neighbour (noted beside them), and districts that are mostly in
 * another borough are left out, so a postcode there is not located at all (`locate` gives
 * null) rather than placed in the wrong borough.
 *
 * For production, replace `districtCentroids` with centroids computed from the ONS Postcode
 * Directory (ONSPD): average the latitude and longitude of the live postcodes in each district
 * (or keep whole postcodes), and take the local authority from its `oslaua` column. ONSPD is
 * published under the Open Government Licence v3.0; it contains OS data © Crown copyright and
 * database right, Royal Mail data © Royal Mail copyright and database right, and National
 * Statistics data © Crown copyright and database right, and those notices must go with it.
 * Keep the shape of `DistrictCentroid` and everything else here works unchanged.
 *
 * Pure data and arithmetic: no I/O, no Node built-ins, no DOM.
 */
import { normalisePostcode, postcodeDistrict } from '@hubkit/schema';

/** The areas the demo hub covers, as services name them in `areas`. */
export const coveredAreas = ['Islington', 'Brent', 'Barking and Dagenham', 'Bury'] as const;
export type CoveredArea = (typeof coveredAreas)[number];

/** A point in WGS84 decimal degrees. */
export interface GeoPoint {
  readonly latitude: number;
  readonly longitude: number;
}

/** The approximate centre of a postcode district and the borough it (mostly) lies in. */
export interface DistrictCentroid extends GeoPoint {
  /** The outward code, as `postcodeDistrict` gives it: `N1`, `EC1V`, `NW10`. */
  readonly district: string;
  readonly area: CoveredArea;
}

/** Approximate district centres (see the note at the top of this file). */
export const districtCentroids: readonly DistrictCentroid[] = [
  // London Borough of Islington
  { district: 'N1', latitude: 51.5376, longitude: -0.0993, area: 'Islington' }, // east edge is Hackney, west edge Camden
  { district: 'N4', latitude: 51.568, longitude: -0.103, area: 'Islington' }, // shared with Haringey and Hackney
  { district: 'N5', latitude: 51.5531, longitude: -0.0984, area: 'Islington' },
  { district: 'N7', latitude: 51.5524, longitude: -0.1175, area: 'Islington' },
  { district: 'N19', latitude: 51.5653, longitude: -0.1312, area: 'Islington' }, // west edge is Camden
  { district: 'EC1V', latitude: 51.528, longitude: -0.0985, area: 'Islington' },
  { district: 'EC1R', latitude: 51.5253, longitude: -0.1075, area: 'Islington' }, // west edge is Camden
  { district: 'EC1M', latitude: 51.521, longitude: -0.101, area: 'Islington' }, // south edge is the City
  { district: 'EC1Y', latitude: 51.5232, longitude: -0.092, area: 'Islington' }, // south edge is the City

  // London Borough of Brent
  { district: 'NW10', latitude: 51.5415, longitude: -0.245, area: 'Brent' }, // Park Royal is Ealing
  { district: 'NW2', latitude: 51.557, longitude: -0.221, area: 'Brent' }, // Cricklewood is Barnet and Camden
  { district: 'NW6', latitude: 51.542, longitude: -0.197, area: 'Brent' }, // shared with Camden
  { district: 'NW9', latitude: 51.586, longitude: -0.26, area: 'Brent' }, // shared with Barnet
  { district: 'HA0', latitude: 51.55, longitude: -0.304, area: 'Brent' },
  { district: 'HA9', latitude: 51.562, longitude: -0.284, area: 'Brent' },

  // London Borough of Barking and Dagenham
  { district: 'IG11', latitude: 51.5345, longitude: 0.09, area: 'Barking and Dagenham' },
  { district: 'RM8', latitude: 51.5575, longitude: 0.135, area: 'Barking and Dagenham' },
  { district: 'RM9', latitude: 51.537, longitude: 0.135, area: 'Barking and Dagenham' },
  { district: 'RM10', latitude: 51.547, longitude: 0.158, area: 'Barking and Dagenham' },
  { district: 'RM6', latitude: 51.577, longitude: 0.129, area: 'Barking and Dagenham' }, // shared with Redbridge

  // Metropolitan Borough of Bury
  { district: 'BL9', latitude: 53.59, longitude: -2.285, area: 'Bury' },
  { district: 'BL8', latitude: 53.604, longitude: -2.326, area: 'Bury' },
  { district: 'BL0', latitude: 53.649, longitude: -2.316, area: 'Bury' }, // Edenfield is Rossendale
  { district: 'M26', latitude: 53.5625, longitude: -2.3245, area: 'Bury' }, // Stoneclough is Bolton
  { district: 'M45', latitude: 53.552, longitude: -2.296, area: 'Bury' },
  { district: 'M25', latitude: 53.532, longitude: -2.279, area: 'Bury' },
];

/** The districts in the table, in its order. */
/* @__NO_SIDE_EFFECTS__ */
function listDistricts(): readonly string[] {
  return districtCentroids.map((entry) => entry.district);
}
export const coveredDistricts: readonly string[] = /* @__PURE__ */ listDistricts();

// An outward code with the letters each position allows (as in POSTCODE_PATTERN).
const DISTRICT_PATTERN = /^[A-PR-UWYZ]([0-9][0-9A-HJKPSTUW]?|[A-HK-Y][0-9][0-9ABEHMNPRVWXY]?)$/;
const FULL_POSTCODE_PATTERN =
  /^[A-PR-UWYZ]([0-9][0-9A-HJKPSTUW]?|[A-HK-Y][0-9][0-9ABEHMNPRVWXY]?) [0-9][ABD-HJLNP-UW-Z]{2}$/;

/**
 * The postcode district of a full postcode (`n1 9aa`, `N19AA`) or of a district on its own
 * (`nw10`); null for anything else. A partial postcode such as `N1 9` is null rather than read
 * as the district `N19`.
 */
export function districtOf(postcode: string): string | null {
  const trimmed = postcode.trim();
  const normalised = normalisePostcode(trimmed);
  if (FULL_POSTCODE_PATTERN.test(normalised)) return postcodeDistrict(normalised);
  return !/\s/.test(trimmed) && DISTRICT_PATTERN.test(normalised) ? normalised : null;
}

/** Where a postcode is, to the centre of its district. */
export interface Located extends GeoPoint {
  readonly district: string;
  readonly area: CoveredArea;
}

/**
 * The centre of the postcode's district and the area it is in, or null when the postcode is
 * not a postcode or its district is not in the table. Null means "we do not know where this
 * is": say so, never fall back to a guess.
 */
export function locate(postcode: string): Located | null {
  const district = districtOf(postcode);
  if (district === null) return null;
  const entry = districtCentroids.find((candidate) => candidate.district === district);
  return entry === undefined
    ? null
    : { district, latitude: entry.latitude, longitude: entry.longitude, area: entry.area };
}

/** The mean radius of the earth (IUGG), in kilometres. */
export const EARTH_RADIUS_KM = 6371.0088;

const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** The great-circle distance between two points in kilometres (haversine formula). */
export function distanceKm(a: GeoPoint, b: GeoPoint): number {
  const dLat = radians(b.latitude - a.latitude);
  const dLon = radians(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(radians(a.latitude)) * Math.cos(radians(b.latitude)) * Math.sin(dLon / 2) ** 2;
  // Rounding can push h a hair past 1 for antipodal points; asin of more than 1 is NaN.
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(Math.min(1, h)));
}
