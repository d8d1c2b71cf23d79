// Welsh only on Welsh pages, from the real CDN build: a page in English fetches none of the Welsh
// chunks; a page in Welsh fetches them and never shows English on the way (cdn-lang.ts records
// every state each element's shadow root is in).
import { expect } from '@open-wc/testing';

interface Outcome {
  result: { fetched: string[]; seen: string[]; shown: string[] };
  violations: string[];
}

function load(page: string): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const frame = document.createElement('iframe');
    const timer = setTimeout(() => {
      reject(new Error(`${page} did not answer`));
    }, 25_000);
    window.addEventListener('message', function onMessage(event: MessageEvent<Outcome>) {
      if (event.source !== frame.contentWindow) return;
      window.removeEventListener('message', onMessage);
      clearTimeout(timer);
      frame.remove();
      resolve(event.data);
    });
    frame.src = new URL(`./${page}`, import.meta.url).href;
    document.body.append(frame);
  });
}

/** A Welsh chunk of the CDN build: rollup names it after its module (`welsh.cy.ts`). */
const welshChunk = (file: string) => /(^|\.)cy\.[0-9a-f]{8}\.js$/u.test(file);

// Text each element shows first, in each language (from the catalogues).
const ENGLISH = ['What are you looking for?', 'Who is making this referral?', 'What do you agree to?'];
const WELSH = [
  'Am beth ydych chi’n chwilio?',
  'Pwy sy’n gwneud yr atgyfeiriad hwn?',
  'Beth ydych chi’n cytuno iddo?',
];

describe('Welsh only on Welsh pages (the CDN build)', function () {
  this.timeout(30_000);

  it('a lang="en" page fetches no Welsh chunk and shows English', async () => {
    const { result, violations } = await load('cdn-lang-en.html');
    expect(violations).to.deep.equal([]);
    expect(result.fetched.length, 'the elements came from the CDN build').to.be.greaterThan(3);
    expect(result.fetched.filter(welshChunk)).to.deep.equal([]);
    // Nor any Welsh inside the chunks it fetched (before, it rode in the shared chunks).
    const texts = await Promise.all(
      result.fetched.map((file) => fetch(`/cdn/${file}`).then((r) => r.text())),
    );
    const withWelsh = result.fetched.filter((_, i) =>
      ['Arian a dyled', 'Mae problem wedi codi', 'Rhowch god post', 'Tynnwch y nodau fformatio cudd'].some(
        (text) => texts[i]?.includes(JSON.stringify(text).slice(1, -1)),
      ),
    );
    expect(withWelsh, 'chunks holding Welsh text').to.deep.equal([]);
    result.shown.forEach((text, i) => expect(text).to.include(ENGLISH[i]));
  });

  it('a lang="cy" page fetches the Welsh chunks and shows Welsh, with no English shown first', async () => {
    const { result, violations } = await load('cdn-lang-cy.html');
    expect(violations).to.deep.equal([]);
    const welsh = result.fetched.filter(welshChunk);
    expect(welsh, 'one Welsh chunk: every catalogue’s and the schema’s').to.have.length(1);
    expect(welsh[0]).to.match(/^welsh\.cy\./u);
    result.shown.forEach((text, i) => expect(text).to.include(WELSH[i]));
    expect(result.seen.length, 'every render was recorded').to.be.greaterThan(0);
    const english = result.seen.filter((state) => ENGLISH.some((text) => state.includes(text)));
    expect(english, 'no state of any element held English').to.deep.equal([]);
  });
});
