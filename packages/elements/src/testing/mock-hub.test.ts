import { expect } from '@open-wc/testing';
import { createClient, searchServices } from '@hubkit/sdk';
import { startMockHub } from './mock-hub.ts';

describe('the browser mock hub', () => {
  it('answers the SDK from the page, with no server, and its failure switches work', async () => {
    const run = await startMockHub();
    try {
      const client = createClient({ apiKey: run.key, baseUrl: run.apiBase });
      const page = await searchServices(client, { postcode: 'N7 6QX', limit: 3 });
      expect(page.data).to.have.length(3);
      run.hub.faults.add({ kind: 'network', times: 1 });
      let failed = false;
      await searchServices(client, { postcode: 'N7 6QX' }, { maxRetries: 0 }).then(
        () => undefined,
        () => {
          failed = true;
        },
      );
      expect(failed).to.equal(true);
    } finally {
      await run.stop();
    }
  });
});
