/**
 * Directory search by where a person is, as a hub answers it: the reference server and the
 * mocks both rank here, so a partner's tests see what the hub would show.
 */
import { distanceKm, districtOf, locate, type GeoPoint } from './geo.ts';
import {
  postcodeDistrict,
  type Service,
  type ServiceSearchPage,
  type ServiceSearchResult,
} from '@hubkit/schema';
import { fieldProblem } from './problems.ts';

/**
 * Whether the results are in order of distance: from the postcode given; not, since none was
 * given; or not, since the hub cannot place the postcode given (a real postcode outside the
 * districts it knows), so the results are as without one and no radius was applied.
 */
export type SearchDistances = ServiceSearchPage['distances'];

export type DirectorySearchOutcome =
  | { ok: true; results: ServiceSearchResult[]; distances: SearchDistances }
  | { ok: false; reason: 'postcode_not_found' | 'radius_without_postcode' };

/**
 * Ranks `services` (already matched by words and need, best match first) for a person at
 * `postcode`: services for their area first, nearest first, phone and online ones after those
 * with a place; then the rest by distance. Distance is to the service's nearest location (its
 * coordinates, or its postcode district's centre), in kilometres to two places. With
 * `radiusKm`: located services within it, and those without a place that serve the person's
 * area. Defunct services are left out. Without a postcode, the order is kept and there are no
 * distances; with a real postcode the hub cannot place, the same, and `distances` says so.
 * Something that is not a postcode at all is refused (`postcode_not_found`).
 */
export function searchDirectory(
  services: readonly Service[],
  where: { postcode?: string | undefined; radiusKm?: number | undefined } = {},
): DirectorySearchOutcome {
  if (where.radiusKm !== undefined && !where.postcode)
    return { ok: false, reason: 'radius_without_postcode' };
  if (where.postcode !== undefined && districtOf(where.postcode) === null)
    return { ok: false, reason: 'postcode_not_found' };
  const origin = where.postcode ? locate(where.postcode) : null;
  const open = services.filter((s) => s.status !== 'defunct');
  if (!origin)
    return {
      ok: true,
      results: open.map((service) => ({ service, distanceKm: null, nearestLocationId: null })),
      distances: where.postcode ? 'postcode_not_found' : 'no_postcode',
    };

  let results: ServiceSearchResult[] = open.map((service) => nearestLocation(service, origin));
  const servesArea = (r: ServiceSearchResult) => r.service.areas.includes(origin.area);
  if (where.radiusKm !== undefined) {
    const radius = where.radiusKm;
    results = results.filter((r) =>
      r.distanceKm === null ? r.service.locations.length === 0 && servesArea(r) : r.distanceKm <= radius,
    );
  }
  // Stable: ties keep the order the words and need matched in.
  const rank = (r: ServiceSearchResult) => [servesArea(r) ? 0 : 1, r.distanceKm ?? Infinity] as const;
  results = results
    .map((r, i) => ({ r, i, key: rank(r) }))
    .sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.i - b.i)
    .map(({ r }) => r);
  return { ok: true, results, distances: 'from_postcode' };
}

/**
 * `service` with the distance from `origin` to its nearest location (its coordinates, or its
 * postcode district's centre), in kilometres to two places; null when none can be placed.
 */
export function nearestLocation(service: Service, origin: GeoPoint): ServiceSearchResult {
  let best: { km: number; id: string } | null = null;
  for (const location of service.locations) {
    const point =
      location.latitude !== undefined && location.longitude !== undefined
        ? { latitude: location.latitude, longitude: location.longitude }
        : locate(postcodeDistrict(location.address.postcode));
    if (!point) continue;
    const km = distanceKm(origin, point);
    if (!best || km < best.km) best = { km, id: location.id };
  }
  return {
    service,
    distanceKm: best ? Math.round(best.km * 100) / 100 : null,
    nearestLocationId: best?.id ?? null,
  };
}

/**
 * `searchDirectory` as the API answers it: the ranked results and whether they are in order of
 * distance, or a 422 naming the postcode when a distance is asked for without one. A real
 * postcode the hub cannot place is not an error: the results come as without one, and
 * `distances` is `postcode_not_found`.
 */
export function directorySearch(
  services: readonly Service[],
  where: { postcode?: string | undefined; radiusKm?: number | undefined } = {},
): { results: ServiceSearchResult[]; distances: SearchDistances } {
  const outcome = searchDirectory(services, where);
  if (outcome.ok) return { results: outcome.results, distances: outcome.distances };
  if (outcome.reason === 'radius_without_postcode') {
    throw fieldProblem('/postcode', 'required', 'Enter a postcode to search within a distance');
  }
  throw fieldProblem('/postcode', 'invalid', 'Enter a real postcode, like N1 1AA');
}

/** The results of `directorySearch` alone. */
export function directorySearchResults(
  services: readonly Service[],
  where: { postcode?: string | undefined; radiusKm?: number | undefined } = {},
): ServiceSearchResult[] {
  return directorySearch(services, where).results;
}
