/**
 * Directory search by where a person is, as a hub answers it: the reference server and the
 * mocks both rank here, so a partner's tests see what the hub would show.
 */
import { distanceKm, locate } from './geo.ts';
import { postcodeDistrict } from './primitives.ts';
import { fieldProblem } from './problems.ts';
import type { Service, ServiceSearchResult } from './service.ts';

export type DirectorySearchOutcome =
  | { ok: true; results: ServiceSearchResult[] }
  | { ok: false; reason: 'postcode_not_found' | 'radius_without_postcode' };

/**
 * Ranks `services` (already matched by words and need, best match first) for a person at
 * `postcode`: services for their area first, nearest first, phone and online ones after those
 * with a place; then the rest by distance. Distance is to the service's nearest location (its
 * coordinates, or its postcode district's centre), in kilometres to two places. With
 * `radiusKm`: located services within it, and those without a place that serve the person's
 * area. Defunct services are left out. Without a postcode, the order is kept and there are no
 * distances.
 */
export function searchDirectory(
  services: readonly Service[],
  where: { postcode?: string | undefined; radiusKm?: number | undefined } = {},
): DirectorySearchOutcome {
  if (where.radiusKm !== undefined && !where.postcode)
    return { ok: false, reason: 'radius_without_postcode' };
  const origin = where.postcode ? locate(where.postcode) : null;
  if (where.postcode && !origin) return { ok: false, reason: 'postcode_not_found' };
  const open = services.filter((s) => s.status !== 'defunct');
  if (!origin)
    return {
      ok: true,
      results: open.map((service) => ({ service, distanceKm: null, nearestLocationId: null })),
    };

  let results: ServiceSearchResult[] = open.map((service) => {
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
  });
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
  return { ok: true, results };
}

/**
 * `searchDirectory` as the API answers it: the ranked results, or a 422 naming the postcode
 * when a distance is asked for without one, or when the hub cannot place it.
 */
export function directorySearchResults(
  services: readonly Service[],
  where: { postcode?: string | undefined; radiusKm?: number | undefined } = {},
): ServiceSearchResult[] {
  const outcome = searchDirectory(services, where);
  if (outcome.ok) return outcome.results;
  if (outcome.reason === 'radius_without_postcode') {
    throw fieldProblem('/postcode', 'required', 'Enter a postcode to search within a distance');
  }
  throw fieldProblem(
    '/postcode',
    'postcode_not_found',
    'We cannot find that postcode in this hub’s area; search without it, or try another',
    'That postcode is outside the postcode districts this hub knows (it covers Islington, Brent, Barking and Dagenham, and Bury).',
  );
}
