import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
// The Custom Elements Manifest (see main.ts): controls and docs for every element.
import manifest from 'virtual:hubkit/custom-elements.json';
import '@hubkit/elements/define';
import { forgetMockHub, mockHubLoader } from '../stories/support/mock-hub.ts';

interface Member {
  name: string;
  privacy?: string;
  static?: boolean;
}

const isPublic = (m: Member) =>
  m.privacy !== 'private' && m.privacy !== 'protected' && !m.static && !m.name.startsWith('#');

/** The manifest as a partner sees the elements: private, protected and static members left out. */
function publicOnly(value: unknown): unknown {
  if (Array.isArray(value)) return (value as unknown[]).map(publicOnly);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, item]) => [
      key,
      key === 'members' && Array.isArray(item) ? (item as Member[]).filter(isPublic) : publicOnly(item),
    ]),
  );
}

setCustomElementsManifest(publicOnly(manifest));

const preview: Preview = {
  tags: ['autodocs'],
  loaders: [mockHubLoader],
  beforeEach: (context) => forgetMockHub(context),
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
    a11y: {
      // A violation fails the story in Storybook's test run, not just a warning in the panel.
      test: 'error',
      options: {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      },
    },
  },
};

export default preview;
