import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  coveredAreas,
  coveredDistricts,
  districtCentroids,
  districtOf,
  distanceKm,
  locate,
  type CoveredArea,
  type GeoPoint,
} from './geo.ts';
import { seeded } from '../../schema/src/testing/edit.ts';

/**
 * Generous boxes round each borough, written independently of the table from what is known of
 * the boroughs' extent: they catch a swapped latitude and longitude, a dropped minus sign or a
 * slipped digit, not a centroid a kilometre out.
 */
const boxes: Record<CoveredArea, { south: number; north: number; west: number; east: number }> = {
  Islington: { south: 51.51, north: 51.585, west: -0.15, east: -0.07 },
  Brent: { south: 51.52, north: 51.61, west: -0.345, east: -0.185 },
  'Barking and Dagenham': { south: 51.505, north: 51.605, west: 0.06, east: 0.195 },
  Bury: { south: 53.515, north: 53.69, west: -2.4, east: -2.23 },
};

describe('districtCentroids', () => {
  it('covers each of the four areas with several districts, and nothing else', () => {
    assert.deepEqual([...coveredAreas].sort(), ['Barking and Dagenham', 'Brent', 'Bury', 'Islington']);
    for (const area of coveredAreas) {
      const count = districtCentroids.filter((entry) => entry.area === area).length;
      assert.ok(count >= 4, `${area} has ${count} districts`);
    }
    for (const entry of districtCentroids) assert.ok(coveredAreas.includes(entry.area), entry.district);
  });

  it('lists each district once, and coveredDistricts lists the same ones', () => {
    assert.equal(new Set(coveredDistricts).size, districtCentroids.length);
    assert.deepEqual(
      coveredDistricts,
      districtCentroids.map((entry) => entry.district),
    );
  });

  it('has districts that normalise to themselves', () => {
    for (const district of coveredDistricts) {
      assert.equal(districtOf(district), district);
      assert.equal(districtOf(` ${district.toLowerCase()} `), district);
    }
  });

  it('gives coordinates to 4 decimal places', () => {
    for (const { district, latitude, longitude } of districtCentroids) {
      for (const value of [latitude, longitude])
        assert.equal(Math.round(value * 1e4) / 1e4, value, `${district} ${value}`);
    }
  });

  it('puts every centroid inside a generous box round its borough', () => {
    for (const { district, latitude, longitude, area } of districtCentroids) {
      const box = boxes[area];
      assert.ok(latitude > box.south && latitude < box.north, `${district} latitude ${latitude}`);
      assert.ok(longitude > box.west && longitude < box.east, `${district} longitude ${longitude}`);
    }
  });

  it('keeps neighbouring districts of one borough within a few kilometres of each other', () => {
    // Every district of a borough is near at least one other: a wild centroid stands alone.
    for (const entry of districtCentroids) {
      const others = districtCentroids.filter((o) => o.area === entry.area && o !== entry);
      const nearest = Math.min(...others.map((o) => distanceKm(entry, o)));
      assert.ok(nearest < 7, `${entry.district} is ${nearest.toFixed(1)} km from its nearest neighbour`);
    }
  });
});

describe('districtOf', () => {
  it('takes the district of a full postcode however it is typed', () => {
    assert.equal(districtOf('N1 9AA'), 'N1');
    assert.equal(districtOf('n19aa'), 'N1');
    assert.equal(districtOf('  nw10  4hg '), 'NW10');
    assert.equal(districtOf('EC1V 2NX'), 'EC1V');
    assert.equal(districtOf('BL9 0EU'), 'BL9');
  });

  it('takes a district on its own', () => {
    assert.equal(districtOf('N19'), 'N19');
    assert.equal(districtOf('ec1v'), 'EC1V');
  });

  it('refuses what is neither, rather than guessing', () => {
    for (const value of ['', '   ', 'N1 9', 'NW10 4', 'Islington', 'Q1 1AA', 'N1 9AAA', '12345', 'V1'])
      assert.equal(districtOf(value), null, JSON.stringify(value));
  });
});

describe('locate', () => {
  it('places a full postcode in each borough in that borough', () => {
    const cases: [string, CoveredArea, string][] = [
      ['N1 9AA', 'Islington', 'N1'],
      ['N7 6RR', 'Islington', 'N7'],
      ['EC1V 4PW', 'Islington', 'EC1V'],
      ['NW10 4HG', 'Brent', 'NW10'],
      ['HA0 4TL', 'Brent', 'HA0'],
      ['IG11 7PB', 'Barking and Dagenham', 'IG11'],
      ['RM10 8DN', 'Barking and Dagenham', 'RM10'],
      ['BL9 0EU', 'Bury', 'BL9'],
      ['M45 7JA', 'Bury', 'M45'],
    ];
    for (const [postcode, area, district] of cases) {
      const found = locate(postcode);
      assert.ok(found, postcode);
      assert.equal(found.area, area, postcode);
      assert.equal(found.district, district, postcode);
      const entry = districtCentroids.find((e) => e.district === district);
      assert.equal(found.latitude, entry?.latitude);
      assert.equal(found.longitude, entry?.longitude);
    }
  });

  it('gives null outside the four boroughs, and for what is not a postcode', () => {
    for (const postcode of ['SW1A 2AA', 'M1 1AE', 'CF10 1EP', 'E1 6AN', 'HA1 1AA', 'OL10 1AA', 'N1 9', 'X'])
      assert.equal(locate(postcode), null, postcode);
  });

  it('gives the same answer for a district as for a postcode in it', () => {
    assert.deepEqual(locate('RM8'), locate('RM8 3UX'));
  });
});

describe('distanceKm', () => {
  const charingCross: GeoPoint = { latitude: 51.5074, longitude: -0.1278 };
  const manchesterCentre: GeoPoint = { latitude: 53.4808, longitude: -2.2426 };

  it('is 0 from a point to itself', () => {
    assert.equal(distanceKm(charingCross, charingCross), 0);
    for (const entry of districtCentroids) assert.equal(distanceKm(entry, entry), 0);
  });

  it('matches known distances', () => {
    const londonManchester = distanceKm(charingCross, manchesterCentre);
    assert.ok(Math.abs(londonManchester - 262) < 5, `${londonManchester}`);
    // A degree of latitude on a sphere of radius 6371.0088 km is 111.195 km.
    const degree = distanceKm({ latitude: 0, longitude: 0 }, { latitude: 1, longitude: 0 });
    assert.ok(Math.abs(degree - 111.195) < 0.001, `${degree}`);
    // Half way round the earth, not NaN.
    const antipodes = distanceKm({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 180 });
    assert.ok(Math.abs(antipodes - Math.PI * 6371.0088) < 1e-6, `${antipodes}`);
    // Islington to Bury: roughly London to Manchester, a little more.
    const n1 = locate('N1');
    const bl9 = locate('BL9');
    assert.ok(n1 && bl9);
    const km = distanceKm(n1, bl9);
    assert.ok(km > 260 && km < 290, `${km}`);
  });

  it('is symmetric and keeps the triangle inequality', () => {
    const random = seeded(20261123);
    const point = (): GeoPoint => ({ latitude: random() * 180 - 90, longitude: random() * 360 - 180 });
    for (let i = 0; i < 500; i++) {
      const [a, b, c] = [point(), point(), point()];
      const ab = distanceKm(a, b);
      assert.ok(ab >= 0);
      assert.ok(Math.abs(ab - distanceKm(b, a)) < 1e-9);
      assert.ok(distanceKm(a, c) <= ab + distanceKm(b, c) + 1e-9, JSON.stringify([a, b, c]));
    }
  });
});
